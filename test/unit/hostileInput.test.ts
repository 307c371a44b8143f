import { z } from 'zod';
import { codecBody } from '../../api/codec/schema';
import {
  actionBodies as commitmentActionBodies,
  createBodies,
  listQueryFor,
  problemActionBodies,
} from '../../api/commitments/schema';
import { agendaQuery, meetingBody, meetingsQuery } from '../../api/committees/schema';
import { ledgerQuery, rankingQuery } from '../../api/ledgers/schema';
import { inboxQuery } from '../../api/notifications/schema';
import { listReportsQuery, reportQuery, runCycleBody } from '../../api/reports/schema';
import {
  actionBodies as requestActionBodies,
  createRequestBody,
  listRequestsQuery,
} from '../../api/requests/schema';
import { actionLogQuery } from '../../api/audit/actionLogSchema';
import { momentQuery } from '../../api/audit/caseSchema';
import { identifier, line, prose, textProblem } from '../../api/text';
import {
  createClientBody,
  createRequestFields,
  readQuery,
  requestsQuery,
  servicesQuery,
} from '../../api/open311/schema';
import { commitmentKinds } from '../../domain/policy/policy';

/** Every object inside `schema` (nested, in arrays, unions, defaults and pipes), with where it is. */
function objectsIn(schema: z.ZodType, path: string): { path: string; strict: boolean }[] {
  const def = (schema as unknown as { _zod: { def: Record<string, any> } })._zod.def;
  switch (def.type) {
    case 'object':
      return [
        { path, strict: def.catchall?._zod.def.type === 'never' },
        ...Object.entries(def.shape as Record<string, z.ZodType>).flatMap(([key, field]) =>
          objectsIn(field, `${path}.${key}`),
        ),
      ];
    case 'array':
      return objectsIn(def.element, `${path}[]`);
    case 'union':
      return (def.options as z.ZodType[]).flatMap((option, i) => objectsIn(option, `${path}|${i}`));
    case 'optional':
    case 'default':
    case 'nullable':
      return objectsIn(def.innerType, path);
    case 'pipe':
      return [...objectsIn(def.in, path), ...objectsIn(def.out, path)];
    case 'record':
      // A record takes any key its key schema takes: strict only when that is a pattern.
      return [{ path: `${path}{record}`, strict: Boolean(def.keyType._zod.bag.patterns?.size) }];
    default:
      return [];
  }
}

const bodies: Record<string, z.ZodType> = {
  createRequest: createRequestBody,
  ...Object.fromEntries(Object.entries(requestActionBodies).map(([a, s]) => [`request ${a}`, s])),
  ...Object.fromEntries(Object.entries(createBodies).map(([k, s]) => [`create ${k}`, s])),
  ...Object.fromEntries(
    Object.entries(commitmentActionBodies).flatMap(([action, byKind]) =>
      Object.entries(byKind).map(([kind, s]) => [`${kind} ${action}`, s as z.ZodType]),
    ),
  ),
  ...Object.fromEntries(Object.entries(problemActionBodies).map(([a, s]) => [`problem ${a}`, s])),
  meeting: meetingBody,
  runCycle: runCycleBody,
  codec: codecBody,
  open311Request: createRequestFields,
  open311Client: createClientBody,
};

const queries: Record<string, z.ZodType> = {
  listRequests: listRequestsQuery,
  ...Object.fromEntries(commitmentKinds.map((kind) => [`list ${kind}`, listQueryFor(kind)])),
  agenda: agendaQuery,
  meetings: meetingsQuery,
  ledger: ledgerQuery,
  ranking: rankingQuery,
  reports: listReportsQuery,
  report: reportQuery,
  inbox: inboxQuery,
  actionLog: actionLogQuery,
  moment: momentQuery,
  open311Services: servicesQuery,
  open311Requests: requestsQuery,
  open311Read: readQuery,
};

describe('what the API takes from any caller', () => {
  test('When any request body or query schema holds an object, then it refuses unknown fields, nested objects too', () => {
    const loose = Object.entries({ ...bodies, ...queries }).flatMap(([name, schema]) =>
      objectsIn(schema, name).filter((o) => !o.strict),
    );
    expect(loose).toEqual([]);
    expect(Object.keys(bodies).length).toBeGreaterThan(30);
  });

  test('When a body carries __proto__, constructor, a $ operator or a dotted key, then each is named as unrecognised', () => {
    const body = JSON.parse(
      '{"__proto__": {"admin": true}, "constructor": 1, "$where": "1", "a.b": 2, "reason": "ok"}',
    );
    const result = requestActionBodies.withdraw.safeParse(body);
    expect(result.error?.issues).toEqual([
      expect.objectContaining({
        code: 'unrecognized_keys',
        keys: ['__proto__', 'constructor', '$where', 'a.b'],
      }),
    ]);
    const nested = createRequestBody.safeParse({
      channel: 'hotline',
      category: 'general',
      title: 't',
      description: 'd',
      requester: { id: 'r-1', name: 'n', $gt: '' },
      gridId: 'g01',
    });
    expect(nested.error?.issues.map((i) => i.path)).toEqual([['requester']]);
    const codec = codecBody.safeParse(JSON.parse('{"payloads": [{"metadata": {"__proto__": "eA=="}}]}'));
    expect(codec.error?.issues.map((i) => [i.path, i.message])).toEqual([
      [['payloads', 0, 'metadata'], 'Unrecognized key: "__proto__"'],
    ]);
  });

  test('When text holds NUL, a lone surrogate, a control character or a bidi override, then the problem names the code point and where it is', () => {
    expect(textProblem('a\u0000b', true)).toBe('holds a control character: U+0000 at position 1');
    expect(textProblem('x\ud800', false)).toBe(
      'holds a lone surrogate (ill-formed Unicode): U+D800 at position 1',
    );
    expect(textProblem('\udc00', false)).toMatch(/lone surrogate/);
    expect(textProblem('a\u001bb', true)).toMatch(/U\+001B/);
    expect(textProblem('a\u0085', true)).toMatch(/U\+0085/);
    expect(textProblem('a\u007f', true)).toMatch(/U\+007F/);
    expect(textProblem('abc\u202Egpj.exe', false)).toBe(
      'holds a bidirectional override: U+202E at position 3',
    );
    expect(textProblem('\u2066x\u2069', true)).toMatch(/U\+2066/);
  });

  test('When text is well formed, then it passes: Chinese, emoji (surrogate pairs), and newline and tab in multi-line text only', () => {
    expect(textProblem('楼道灯坏了 😀 street lamp', false)).toBeUndefined();
    expect(textProblem('line one\n\tline two', true)).toBeUndefined();
    expect(textProblem('line one\nline two', false)).toBe(
      'holds a line break or tab (one line expected): U+000A at position 8',
    );
    expect(textProblem('a\rb', true)).toMatch(/U\+000D/);
    expect(line(10).parse('  标题  ')).toBe('标题');
    expect(prose(50).parse('第一行\n第二行')).toBe('第一行\n第二行');
  });

  test('When an id holds anything but letters, digits and . _ : @ -, then it is refused', () => {
    const id = identifier(64, 'a grid id');
    for (const ok of ['g01', 'member-1', 'user@example.org', 'a.b:c_d'])
      expect(id.safeParse(ok).success).toBe(true);
    for (const bad of ['$gt', '.hidden', 'a b', 'a/b', '网格', '', 'x'.repeat(65), 'a\u0000']) {
      expect({ bad, ok: id.safeParse(bad).success }).toEqual({ bad, ok: false });
    }
    expect(id.safeParse('$ne').error?.issues[0].message).toBe(
      'expected a grid id: letters, digits and . _ : @ - (starting with a letter or digit)',
    );
  });

  test('When a request is filed with a NUL or a lone surrogate in its title, then the schema refuses it naming the field', () => {
    const base = {
      channel: 'hotline',
      category: 'general',
      title: 'ok',
      description: 'ok',
      requester: { id: 'resident-1', name: '张三' },
      gridId: 'g01',
    };
    for (const title of ['a\u0000b', 'a\ud800b']) {
      const result = createRequestBody.safeParse({ ...base, title });
      expect(result.error?.issues.map((i) => i.path)).toEqual([['title']]);
    }
  });
});
