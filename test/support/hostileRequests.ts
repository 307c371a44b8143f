import fc from 'fast-check';
import { ApiDoc, exampleOf, Operation, queryAccepts } from './openApiDoc';

/** A request the API must refuse, and how a caller it believes must be told. */
export interface HostileCase {
  what: string;
  method: string;
  /** Under /api/v1 is not assumed: the documented path, filled, with its query string */
  url: string;
  headers: Record<string, string>;
  body?: string;
  /** What a believed caller gets: one of `statuses`, and a 400 names `field` (and `key`, for an unknown one) */
  expect: { statuses: number[]; field?: string; key?: string; code?: string };
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every place in `value`: objects (where a key can be added) and leaves (whose value can be broken). */
function placesIn(value: Json, path: string[] = []): { path: string[]; value: Json }[] {
  if (value !== null && typeof value === 'object') {
    const children = Array.isArray(value)
      ? value.map((v, i) => placesIn(v, [...path, String(i)]))
      : Object.entries(value).map(([k, v]) => placesIn(v, [...path, k]));
    return [{ path, value }, ...children.flat()];
  }
  return [{ path, value }];
}

/** `value` with what is at `path` replaced (or, for a key, added) by `make(old)`; an own property, even `__proto__`. */
function setAt(value: Json, path: string[], make: (old: Json) => Json): Json {
  if (path.length === 0) return make(value);
  const copy: any = Array.isArray(value) ? [...value] : { ...(value as object) };
  const [head, ...rest] = path;
  const next = setAt(copy[head], rest, make);
  Object.defineProperty(copy, head, { value: next, enumerable: true, writable: true, configurable: true });
  return copy;
}

const field = (part: string, path: string[]) => [part, ...path].join('.');

const hostileKeys = [
  '__proto__',
  'constructor',
  'prototype',
  '$where',
  '$gt',
  '$ne',
  '$set',
  'a.b',
  '$.x',
  'toString',
  'hasOwnProperty',
  'x\u0000y',
  'role',
  'admin',
];
const hostileKey = fc.constantFrom(...hostileKeys);

/** Characters free text must not hold: NUL, controls, lone surrogates, bidi overrides. */
const illFormedCharacters = [
  '\u0000',
  '\u0007',
  '\u001b',
  '\u007f',
  '\u0085',
  '\u009b',
  '\ud800',
  '\udfff',
  '\u202e',
  '\u2066',
];
const illFormedText = fc
  .tuple(fc.string({ maxLength: 12 }), fc.constantFrom(...illFormedCharacters), fc.string({ maxLength: 12 }))
  .map(([a, bad, b]) => `${a}${bad}${b}`);
/** The same without lone surrogates, which a URL cannot carry (they arrive as U+FFFD). */
const illFormedInUrl = fc
  .tuple(
    fc.string({ maxLength: 12 }),
    fc.constantFrom('\u0000', '\u0007', '\u001b', '\u007f', '\u202e'),
    fc.string({ maxLength: 12 }),
  )
  .map(([a, bad, b]) => `${a}${bad}${b}`);

const operatorObject = fc.constantFrom<Json>(
  { $gt: '' },
  { $ne: null },
  { $where: 'sleep(1000)' },
  { $regex: '.*' },
);

function wrongTypeFor(old: Json): fc.Arbitrary<Json> {
  const scalars = fc.constantFrom<Json>(null, 1.5, -1, true, [], {}, '', '1');
  if (typeof old === 'string')
    return fc.oneof(
      scalars.filter((v) => typeof v !== 'string'),
      operatorObject,
      fc.integer(),
    );
  if (typeof old === 'number')
    return fc.oneof(fc.constantFrom<Json>('1', null, true, [], {}), operatorObject);
  if (typeof old === 'boolean')
    return fc.oneof(fc.constantFrom<Json>('true', 1, 0, null, []), operatorObject);
  if (Array.isArray(old)) return fc.oneof(fc.constantFrom<Json>('x', 1, null, {}), operatorObject);
  return fc.constantFrom<Json>('x', 1, null, []);
}

const nested = (depth: number): Json => {
  let value: Json = 'deep';
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
};

const hostileQueryKeys = [
  '$where',
  '$gt',
  '__proto__',
  'constructor',
  'a.b',
  'a[b]',
  'a[$ne]',
  'prototype',
  'x',
];
const hostilePathValues = [
  '$gt',
  '$where',
  'a b',
  '网格',
  'x'.repeat(300),
  '\u0000',
  '\u202e1',
  'a/b',
  '{"$ne":1}',
  'a.b.c',
];

/** Path and query filled: `params` by name, the query by its encoded pairs. */
function urlOf(op: Operation, params: Record<string, string>, query: [string, string][]): string {
  const path = op.path.replace(/\{(\w+)\}/g, (_m, name: string) => encodeURIComponent(params[name]));
  const search = query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
  return search ? `${path}?${search}` : path;
}

/**
 * Requests to `op` that must be refused, each broken in one way: a body with an added hostile
 * key, a wrong type, ill-formed text, an over-long string, deep nesting, another media type,
 * malformed JSON or no object at all; an unknown or wrongly typed query parameter; a hostile path
 * parameter; a bad Idempotency-Key. `base` gives the path and required query values.
 */
export function hostileCases(
  op: Operation,
  doc: ApiDoc,
  base: { params: Record<string, string>; query: Record<string, string> },
): fc.Arbitrary<HostileCase> {
  const params = Object.fromEntries(op.params.map((p) => [p.name, base.params[p.name]]));
  const requiredQuery = op.query
    .filter((q) => q.required)
    .map((q): [string, string] => [q.name, base.query[q.name]]);
  const body = op.body && (exampleOf(op.body, doc) as Json);
  const json = { 'content-type': 'application/json' };
  const sendBody = body === undefined ? {} : { body: JSON.stringify(body), headers: json };
  const make = (what: string, parts: Partial<HostileCase>, expect: HostileCase['expect']): HostileCase => ({
    what,
    method: op.method,
    url: parts.url ?? urlOf(op, params, requiredQuery),
    body: 'body' in parts ? parts.body : sendBody.body,
    headers: { ...sendBody.headers, ...parts.headers },
    expect,
  });
  const arbitraries: fc.Arbitrary<HostileCase>[] = [
    fc.tuple(fc.constantFrom(...hostileQueryKeys), fc.string({ maxLength: 8 })).map(([key, value]) =>
      make(
        `unknown query parameter ${key}`,
        { url: urlOf(op, params, [...requiredQuery, [key, value]]) },
        {
          statuses: [400],
          field: 'query',
          key,
        },
      ),
    ),
  ];
  if (op.query.length) {
    arbitraries.push(
      fc
        .tuple(
          fc.constantFrom(...op.query),
          fc.oneof(illFormedInUrl, fc.constantFrom('$gt', 'abc', '1.5', '', '-7', 'x'.repeat(600))),
          fc.boolean(),
        )
        .filter(([q, value, twice]) => twice || !queryAccepts(q.schema, value))
        .map(([q, value, twice]) => {
          const pairs: [string, string][] = [...requiredQuery.filter(([k]) => k !== q.name), [q.name, value]];
          if (twice) pairs.push([q.name, value]);
          return make(
            `query ${q.name}=${JSON.stringify(value)}${twice ? ' twice' : ''}`,
            { url: urlOf(op, params, pairs) },
            {
              // A unit or an inbox out of the caller's reach answers 404 before validation (api/scope.ts).
              statuses: ['unit', 'recipient'].includes(q.name) ? [400, 404] : [400],
              field: `query.${q.name}`,
            },
          );
        }),
    );
  }
  if (op.params.length) {
    arbitraries.push(
      fc.tuple(fc.constantFrom(...op.params), fc.constantFrom(...hostilePathValues)).map(([p, value]) =>
        make(
          `path ${p.name}=${JSON.stringify(value)}`,
          { url: urlOf(op, { ...params, [p.name]: value }, requiredQuery) },
          {
            statuses: [400, 404],
            field: `params.${p.name}`,
          },
        ),
      ),
    );
  }
  if (op.headers.some((h) => h.name === 'idempotency-key')) {
    arbitraries.push(
      fc.constantFrom('short', 'has spaces in it', 'k'.repeat(201), 'ünïcode-key').map((key) =>
        make(
          `Idempotency-Key ${JSON.stringify(key)}`,
          { headers: { 'idempotency-key': key } },
          {
            statuses: [400],
            field: 'headers.idempotency-key',
          },
        ),
      ),
    );
  }
  if (body !== undefined) {
    const places = placesIn(body);
    const objects = places.filter(
      (p) => p.value !== null && typeof p.value === 'object' && !Array.isArray(p.value),
    );
    const strings = places.filter((p) => typeof p.value === 'string');
    const leaves = places.filter((p) => p.value === null || typeof p.value !== 'object');
    const withBody = (what: string, next: Json, expect: HostileCase['expect']) =>
      make(what, { body: JSON.stringify(next) }, expect);
    arbitraries.push(
      fc
        .tuple(fc.constantFrom(...objects), hostileKey, fc.oneof(fc.string(), operatorObject, fc.integer()))
        // A key the body already holds (a handover's `role`) is a wrong value, not a smuggled key.
        .filter(([place, key]) => !Object.prototype.hasOwnProperty.call(place.value, key))
        .map(([place, key, value]) =>
          withBody(
            `key ${JSON.stringify(key)} at ${field('body', place.path)}`,
            setAt(body, [...place.path, key], () => value),
            {
              statuses: [400],
              field: field('body', place.path),
              key,
            },
          ),
        ),
      fc.integer({ min: 33, max: 3000 }).map((depth) =>
        withBody(
          `body nested ${depth} deep`,
          setAt(body, [], (old) => ({ ...(old as object), deep: nested(depth) })),
          {
            statuses: [400],
            code: 'too_deep',
          },
        ),
      ),
      fc
        .constantFrom('text/plain', 'application/x-www-form-urlencoded', 'application/xml')
        .map((type) =>
          make(
            `body as ${type}`,
            { headers: { 'content-type': type } },
            { statuses: [415], code: 'unsupported_media_type' },
          ),
        ),
      fc
        .constantFrom('{', '{"a":', "{'a':1}", '{"a":1,}', 'nul', '"just a string"')
        .map((text) => make(`malformed JSON ${text}`, { body: text }, { statuses: [400] })),
      fc
        .constantFrom('[]', '[{}]', 'null', '42')
        .map((text) => make(`body ${text}`, { body: text }, { statuses: [400] })),
      fc.constant(
        make(
          'body over 256 KiB',
          { body: JSON.stringify({ ...(body as object), pad: 'x'.repeat(300_000) }) },
          { statuses: [413], code: 'too_large' },
        ),
      ),
    );
    // An empty body (`{}`: a disable) has no field to give the wrong type.
    if (leaves.length) {
      arbitraries.push(
        fc.constantFrom(...leaves).chain((place) =>
          wrongTypeFor(place.value).map((value) =>
            withBody(
              `${field('body', place.path)} = ${JSON.stringify(value)}`,
              setAt(body, place.path, () => value),
              {
                statuses: [400],
                field: field('body', place.path),
              },
            ),
          ),
        ),
      );
    }
    if (strings.length) {
      arbitraries.push(
        fc.tuple(fc.constantFrom(...strings), illFormedText).map(([place, text]) =>
          withBody(
            `${field('body', place.path)} = ${JSON.stringify(text)}`,
            setAt(body, place.path, () => text),
            {
              statuses: [400],
              field: field('body', place.path),
            },
          ),
        ),
        fc.constantFrom(...strings).map((place) =>
          withBody(
            `${field('body', place.path)} 20,000 long`,
            setAt(body, place.path, () => '长'.repeat(20_000)),
            {
              statuses: [400],
              field: field('body', place.path),
            },
          ),
        ),
      );
    }
  }
  return fc.oneof(...arbitraries);
}

/**
 * Whether a believed caller's 400 names what was broken: the field, or a parent below the part's
 * root (a union names itself, not its option's field); an unknown key is named in the message
 * of the object that holds it.
 */
export function namesIt(
  problem: { errors?: { field: string; message: string }[] },
  expect: HostileCase['expect'],
): boolean {
  const target = expect.field;
  if (!target) return true;
  const root = target.split('.')[0];
  return (problem.errors ?? []).some((e) => {
    const at = e.field === target || target.startsWith(`${e.field}.`);
    if (!at) return false;
    if (e.field !== root) return true;
    return expect.key === undefined ? target === root : e.message.includes(expect.key);
  });
}
