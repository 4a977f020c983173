// Sign-in that cannot be forged or outlive a change: a token names a user and a session only, the guard
// reads the user's current record on every request, and forged, altered, revoked or outdated tokens are
// refused (401) and audited. Wrong passwords lock an account, an admin's reset forces a change, and an
// unknown username (or a disabled account) is answered, counted and locked as a wrong password of a known
// one is. Every test makes its own users; the per-address limit is tried from a loopback address of this
// spec's own (or an address a trusted proxy forwards), so no other spec's sign-ins are touched.

import { createHash, randomInt, randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { JwtService } from '@nestjs/jwt';
import type { Role } from '@libs/domain';
import {
  ADDRESS_FAILURE_LIMIT,
  LOCKOUT_MINUTES,
  MAX_FAILED_LOGINS,
  NAME_WINDOW_MINUTES,
  SESSION_KEEP_DAYS,
  ADDRESS_WINDOW_MINUTES,
  TOKEN_REFUSALS_AUDITED,
  tokenRefusalKey,
} from '@api/auth/login-throttle';
import { returningRows } from '@libs/persistence';
import { DEMO_PASSWORD } from '../scripts/lib/demo-county';
import { createVillage } from './support/places';
import { type ApiResponse, ApiClient, type Platform, startPlatform } from './support/platform';
import { createUser } from './support/users';

const COUNTY = '370323';
const YUEZHUANG = '370323105'; // 悦庄镇: not where this spec's users are
const NEW_PASSWORD = 'Changxiao2029a';
const INVALID_TOKEN_MESSAGE = '登录令牌无效或已过期，请重新登录';

let platform: Platform;
let adminToken: string;
let village: string;

beforeAll(async () => {
  platform = await startPlatform();
  village = await createVillage(platform.dataSource);
  const admin = await createUser(platform.dataSource, 'admin', COUNTY);
  adminToken = (await signIn(admin.username)).body.accessToken;
});

afterAll(async () => {
  await platform?.stop();
});

function signIn(username: string, password = DEMO_PASSWORD): Promise<ApiResponse> {
  return ApiClient.anonymous(platform.baseUrl).post('/auth/login', { username, password });
}

/**
 * A request sent from another loopback address (the API sees it as the socket's address), to this spec's
 * platform or another, with an X-Forwarded-For header if given.
 */
function requestFrom(
  address: string,
  method: string,
  path: string,
  {
    body,
    token,
    forwardedFor,
    to = platform,
  }: { body?: unknown; token?: string; forwardedFor?: string; to?: Platform } = {},
): Promise<ApiResponse> {
  const { port, pathname: prefix } = new URL(to.baseUrl);
  const text = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const sent = httpRequest(
      {
        host: '127.0.0.1',
        port,
        localAddress: address,
        method,
        path: `${prefix}${path}`,
        headers: {
          ...(text === undefined
            ? {}
            : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }),
          ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
          ...(forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor }),
        },
      },
      (response) => {
        let answer = '';
        response.setEncoding('utf8');
        response.on('data', (chunk) => (answer += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(answer) }));
      },
    );
    sent.on('error', reject);
    sent.end(text);
  });
}

/** A sign-in sent from another loopback address. */
function signInFrom(
  address: string,
  username: string,
  password: string,
  options: { forwardedFor?: string; to?: Platform } = {},
): Promise<ApiResponse> {
  return requestFrom(address, 'POST', '/auth/login', { ...options, body: { username, password } });
}

/** A loopback address of this spec's own, as the source of sign-ins no other spec makes. */
const ownLoopback = () => `127.${randomInt(1, 255)}.${randomInt(0, 255)}.${randomInt(1, 255)}`;

/** Counts the address's failures in its window up to one short of the limit, as if made earlier. */
async function nearAddressLimit(address: string): Promise<void> {
  const rows = await returningRows(
    platform.dataSource.manager,
    'UPDATE login_failures_by_address SET failures = $2 - 1 WHERE source_address = $1 RETURNING 1',
    [address, ADDRESS_FAILURE_LIMIT],
  );
  expect(rows).toHaveLength(1);
}

function call(token: string, method: string, path: string, body?: unknown): Promise<ApiResponse> {
  return ApiClient.withToken(platform.baseUrl, token).request(method, path, body);
}

const asAdmin = (method: string, path: string, body?: unknown) => call(adminToken, method, path, body);

/** A user of this spec, signed in: their id, username and token. */
async function signedInUser(role: Role = 'countyOfficer', place = COUNTY, department?: string) {
  const user = await createUser(platform.dataSource, role, place, department);
  const login = await signIn(user.username);
  expect(login.status).toBe(200);
  return { ...user, token: login.body.accessToken as string };
}

function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
}

/** The audit row of a refused token (each token is audited once). */
async function refusalOf(token: string): Promise<{ actor_id: string; after: any } | undefined> {
  const [row] = await platform.dataSource.query(
    'SELECT actor_id, after FROM audit_events WHERE event_key = $1',
    [`auth.tokenRefused:${createHash('sha256').update(token).digest('hex')}`],
  );
  return row;
}

async function expectRefused(token: string, reason: string, userId: string, message = INVALID_TOKEN_MESSAGE) {
  const response = await call(token, 'GET', '/auth/me');
  expect(response).toEqual({ status: 401, body: { statusCode: 401, code: 'UNAUTHENTICATED', message } });
  const audited = await refusalOf(token);
  expect(audited?.actor_id).toBe('system');
  expect(audited?.after).toEqual(expect.objectContaining({ reason, claimedUserId: userId }));
}

/** Which of the addresses have failed sign-ins counted against them. */
async function failingAddresses(addresses: string[]): Promise<string[]> {
  const rows = await platform.dataSource.query(
    'SELECT source_address FROM login_failures_by_address WHERE source_address = ANY($1) ORDER BY 1',
    [addresses],
  );
  return rows.map((row: { source_address: string }) => row.source_address);
}

/** The count of wrong passwords against a name: the account's, or the name's own if none has it. */
async function failedLoginsOf(username: string): Promise<number> {
  const [row] = await platform.dataSource.query(
    `SELECT failed_logins FROM users WHERE username = $1
     UNION ALL SELECT failed_logins FROM login_failures_by_username WHERE username = $1`,
    [username],
  );
  return row.failed_logins;
}

async function auditActions(entityId: string): Promise<string[]> {
  const rows = await platform.dataSource.query(
    'SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY id',
    [entityId],
  );
  return rows.map((row: { action: string }) => row.action);
}

describe('tokens', () => {
  it('carry only the user and the session, and /auth/me answers from the current record', async () => {
    const user = await signedInUser('departmentOfficer', COUNTY, 'civilAffairs');
    expect(Object.keys(claimsOf(user.token)).sort()).toEqual(['exp', 'iat', 'sid', 'sub']);
    const me = await call(user.token, 'GET', '/auth/me');
    expect(me.status).toBe(200);
    expect(me.body).toEqual(
      expect.objectContaining({
        userId: user.id,
        role: 'departmentOfficer',
        department: 'civilAffairs',
        jurisdictionId: COUNTY,
        mustChangePassword: false,
      }),
    );
  });

  it('refuses tokens signed with the placeholder secret, another key, another algorithm, none or an altered signature, and audits each', async () => {
    const user = await signedInUser();
    const { sub, sid } = claimsOf(user.token);
    const [header, payload, signature] = user.token.split('.');
    const flipped = signature[0] === 'A' ? 'B' : 'A';
    const forged = [
      await new JwtService({ secret: 'change-me-in-production' }).signAsync({ sub, sid }),
      await new JwtService({ secret: 'another-secret-entirely-0123456789' }).signAsync({ sub, sid }),
      `${header}.${payload}.${flipped}${signature.slice(1)}`,
      // The real key, but an algorithm tokens are not signed with; and no signature at all.
      await new JwtService({ secret: platform.config.jwt.secret! }).signAsync(
        { sub, sid },
        { algorithm: 'HS512' },
      ),
      `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`,
    ];
    for (const token of forged) await expectRefused(token, 'invalidSignature', user.id);
    // The genuine token is untouched by the forgeries.
    expect((await call(user.token, 'GET', '/auth/me')).status).toBe(200);
  });

  it('refuses a token signed with the real key that claims a role the user does not have', async () => {
    const user = await signedInUser('caseworker', village);
    const { sub, sid } = claimsOf(user.token);
    const real = new JwtService({ secret: platform.config.jwt.secret! });
    await expectRefused(await real.signAsync({ sub, sid, role: 'admin' }), 'claimsMismatch', user.id);
    await expectRefused(
      await real.signAsync({ sub, sid, jurisdictionId: COUNTY }),
      'claimsMismatch',
      user.id,
    );
    // The shape tokens had before sessions: role and place in the claims, no session.
    await expectRefused(
      await real.signAsync({ sub, userId: sub, role: 'caseworker', jurisdictionId: village }),
      'malformedClaims',
      user.id,
    );
    expect((await call(user.token, 'GET', '/auth/me')).status).toBe(200);
  });

  it('audits a refused token once however often it is sent, and leaves garbage unaudited', async () => {
    const user = await signedInUser();
    const forged = await new JwtService({ secret: 'another-secret-entirely-0123456789' }).signAsync({
      sub: user.id,
      sid: claimsOf(user.token).sid,
    });
    for (let i = 0; i < 3; i++) expect((await call(forged, 'GET', '/tasks')).status).toBe(401);
    expect((await call('not-a-jwt-at-all', 'GET', '/tasks')).status).toBe(401);
    const [{ n }] = await platform.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE event_key = $1`,
      [`auth.tokenRefused:${createHash('sha256').update(forged).digest('hex')}`],
    );
    expect(n).toBe(1);
    expect(await refusalOf('not-a-jwt-at-all')).toBeUndefined();
  });
});

describe('changes by an admin', () => {
  it('refuses the old token at once after a role change, and a new sign-in has the new role', async () => {
    const user = await signedInUser('countyOfficer');
    const changed = await asAdmin('PATCH', `/admin/users/${user.id}`, { role: 'supervisor' });
    expect(changed.status).toBe(200);
    await expectRefused(
      user.token,
      'sessionRevoked',
      user.id,
      '登录已失效（已退出，或密码、角色、辖区已变更），请重新登录',
    );
    const again = await signIn(user.username);
    expect(again.body.user.role).toBe('supervisor');
    const me = await call(again.body.accessToken, 'GET', '/auth/me');
    expect(me.body.role).toBe('supervisor');
    const [event] = await platform.dataSource.query(
      `SELECT after FROM audit_events WHERE entity_id = $1 AND action = 'user.updated'`,
      [user.id],
    );
    expect(event.after).toEqual(expect.objectContaining({ role: 'supervisor', sessionsRevoked: 1 }));
  });

  it('refuses the old token after a change of department or place, but not after a new display name', async () => {
    const officer = await signedInUser('departmentOfficer', COUNTY, 'civilAffairs');
    const renamed = await asAdmin('PATCH', `/admin/users/${officer.id}`, { displayName: '改名后的经办人' });
    expect(renamed.status).toBe(200);
    // Read from the record on the very next request.
    expect((await call(officer.token, 'GET', '/auth/me')).body.displayName).toBe('改名后的经办人');

    expect((await asAdmin('PATCH', `/admin/users/${officer.id}`, { department: 'housing' })).status).toBe(
      200,
    );
    expect((await call(officer.token, 'GET', '/auth/me')).status).toBe(401);

    const caseworker = await signedInUser('caseworker', village);
    const moved = await asAdmin('PATCH', `/admin/users/${caseworker.id}`, {
      jurisdictionId: await createVillage(platform.dataSource),
    });
    expect(moved.status).toBe(200);
    expect((await call(caseworker.token, 'GET', '/tasks')).status).toBe(401);
  });

  it('disabling a user ends their sessions and refuses their sign-in as a wrong password until enabled again', async () => {
    const user = await signedInUser();
    const disabled = await asAdmin('PATCH', `/admin/users/${user.id}`, { enabled: false });
    expect(disabled.status).toBe(200);
    expect(disabled.body.enabled).toBe(false);
    await expectRefused(user.token, 'userDisabled', user.id, '账户已停用，请联系系统管理员');
    // The right password is answered, and counted, as a wrong one: nothing confirms it.
    expect(await signIn(user.username)).toEqual(await signIn(user.username, 'WrongPassword1'));
    expect(await signIn(user.username)).toEqual({
      status: 401,
      body: { statusCode: 401, code: 'LOGIN_FAILED', message: '用户名或密码错误' },
    });
    expect(await failedLoginsOf(user.username)).toBe(3);

    expect((await asAdmin('PATCH', `/admin/users/${user.id}`, { enabled: true })).status).toBe(200);
    expect((await signIn(user.username)).status).toBe(200);
  });

  it('does not let an admin disable themselves or reset their own password', async () => {
    const self = await signedInUser('admin', COUNTY);
    const disable = await call(self.token, 'PATCH', `/admin/users/${self.id}`, { enabled: false });
    expect(disable.status).toBe(403);
    expect(disable.body.code).toBe('SELF_CHANGE');
    const reset = await call(self.token, 'POST', `/admin/users/${self.id}/password`, {
      password: NEW_PASSWORD,
    });
    expect(reset.status).toBe(403);
    expect(reset.body.code).toBe('SELF_CHANGE');
    expect((await call(self.token, 'GET', '/auth/me')).status).toBe(200);
  });
});

describe('sign-in throttling', () => {
  it(`locks an account after ${MAX_FAILED_LOGINS} wrong passwords in a row, even against the right one, until an admin unlocks it`, async () => {
    const user = await signedInUser();
    // A success in between starts the count again.
    for (let i = 0; i < MAX_FAILED_LOGINS - 1; i++) {
      expect((await signIn(user.username, 'WrongPassword1')).status).toBe(401);
    }
    expect((await signIn(user.username)).status).toBe(200);
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) {
      expect((await signIn(user.username, 'WrongPassword1')).status).toBe(401);
    }
    const locked = await signIn(user.username);
    expect(locked.status).toBe(423);
    expect(locked.body.code).toBe('ACCOUNT_LOCKED');
    expect(locked.body.message).toMatch(/已被锁定.*后再试/);
    const until = new Date(locked.body.lockedUntil).getTime();
    expect(until).toBeGreaterThan(Date.now() + (LOCKOUT_MINUTES - 1) * 60_000);
    expect(until).toBeLessThanOrEqual(Date.now() + LOCKOUT_MINUTES * 60_000);
    // A session made before the lockout goes on.
    expect((await call(user.token, 'GET', '/auth/me')).status).toBe(200);

    // Only an admin whose jurisdiction holds the user may unlock, and only an admin.
    const elsewhere = await signedInUser('admin', YUEZHUANG);
    expect((await call(elsewhere.token, 'POST', `/admin/users/${user.id}/unlock`)).status).toBe(404);
    expect((await call(user.token, 'POST', `/admin/users/${user.id}/unlock`)).status).toBe(403);
    const unlocked = await asAdmin('POST', `/admin/users/${user.id}/unlock`);
    expect(unlocked.status).toBe(200);
    expect(unlocked.body).toEqual(expect.objectContaining({ id: user.id, lockedUntil: null }));
    expect((await signIn(user.username)).status).toBe(200);

    const actions = await auditActions(user.id);
    expect(actions.filter((a) => a === 'auth.locked')).toHaveLength(1);
    expect(actions.filter((a) => a === 'user.unlocked')).toHaveLength(1);
  });

  it(`answers an unknown username exactly as a known one, wrong passwords 1–${MAX_FAILED_LOGINS} and the lockout after`, async () => {
    const user = await createUser(platform.dataSource, 'countyOfficer', COUNTY);
    const unknown = `nobody_${randomInt(1_000_000_000)}`;
    for (let attempt = 1; attempt <= MAX_FAILED_LOGINS; attempt++) {
      const known = await signIn(user.username, 'WrongPassword1');
      expect(await signIn(unknown, 'WrongPassword1')).toEqual(known);
      expect(known).toEqual({
        status: 401,
        body: { statusCode: 401, code: 'LOGIN_FAILED', message: '用户名或密码错误' },
      });
    }
    const locked = await signIn(user.username, DEMO_PASSWORD);
    const lockedUnknown = await signIn(unknown, DEMO_PASSWORD);
    // The answers with the time taken out: it is when the fifth wrong password came, a moment apart.
    const withoutTime = ({ status, body: { lockedUntil, message, ...body } }: ApiResponse) => ({
      answer: {
        status,
        body: {
          ...body,
          message: message.replace(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/, '<time>'),
          lockedUntil: typeof lockedUntil,
        },
      },
      lockedUntil: new Date(lockedUntil).getTime(),
    });
    const [known, other] = [withoutTime(locked), withoutTime(lockedUnknown)];
    expect(other.answer).toEqual(known.answer);
    expect(known.answer).toEqual({
      status: 423,
      body: {
        statusCode: 423,
        code: 'ACCOUNT_LOCKED',
        message: `账户因连续 ${MAX_FAILED_LOGINS} 次密码错误已被锁定，请于 <time>（北京时间）后再试，或请系统管理员解锁`,
        lockedUntil: 'string',
      },
    });
    // Each locked until a quarter of an hour from its fifth wrong password.
    for (const { lockedUntil } of [known, other]) {
      expect(lockedUntil).toBeGreaterThan(Date.now() + (LOCKOUT_MINUTES - 1) * 60_000);
      expect(lockedUntil).toBeLessThanOrEqual(Date.now() + LOCKOUT_MINUTES * 60_000);
    }
    const [event] = await platform.dataSource.query(
      `SELECT actor_id, after FROM audit_events WHERE action = 'auth.locked' AND entity_type = 'username' AND entity_id = $1`,
      [unknown],
    );
    expect(event).toEqual({
      actor_id: 'system',
      after: expect.objectContaining({
        username: unknown,
        accountExists: false,
        failedLogins: MAX_FAILED_LOGINS,
      }),
    });
  });

  it(`starts a name's count again once ${NAME_WINDOW_MINUTES} minutes have passed since its first wrong password, known or not`, async () => {
    const user = await createUser(platform.dataSource, 'countyOfficer', COUNTY);
    const unknown = `nobody_${randomInt(1_000_000_000)}`;
    for (let attempt = 1; attempt < MAX_FAILED_LOGINS; attempt++) {
      await signIn(user.username, 'WrongPassword1');
      await signIn(unknown, 'WrongPassword1');
    }
    // The wrong passwords so far, as if made before the window.
    for (const table of ['users', 'login_failures_by_username']) {
      const moved = await returningRows(
        platform.dataSource.manager,
        `UPDATE ${table} SET failed_logins_since = failed_logins_since - make_interval(mins => $2)
         WHERE username = ANY($1) RETURNING failed_logins`,
        [[user.username, unknown], NAME_WINDOW_MINUTES],
      );
      expect(moved).toEqual([{ failed_logins: MAX_FAILED_LOGINS - 1 }]);
    }
    for (const name of [user.username, unknown]) {
      expect((await signIn(name, 'WrongPassword1')).status).toBe(401);
      expect(await failedLoginsOf(name)).toBe(1);
      expect((await signIn(name, 'WrongPassword1')).status).toBe(401);
    }
    // A success clears the count and its window: the next wrong password starts a new one.
    expect((await signIn(user.username)).status).toBe(200);
    const [cleared] = await platform.dataSource.query(
      'SELECT failed_logins, failed_logins_since FROM users WHERE id = $1',
      [user.id],
    );
    expect(cleared).toEqual({ failed_logins: 0, failed_logins_since: null });
  });

  it(`refuses a source address after ${ADDRESS_FAILURE_LIMIT} failed sign-ins in its window, even with the right password`, async () => {
    const address = ownLoopback();
    const user = await createUser(platform.dataSource, 'countyOfficer', COUNTY);
    expect((await signInFrom(address, user.username, 'WrongPassword1')).status).toBe(401);
    await nearAddressLimit(address);
    expect((await signInFrom(address, `nobody_${randomInt(1_000_000)}`, 'WrongPassword1')).status).toBe(401);
    const refused = await signInFrom(address, user.username, DEMO_PASSWORD);
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe('TOO_MANY_LOGIN_FAILURES');
    expect(refused.body.message).toMatch(/该地址登录失败次数过多/);
    // Another address signs in as ever.
    expect((await signIn(user.username)).status).toBe(200);

    // Once the window has passed the address may try again.
    await platform.dataSource.query(
      `UPDATE login_failures_by_address SET window_started_at = now() - interval '1 hour' WHERE source_address = $1`,
      [address],
    );
    expect((await signInFrom(address, user.username, DEMO_PASSWORD)).status).toBe(200);
  });

  it(`audits at most ${TOKEN_REFUSALS_AUDITED} distinct refused tokens per address and window, and never blocks its sign-ins for them`, async () => {
    const address = ownLoopback();
    const forge = () =>
      new JwtService({ secret: 'change-me-in-production' }).signAsync({
        sub: randomUUID(),
        sid: randomUUID(),
      });
    const audited = async (token: string) =>
      (
        await platform.dataSource.query('SELECT 1 FROM audit_events WHERE event_key = $1', [
          `auth.tokenRefused:${createHash('sha256').update(token).digest('hex')}`,
        ])
      ).length === 1;
    const budget = async () =>
      (
        await platform.dataSource.query(
          'SELECT failures FROM login_failures_by_address WHERE source_address = $1',
          [tokenRefusalKey(address)],
        )
      )[0]?.failures;
    const first = await forge();
    expect((await requestFrom(address, 'GET', '/tasks', { token: first })).status).toBe(401);
    expect(await audited(first)).toBe(true);
    // The same token again is answered alike and neither audited nor counted twice.
    expect((await requestFrom(address, 'GET', '/tasks', { token: first })).status).toBe(401);
    expect(await budget()).toBe(1);

    await platform.dataSource.query(
      'UPDATE login_failures_by_address SET failures = $2 WHERE source_address = $1',
      [tokenRefusalKey(address), TOKEN_REFUSALS_AUDITED],
    );
    const over = await forge();
    expect((await requestFrom(address, 'GET', '/tasks', { token: over })).status).toBe(401);
    expect(await audited(over)).toBe(false);
    // The address still signs in: its refused tokens are not failed sign-ins.
    const user = await createUser(platform.dataSource, 'countyOfficer', COUNTY);
    expect((await signInFrom(address, user.username, DEMO_PASSWORD)).status).toBe(200);
  });

  it('ignores X-Forwarded-For without TRUST_PROXY: a client cannot dodge the limit by naming another address', async () => {
    const address = ownLoopback();
    const user = await createUser(platform.dataSource, 'countyOfficer', COUNTY);
    const forged = () => `203.0.113.${randomInt(1, 255)}`;
    const claimed = forged();
    const wrong = await signInFrom(address, user.username, 'WrongPassword1', { forwardedFor: claimed });
    expect(wrong.status).toBe(401);
    expect(await failingAddresses([address, claimed])).toEqual([address]);
    await nearAddressLimit(address);
    await signInFrom(address, user.username, 'WrongPassword1', { forwardedFor: forged() });
    const refused = await signInFrom(address, user.username, DEMO_PASSWORD, { forwardedFor: forged() });
    expect(refused.status).toBe(429);
  });

  describe('behind a reverse proxy (TRUST_PROXY=loopback)', () => {
    let proxied: Platform;

    beforeAll(async () => {
      proxied = await startPlatform({ settings: { TRUST_PROXY: 'loopback' } });
    });

    afterAll(async () => {
      await proxied?.stop();
    });

    it('counts each client the proxy forwards apart, by the address the proxy added', async () => {
      const proxy = ownLoopback();
      const client = `198.51.100.${randomInt(1, 255)}`;
      const neighbour = `192.0.2.${randomInt(1, 255)}`;
      const user = await createUser(platform.dataSource, 'countyOfficer', COUNTY);
      const via = (forwardedFor: string, password: string) =>
        signInFrom(proxy, user.username, password, { forwardedFor, to: proxied });
      expect((await via(client, 'WrongPassword1')).status).toBe(401);
      expect(await failingAddresses([proxy, client])).toEqual([client]);
      await nearAddressLimit(client);
      expect((await via(client, 'WrongPassword1')).status).toBe(401);
      expect((await via(client, DEMO_PASSWORD)).status).toBe(429);
      // What the client wrote in the header itself comes before the proxy's entry and is not believed.
      expect((await via(`${neighbour}, ${client}`, DEMO_PASSWORD)).status).toBe(429);
      // Another client behind the same proxy signs in as ever.
      expect((await via(neighbour, DEMO_PASSWORD)).status).toBe(200);
    });
  });
});

describe('pruning', () => {
  it(`deletes, at a sign-in, sessions expired over ${SESSION_KEEP_DAYS} days ago and failure counts whose window has passed`, async () => {
    const user = await signedInUser();
    const tag = randomInt(1_000_000_000);
    const [stale, kept] = [randomUUID(), randomUUID()];
    await platform.dataSource.query(
      `INSERT INTO user_sessions (id, user_id, created_at, expires_at, revoked_at, revoked_reason)
       VALUES ($1, $3, now() - make_interval(days => $4 + 2), now() - make_interval(days => $4 + 1), now() - make_interval(days => $4 + 2), 'logout'),
              ($2, $3, now() - make_interval(days => $4), now() - make_interval(days => $4 - 1), NULL, NULL)`,
      [stale, kept, user.id, SESSION_KEEP_DAYS],
    );
    const [staleAddress, liveAddress] = [
      `2001:db8::${tag.toString(16)}:1`,
      `2001:db8::${tag.toString(16)}:2`,
    ];
    await platform.dataSource.query(
      `INSERT INTO login_failures_by_address (source_address, window_started_at, failures)
       VALUES ($1, now() - make_interval(mins => $3 + 1), 7), ($2, now(), 7)`,
      [staleAddress, liveAddress, ADDRESS_WINDOW_MINUTES],
    );
    // A count whose window has passed; one whose window has passed but whose lock holds; a live one.
    const [staleName, lockedName, liveName] = ['stale', 'locked', 'live'].map((n) => `${n}_${tag}`);
    await platform.dataSource.query(
      `INSERT INTO login_failures_by_username (username, failed_logins, failed_logins_since, locked_until)
       VALUES ($1, 3, now() - make_interval(mins => $4 + 1), NULL),
              ($2, $5, now() - make_interval(mins => $4 + 1), now() + interval '1 minute'),
              ($3, 3, now(), NULL)`,
      [staleName, lockedName, liveName, NAME_WINDOW_MINUTES, MAX_FAILED_LOGINS],
    );

    expect((await signIn(`nobody_${tag}`, 'WrongPassword1')).status).toBe(401);

    const sessions = await platform.dataSource.query(
      'SELECT id FROM user_sessions WHERE user_id = $1 AND id = ANY($2)',
      [user.id, [stale, kept]],
    );
    expect(sessions).toEqual([{ id: kept }]);
    expect(await failingAddresses([staleAddress, liveAddress])).toEqual([liveAddress]);
    const names = await platform.dataSource.query(
      'SELECT username FROM login_failures_by_username WHERE username = ANY($1) ORDER BY 1',
      [[staleName, lockedName, liveName]],
    );
    expect(names.map((row: { username: string }) => row.username)).toEqual([liveName, lockedName]);
    // The user's live session is untouched.
    expect((await call(user.token, 'GET', '/auth/me')).status).toBe(200);
  });
});

describe('signing out and changing passwords', () => {
  it('makes the token useless after logout, audited', async () => {
    const user = await signedInUser();
    const sid = claimsOf(user.token).sid as string;
    expect((await call(user.token, 'POST', '/auth/logout')).status).toBe(204);
    expect((await call(user.token, 'GET', '/auth/me')).status).toBe(401);
    expect((await call(user.token, 'POST', '/auth/logout')).status).toBe(401);
    expect(await auditActions(sid)).toEqual(['auth.login', 'auth.logout', 'auth.tokenRefused']);
  });

  it('changes the own password under the admin rule, ending the other sessions only', async () => {
    // An inspector is read-only, but their own password is theirs to change.
    const user = await signedInUser('inspector', COUNTY);
    const other = (await signIn(user.username)).body.accessToken;

    const wrong = await call(user.token, 'POST', '/auth/password', {
      currentPassword: 'WrongPassword1',
      newPassword: NEW_PASSWORD,
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors).toEqual([{ field: 'currentPassword', message: '当前密码不正确' }]);
    const [counted] = await platform.dataSource.query('SELECT failed_logins FROM users WHERE id = $1', [
      user.id,
    ]);
    expect(counted.failed_logins).toBe(1);

    const weak = await call(user.token, 'POST', '/auth/password', {
      currentPassword: DEMO_PASSWORD,
      newPassword: 'onlyletterspassword',
    });
    expect(weak.status).toBe(400);
    expect(weak.body.errors).toEqual([{ field: 'newPassword', message: '至少 10 位，须同时包含字母和数字' }]);

    const changed = await call(user.token, 'POST', '/auth/password', {
      currentPassword: DEMO_PASSWORD,
      newPassword: NEW_PASSWORD,
    });
    expect(changed).toEqual({ status: 200, body: { otherSessionsRevoked: 1 } });
    expect((await call(user.token, 'GET', '/auth/me')).status).toBe(200);
    expect((await call(other, 'GET', '/auth/me')).status).toBe(401);
    expect((await signIn(user.username)).status).toBe(401);
    expect((await signIn(user.username, NEW_PASSWORD)).status).toBe(200);

    const [event] = await platform.dataSource.query(
      `SELECT actor_id, after FROM audit_events WHERE entity_id = $1 AND action = 'auth.passwordChanged'`,
      [user.id],
    );
    expect(event.actor_id).toBe(user.id);
    expect(JSON.stringify(event)).not.toMatch(/Changxiao|Demo@|\$2[aby]\$|hash/i);
  });

  it('lets a user an admin created sign in and work without a password change', async () => {
    const username = `cw_auth_${randomInt(1_000_000_000)}`;
    const created = await asAdmin('POST', '/admin/users', {
      username,
      displayName: '新建的工作专员',
      password: NEW_PASSWORD,
      role: 'caseworker',
      jurisdictionId: village,
    });
    expect(created.status).toBe(201);
    const login = await signIn(username, NEW_PASSWORD);
    expect(login.body.mustChangePassword).toBe(false);
    expect((await call(login.body.accessToken, 'GET', '/tasks')).status).toBe(200);
  });

  it("after an admin's reset, allows nothing but /auth/me, a password change and logout until the user changes it", async () => {
    const user = await signedInUser('caseworker', village);
    expect(
      (await asAdmin('POST', `/admin/users/${user.id}/password`, { password: 'ResetByAdmin2029' })).status,
    ).toBe(204);
    expect((await call(user.token, 'GET', '/auth/me')).status).toBe(401);

    const login = await signIn(user.username, 'ResetByAdmin2029');
    expect(login.status).toBe(200);
    expect(login.body.mustChangePassword).toBe(true);
    const token = login.body.accessToken;
    const blocked = await call(token, 'GET', '/tasks');
    expect(blocked.status).toBe(403);
    expect(blocked.body.code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect(blocked.body.message).toMatch(/请先通过 POST \/auth\/password 修改密码/);
    expect((await call(token, 'GET', '/auth/me')).body.mustChangePassword).toBe(true);

    const same = await call(token, 'POST', '/auth/password', {
      currentPassword: 'ResetByAdmin2029',
      newPassword: 'ResetByAdmin2029',
    });
    expect(same.status).toBe(400);
    expect(same.body.code).toBe('PASSWORD_UNCHANGED');
    const changed = await call(token, 'POST', '/auth/password', {
      currentPassword: 'ResetByAdmin2029',
      newPassword: NEW_PASSWORD,
    });
    expect(changed.status).toBe(200);
    expect((await call(token, 'GET', '/tasks')).status).toBe(200);
    expect((await signIn(user.username, NEW_PASSWORD)).body.mustChangePassword).toBe(false);
    expect(await auditActions(user.id)).toEqual(['user.passwordReset', 'auth.passwordChanged']);
  });
});
