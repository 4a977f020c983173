// TLS to Temporal: the files TEMPORAL_TLS_* name, read when a connection is made.

import { readFileSync } from 'node:fs';
import type { TLSConfig } from '@temporalio/client';
import type { TemporalTlsFiles } from '@libs/config';

/** The TLS options of every connection to Temporal; undefined for plain gRPC (TEMPORAL_TLS unset). */
export function temporalTls(files: TemporalTlsFiles | undefined): TLSConfig | undefined {
  if (!files) return undefined;
  return {
    serverNameOverride: files.serverName,
    serverRootCACertificate: files.caFile ? readPem('TEMPORAL_TLS_CA_FILE', files.caFile) : undefined,
    clientCertPair: files.client && {
      crt: readPem('TEMPORAL_TLS_CERT_FILE', files.client.certFile),
      key: readPem('TEMPORAL_TLS_KEY_FILE', files.client.keyFile),
    },
  };
}

function readPem(setting: string, file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new Error(
      `${setting}=${file}: 无法读取 (cannot read it): ${error instanceof Error ? error.message : error}`,
    );
  }
}
