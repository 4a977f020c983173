import { dropDatabase } from '../libs/persistence/src';
import type { DevServer } from '../libs/temporal/src';

export default async function globalTeardown(): Promise<void> {
  const { __devServer, __testDatabaseUrl } = globalThis as unknown as {
    __devServer?: DevServer;
    __testDatabaseUrl?: string;
  };
  await __devServer?.stop();
  if (__testDatabaseUrl) await dropDatabase(__testDatabaseUrl);
}
