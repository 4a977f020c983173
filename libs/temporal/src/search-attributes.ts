// Registers the case workflows' search attributes on a server that lacks them (a cluster or the
// docker-compose server; the dev server gets them as start-up flags).

import { Connection } from '@temporalio/client';
import { encodeSearchAttributeIndexedValueType } from '@temporalio/common/lib/search-attributes';
import { CASE_SEARCH_ATTRIBUTES } from '@libs/contracts';
import type { TemporalTarget } from './temporal';

export async function ensureSearchAttributes({ address, namespace, tls }: TemporalTarget): Promise<string[]> {
  const connection = await Connection.connect({ address, tls });
  try {
    return await addMissing(connection, namespace);
  } finally {
    await connection.close();
  }
}

async function addMissing(connection: Connection, namespace: string): Promise<string[]> {
  const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace });
  const missing = CASE_SEARCH_ATTRIBUTES.filter((key) => !(key.name in (customAttributes ?? {})));
  if (missing.length === 0) return [];
  await connection.operatorService.addSearchAttributes({
    namespace,
    searchAttributes: Object.fromEntries(
      missing.map((key) => [key.name, encodeSearchAttributeIndexedValueType(key.type)!]),
    ),
  });
  return missing.map((key) => key.name);
}
