import { join } from 'node:path';
import { watchOrgDirectory } from '../../directory/live';
import { runCli } from '../support/auditCli';
import { eventually } from '../support/eventually';
import { useE2eSystem } from '../support/e2eSystem';
import { actors, defaultPolicy, repoRoot } from '../support/fixtures';

const e2e = useE2eSystem();
const { http } = e2e;

const admin = { id: 'admin-x', role: 'administrator', unit: 'committee-c01' };
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const me = (token: string) => http.raw('GET', '/me', undefined, bearer(token));
/** The environment the commands run with: this system's store and the built-in issuer's key folder. */
const cliEnv = () => ({
  MONGODB_URI: e2e.system.mongoUri,
  AUTH_KEY_DIR: e2e.system.identity.issuer.keys.dir,
});

describe('identity: bearer tokens, the org directory and its administration, on the real dev server and FerretDB', () => {
  beforeAll(async () => {
    const seeded = await runCli('scripts/seed.ts', [], cliEnv());
    expect(seeded).toMatchObject({ code: 0, stdout: 'units already there; 40 demo people added\n' });
  });

  test('When a demo user logs in, then the token acts as them and /me names their assignments; a wrong password or user gets one answer', async () => {
    const login = await http.raw('POST', '/auth/login', { username: 'sec-c01', password: 'lianxin-demo' });
    expect(login.status).toBe(200);
    expect(login.body).toMatchObject({
      person: { id: 'sec-c01', name: '常委会办公室 王芳 Wang Fang' },
      assignments: [
        {
          role: 'committee',
          roleLabel: { zh: '常委会办公室' },
          unit: 'committee-c01',
          unitName: { zh: '示范县委常委会' },
        },
        { role: 'unit_leader', unit: 'township-t01', unitName: { en: 'Chengguan street' } },
      ],
    });
    expect(Date.parse(login.body.expiresAt) - Date.now()).toBeGreaterThan(7 * 3600 * 1000);
    expect((await me(login.body.token)).body).toMatchObject({
      person: { id: 'sec-c01' },
      actingAs: { role: 'committee', unit: 'committee-c01' },
    });
    for (const wrong of [
      { username: 'sec-c01', password: 'not-the-password' },
      { username: 'nobody', password: 'lianxin-demo' },
    ]) {
      const refused = await http.raw('POST', '/auth/login', wrong);
      expect(refused).toMatchObject({ status: 401, body: { detail: 'wrong username or password' } });
    }
    expect((await http.raw('POST', '/auth/login', { username: 'sec-c01' })).body.errors[0].field).toBe(
      'body.password',
    );
  });

  test('When the console asks how to sign in, then the API answers, to a caller without a token, that the built-in issuer takes passwords', async () => {
    const config = await http.raw('GET', '/auth/config');
    expect(config).toMatchObject({ status: 200, body: { mode: 'password' } });
    expect(Object.keys(config.body)).toEqual(['mode']);
  });

  test('When a token is refused or names nobody, then 401 says why with a Bearer challenge, and never echoes the token', async () => {
    const { issuer } = e2e.system.identity;
    const garbage = await http.raw('GET', '/me', undefined, bearer('eyJhbGciOi.garbage.x'));
    expect(garbage.status).toBe(401);
    expect(garbage.headers.get('www-authenticate')).toBe('Bearer realm="lianxin", error="invalid_token"');
    expect(garbage.body.detail).toBe('the token is malformed');
    expect(JSON.stringify(garbage.body)).not.toContain('garbage');
    expect((await http.raw('GET', '/me', undefined, { authorization: 'Basic c2VjOjE=' })).body.detail).toBe(
      'the Authorization header is not a Bearer token',
    );
    const ghost = await me((await issuer.issue('ghost-1')).token);
    expect(ghost).toMatchObject({
      status: 401,
      body: { detail: 'ghost-1 is not an active person of the org directory' },
    });
    const notHeld = await me((await issuer.issue('member-1', { role: 'committee' })).token);
    expect(notHeld.body.detail).toBe("the token's role and unit are not an assignment member-1 holds");
    const expired = await me((await issuer.issue('member-1', { ttlSeconds: -60 })).token);
    expect(expired.body.detail).toBe('the token has expired');
  });

  test('When an administrator reassigns or disables a person, then their token acts in the new role, then not at all, from the next request', async () => {
    const { token } = await e2e.system.identity.issuer.issue('member-g02');
    expect((await me(token)).body.actingAs).toEqual({ role: 'grid_member', unit: 'grid-g02' });
    const reassigned = await http.raw(
      'PUT',
      '/org/people/member-g02/assignments',
      { assignments: [{ role: 'branch_secretary', unit: 'grid-g04' }] },
      { ...(await e2e.system.authHeaders(admin)), 'content-type': 'application/json' },
    );
    expect(reassigned.status).toBe(200);
    expect((await me(token)).body.actingAs).toEqual({ role: 'branch_secretary', unit: 'grid-g04' });
    expect((await http.post('/org/people/member-g02/disable', {}, admin)).body.disabled).toBe(true);
    expect((await me(token)).body.detail).toBe('member-g02 is not an active person of the org directory');
    const login = await http.raw('POST', '/auth/login', { username: 'member-g02', password: 'lianxin-demo' });
    expect(login).toMatchObject({ status: 401, body: { detail: 'wrong username or password' } });
  });

  test('When the token command prints a token, then the API accepts it; after a key rotation both old and new tokens verify without a restart', async () => {
    const printed = await runCli('scripts/token.ts', ['leader-1', '--ttl', '1h'], cliEnv());
    expect(printed.code).toBe(0);
    const before = printed.stdout.trim();
    expect((await me(before)).body.actingAs).toEqual({ role: 'unit_leader', unit: 'village-v01' });
    const choosing = await runCli('scripts/token.ts', ['sec-c01', '--role', 'unit_leader'], cliEnv());
    expect((await me(choosing.stdout.trim())).body.actingAs).toEqual({
      role: 'unit_leader',
      unit: 'township-t01',
    });
    expect(await runCli('scripts/token.ts', ['ghost-1'], cliEnv())).toMatchObject({
      code: 2,
      stderr: 'ghost-1 is not a person of the org directory (npm run seed loads the demo people)\n',
    });
    expect((await runCli('scripts/token.ts', ['leader-1', '--role', 'committee'], cliEnv())).stderr).toBe(
      'leader-1 holds no such assignment; they hold unit_leader@village-v01\n',
    );

    const kidsBefore = (await http.raw('GET', '/auth/jwks.json')).body.keys.map(
      (k: { kid: string }) => k.kid,
    );
    const rotated = await runCli('scripts/auth.ts', ['rotate'], cliEnv());
    expect(rotated.code).toBe(0);
    const after = (await runCli('scripts/token.ts', ['leader-1'], cliEnv())).stdout.trim();
    const kidOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString()).kid;
    expect(kidsBefore).toContain(kidOf(before));
    expect(kidsBefore).not.toContain(kidOf(after));
    expect((await me(after)).status).toBe(200);
    expect((await me(before)).status).toBe(200);
    const jwks = (await http.raw('GET', '/auth/jwks.json')).body.keys;
    expect(jwks.map((k: { kid: string }) => k.kid)).toEqual([...kidsBefore, kidOf(after)]);
    expect(jwks.every((k: Record<string, unknown>) => k.d === undefined && k.kty === 'EC')).toBe(true);
  });

  test('When the administrator edits the tree, then bad units and assignments are refused by field, good ones are action-logged and seen by every process', async () => {
    const other = watchOrgDirectory({
      store: e2e.system.directory.store,
      policy: defaultPolicy(),
      orgFile: join(repoRoot, 'config', 'org.default.json'),
      refreshMs: 200,
      onError: () => undefined,
    });
    try {
      await other.refresh();
      const grid = {
        id: 'grid-g13',
        level: 'grid',
        parent: 'village-v05',
        grid: 'g13',
        name: { zh: '柳湾第三网格支部', en: 'Liuwan grid 3 branch' },
      };
      expect((await http.post('/org/units', grid, actors.leader)).status).toBe(403);
      const fields = async (body: unknown, path = '/org/units') =>
        (await http.post(path, body, admin)).body.errors?.map(
          (e: { field: string; message: string }) => `${e.field}: ${e.message}`,
        );
      expect(await fields({ ...grid, parent: 'township-t02' })).toEqual([
        "body.parent: township-t02 is a township unit; a grid unit's parent is a village unit",
      ]);
      expect(await fields({ ...grid, parent: 'village-v99' })).toEqual([
        'body.parent: unknown unit village-v99',
      ]);
      expect(await fields({ ...grid, grid: undefined })).toEqual(['body.grid: required for a grid unit']);
      expect(await fields({ ...grid, grid: 'g12' })).toEqual(['body.grid: grid g12 belongs to grid-g12']);
      expect(await fields({ ...grid, level: 'province' })).toEqual([
        'body.level: not a level of the ladder (grid, village, township, committee)',
      ]);
      const created = await http.post('/org/units', grid, admin);
      expect(created).toMatchObject({
        status: 201,
        body: { id: 'grid-g13', parent: 'village-v05', grid: 'g13' },
      });
      expect((await http.post('/org/units', grid, admin)).status).toBe(409);

      // This API rebuilt its directory at once: a request filed under the new grid climbs its ladder.
      const filed = await http.post(
        '/requests',
        {
          channel: 'hotline',
          category: 'general',
          title: '新网格 new grid',
          description: 'x',
          requester: { id: 'resident-1', name: '张三' },
          gridId: 'g13',
        },
        actors.resident,
      );
      expect(filed.status).toBe(201);
      await eventually(() =>
        expect(other.org.jurisdictionOf('g13')).toEqual([
          'grid-g13',
          'village-v05',
          'township-t02',
          'committee-c01',
        ]),
      );

      const person = {
        id: 'member-g13',
        name: '网格员 新 New',
        assignments: [{ role: 'grid_member', unit: 'grid-g13' }],
      };
      expect(
        await fields({ ...person, assignments: [{ role: 'wizard', unit: 'grid-g99' }] }, '/org/people'),
      ).toEqual([expect.stringMatching(/^body\.assignments\.0\.role: /)]);
      expect(
        await fields({ ...person, assignments: [{ role: 'grid_member', unit: 'grid-g99' }] }, '/org/people'),
      ).toEqual(['body.assignments.0.unit: unknown unit grid-g99']);
      const added = await http.post(
        '/org/people',
        { ...person, login: { username: 'member-g13', password: 'a-long-password' } },
        admin,
      );
      expect(added).toMatchObject({
        status: 201,
        body: { id: 'member-g13', username: 'member-g13', disabled: false },
      });
      expect(JSON.stringify(added.body)).not.toContain('scrypt');
      expect(
        (await http.raw('POST', '/auth/login', { username: 'member-g13', password: 'a-long-password' }))
          .status,
      ).toBe(200);

      expect((await http.get('/org/people?pageSize=2', actors.auditor)).body).toMatchObject({
        pageSize: 2,
        next: expect.any(String),
      });
      expect((await http.get('/org/people', actors.member)).status).toBe(403);
      expect((await http.get('/org/units', actors.member)).body.items).toHaveLength(21);
      expect((await http.get('/org/people/member-g13', actors.auditor)).body.assignments[0]).toMatchObject({
        unitName: { en: 'Liuwan grid 3 branch' },
      });

      await eventually(async () => {
        const logged = (await http.get('/audit/actions?actor=admin-x')).body.items as {
          action: string;
          outcome: { status: number };
        }[];
        expect(logged.map((e) => `${e.action} ${e.outcome.status}`)).toEqual(
          expect.arrayContaining([
            'POST /api/v1/org/units 201',
            'POST /api/v1/org/units 400',
            'POST /api/v1/org/units 409',
            'POST /api/v1/org/people 201',
          ]),
        );
      });
    } finally {
      other.stop();
    }
  });

  test('When the OpenAPI document is read, then every operation declares the bearer scheme except the public ones', async () => {
    const doc = (await http.raw('GET', '/openapi.json')).body;
    expect(doc.components.securitySchemes.bearer).toMatchObject({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
    });
    const open: string[] = [];
    for (const [path, operations] of Object.entries(
      doc.paths as Record<string, Record<string, { security: unknown[] }>>,
    )) {
      for (const [method, operation] of Object.entries(operations)) {
        if (operation.security.length === 0) open.push(`${method} ${path}`);
        else expect(operation.security).toEqual([{ bearer: [] }]);
      }
    }
    expect(open.sort()).toEqual([
      'get /api/v1/auth/config',
      'get /api/v1/auth/jwks.json',
      'get /api/v1/healthz',
      'get /api/v1/readyz',
      'post /api/v1/auth/login',
    ]);
  });
});
