import { actors } from '../support/fixtures';
import { useE2eSystem } from '../support/e2eSystem';

const consoleOrigin = 'https://console.example.org';
/**
 * Low limits, to meet them: every test before the last stays under the per-address budget, and
 * each uses its own caller so that none meets its per-user one by accident.
 */
const perIpPerMinute = 40;
const perUserPerMinute = 5;
const e2e = useE2eSystem(undefined, undefined, undefined, undefined, {
  rateLimits: { perIpPerMinute, perUserPerMinute },
  consoleOrigins: [consoleOrigin],
});
const { http } = e2e;

const filing = (overrides: Record<string, unknown>) => ({
  channel: 'hotline',
  category: 'general',
  title: '楼道灯坏了',
  description: '3rd floor light out',
  requester: { id: 'resident-1', name: '张三' },
  gridId: 'g01',
  ...overrides,
});

const fieldsOf = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((e) => e.field);

describe('hostile input over HTTP', () => {
  test('When any answer goes out, then it carries the security headers and no x-powered-by', async () => {
    const res = await http.raw('GET', '/healthz');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  test('When a page of another origin calls, then it gets no CORS grant; the console’s origin does', async () => {
    const fromOrigin = (origin: string) => http.raw('GET', '/healthz', undefined, { origin });
    expect((await fromOrigin('https://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
    expect((await fromOrigin(consoleOrigin)).headers.get('access-control-allow-origin')).toBe(consoleOrigin);
    const preflight = await fetch(`${e2e.system.url}/api/v1/requests`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://evil.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(preflight.headers.get('access-control-allow-methods')).toBeNull();
  });

  test('When a title holds NUL or a lone surrogate, or a description a bidi override, then the filing is refused naming the field, and nothing is stored', async () => {
    const resident = { ...actors.resident, id: 'resident-hostile' };
    const refused = [
      await http.post('/requests', filing({ title: '路灯\u0000坏了' }), resident),
      await http.post('/requests', filing({ title: '路灯\ud800坏了' }), resident),
      await http.post('/requests', filing({ description: 'see file \u202Eexe.txt' }), resident),
    ];
    expect(refused.map((r) => [r.status, fieldsOf(r.body)])).toEqual([
      [400, ['body.title']],
      [400, ['body.title']],
      [400, ['body.description']],
    ]);
    expect(refused[0].body.detail).toBe('body.title: holds a control character: U+0000 at position 2');
    expect(refused[1].body.detail).toBe(
      'body.title: holds a lone surrogate (ill-formed Unicode): U+D800 at position 2',
    );
    expect((await e2e.system.temporal.workflow.count('WorkflowType = "citizenRequest"')).count).toBe(0);
  });

  test('When a body is not JSON, too large, too deep or malformed, then each answers a 4xx problem naming the problem', async () => {
    const caller = await e2e.system.authHeaders({ ...actors.resident, id: 'resident-bodies' });
    const post = (body: string, type = 'application/json') =>
      http.raw('POST', '/requests', body, { ...caller, 'content-type': type });
    let deep = '"x"';
    for (let i = 0; i < 5_000; i++) deep = `[${deep}]`;
    const answers = [
      await post(JSON.stringify(filing({})), 'text/plain'),
      await post(JSON.stringify(filing({ description: 'x'.repeat(300_000) }))),
      await post(JSON.stringify(filing({})).replace(/}$/, `,"deep":${deep}}`)),
      await post('{"title": '),
    ];
    expect(answers.map((a) => [a.status, a.headers.get('content-type'), a.body.title])).toEqual([
      [415, 'application/problem+json; charset=utf-8', 'unsupported_media_type'],
      [413, 'application/problem+json; charset=utf-8', 'too_large'],
      [400, 'application/problem+json; charset=utf-8', 'too_deep'],
      [400, 'application/problem+json; charset=utf-8', 'malformed_json'],
    ]);
    expect(answers.map((a) => a.body.detail)).toEqual([
      'request body must be application/json, not text/plain',
      'request body is larger than 262144 bytes',
      'request body nests deeper than 32 levels',
      expect.stringMatching(/^request body is not valid JSON: /),
    ]);
  });

  test('When a query carries an unknown parameter, a nested a[b] key or a repeated one, then it is refused naming it, and never reaches a filter', async () => {
    const reader = { ...actors.auditor, id: 'aud-queries' };
    const unknown = await http.get('/requests?status=closed&$where=1', reader);
    expect([unknown.status, unknown.body.detail]).toEqual([400, 'query: Unrecognized key: "$where"']);
    const nested = await http.get('/requests?status[$ne]=closed', reader);
    expect([nested.status, nested.body.detail]).toEqual([400, 'query: Unrecognized key: "status[$ne]"']);
    const repeated = await http.get('/requests?status=closed&status=open', reader);
    expect([repeated.status, fieldsOf(repeated.body)]).toEqual([400, ['query.status']]);
    const proto = await http.get('/requests?__proto__=x', reader);
    expect([proto.status, proto.body.detail]).toEqual([400, 'query: Unrecognized key: "__proto__"']);
  });

  test('When a user sends more than their limit in a minute, then a 429 problem with Retry-After answers, other users go on, and an address over its limit is stopped whoever it claims to be', async () => {
    const user = { ...actors.member, id: 'member-limited' };
    const inbox = async (actor?: typeof user) =>
      http.raw(
        'GET',
        `/notifications?recipient=${actor?.id ?? user.id}`,
        undefined,
        actor ? await e2e.system.authHeaders(actor) : {},
      );
    for (let i = 0; i < perUserPerMinute; i++) expect((await inbox(user)).status).toBe(200);
    const limited = await inbox(user);
    expect([
      limited.status,
      limited.headers.get('content-type'),
      limited.body.title,
      limited.body.detail,
    ]).toEqual([
      429,
      'application/problem+json; charset=utf-8',
      'rate_limited',
      `too many requests from user member-limited: at most ${perUserPerMinute} a minute`,
    ]);
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect((await inbox({ ...user, id: 'member-other' })).status).toBe(200);

    let answer = limited;
    for (let i = 0; i < perIpPerMinute && !String(answer.body?.detail).includes('from address'); i++)
      answer = await inbox();
    expect([answer.status, answer.body.detail]).toEqual([
      429,
      expect.stringMatching(
        new RegExp(`^too many requests from address .+: at most ${perIpPerMinute} a minute$`),
      ),
    ]);
    expect(Number(answer.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // Probes are never limited: a 429 would take a healthy API out of service.
    expect((await http.raw('GET', '/healthz')).status).toBe(200);
  });
});
