import './support/path-aliases';
import { dropDatabase } from '@libs/persistence';
import type { DevServer } from '@libs/temporal';

export default async function globalTeardown(): Promise<void> {
  const { __devServer, __testDatabaseUrl } = globalThis as unknown as {
    __devServer?: DevServer;
    __testDatabaseUrl?: string;
  };
  await __devServer?.stop();
  if (__testDatabaseUrl) await dropDatabase(__testDatabaseUrl);
}
