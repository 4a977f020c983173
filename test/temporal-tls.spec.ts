// TEMPORAL_TLS_*: the API's client, the search-attribute registration and the case worker reach Temporal
// through mutual TLS. The dev server speaks plain gRPC only, so a TLS front (what a Temporal frontend with
// `global.tls.frontend.requireClientAuth` does) terminates TLS, demands a client certificate of the
// spec's CA, and passes the gRPC stream on. Certificates are made with the openssl CLI for this run.

import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type Server, type TLSSocket } from 'node:tls';
import { loadConfig } from '@libs/config';
import { HOUSEHOLD_CASE_WORKFLOW } from '@libs/contracts';
import {
  casePayloadCodec,
  connectClient,
  createCaseWorker,
  ensureSearchAttributes,
  temporalTls,
} from '@libs/temporal';
import { eventually, testEnv } from './support/platform';

let dir: string;
let front: Server;
let address: string;
/** The common names of the client certificates the front accepted. */
const accepted: string[] = [];

function openssl(...args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
}

/** A key and a certificate signed by the spec's CA, for a server (localhost) or a client. */
function issue(name: string, usage: 'serverAuth' | 'clientAuth'): void {
  openssl('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', `${name}.key`);
  openssl('req', '-new', '-key', `${name}.key`, '-subj', `/CN=${name}`, '-out', `${name}.csr`);
  writeFileSync(
    join(dir, `${name}.ext`),
    [
      'basicConstraints=CA:FALSE',
      'keyUsage=critical,digitalSignature',
      `extendedKeyUsage=${usage}`,
      ...(usage === 'serverAuth' ? ['subjectAltName=DNS:localhost,IP:127.0.0.1'] : []),
    ].join('\n'),
  );
  openssl(
    'x509',
    '-req',
    '-in',
    `${name}.csr`,
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-days',
    '1',
    '-extfile',
    `${name}.ext`,
    '-out',
    `${name}.pem`,
  );
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'temporal-tls-'));
  openssl(
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-keyout',
    'ca.key',
    '-out',
    'ca.pem',
    '-days',
    '1',
    '-subj',
    '/CN=changxiao-test-ca',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  );
  issue('temporal-frontend', 'serverAuth');
  issue('changxiao-platform', 'clientAuth');

  const [host, port] = testEnv().temporalAddress.split(':');
  const file = (name: string) => readFileSync(join(dir, name));
  front = createServer(
    {
      key: file('temporal-frontend.key'),
      cert: file('temporal-frontend.pem'),
      ca: file('ca.pem'),
      requestCert: true,
      rejectUnauthorized: true,
      ALPNProtocols: ['h2'],
    },
    (socket: TLSSocket) => {
      accepted.push(String(socket.getPeerCertificate().subject.CN));
      const upstream = connect(Number(port), host);
      socket.pipe(upstream).pipe(socket);
      socket.on('error', () => upstream.destroy());
      upstream.on('error', () => socket.destroy());
    },
  );
  front.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
  address = `localhost:${(front.address() as { port: number }).port}`;
});

afterAll(async () => {
  if (front) await new Promise((resolve) => front.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

/** The configuration a process would read, TLS files and all. */
function configWith(env: Record<string, string> = {}) {
  return loadConfig({
    NODE_ENV: 'test',
    TEMPORAL_ADDRESS: address,
    TEMPORAL_PAYLOAD_KEY: testEnv().payloadKey,
    TEMPORAL_TLS_CA_FILE: join(dir, 'ca.pem'),
    TEMPORAL_TLS_CERT_FILE: join(dir, 'changxiao-platform.pem'),
    TEMPORAL_TLS_KEY_FILE: join(dir, 'changxiao-platform.key'),
    ...env,
  });
}

describe('TLS to Temporal', () => {
  it('the client, the search-attribute registration and the worker go through mutual TLS', async () => {
    const config = configWith();
    const target = { address, namespace: config.temporal.namespace, tls: temporalTls(config.temporal.tls) };
    expect(await ensureSearchAttributes(target)).toEqual([]);

    const payloadCodec = casePayloadCodec(config);
    const client = await connectClient({ ...target, payloadCodec });
    const taskQueue = `tls-${randomUUID()}`;
    const { worker, run } = await createCaseWorker({
      ...target,
      taskQueue,
      activities: {},
      workflowBundle: { codePath: testEnv().workflowBundle },
      payloadCodec,
    });
    const running = run();
    try {
      const handle = await client.workflow.start(HOUSEHOLD_CASE_WORKFLOW, {
        taskQueue,
        workflowId: `tls-spec-${randomUUID()}`,
        args: [{ caseId: randomUUID() }],
      });
      // The worker polled its first workflow task over its own TLS connection.
      await eventually(async () => {
        const history = await handle.fetchHistory();
        return history.events?.some((event) => event.workflowTaskStartedEventAttributes) ? true : undefined;
      });
      await handle.terminate('TLS spec done');
    } finally {
      worker.shutdown();
      await running;
      await client.connection.close();
    }
    expect(accepted.length).toBeGreaterThanOrEqual(3);
    expect(new Set(accepted)).toEqual(new Set(['changxiao-platform']));
  });

  it('a connection without the client certificate is refused', async () => {
    const config = configWith({ TEMPORAL_TLS_CERT_FILE: '', TEMPORAL_TLS_KEY_FILE: '' });
    expect(config.temporal.tls).toMatchObject({ client: undefined });
    const before = accepted.length;
    await expect(
      ensureSearchAttributes({
        address,
        namespace: config.temporal.namespace,
        tls: temporalTls(config.temporal.tls),
      }),
    ).rejects.toThrow();
    expect(accepted.length).toBe(before);
  });

  it('names a TLS file that cannot be read', () => {
    const config = configWith({ TEMPORAL_TLS_CA_FILE: join(dir, 'missing.pem') });
    expect(() => temporalTls(config.temporal.tls)).toThrow(/TEMPORAL_TLS_CA_FILE=.*missing\.pem: 无法读取/);
  });
});
