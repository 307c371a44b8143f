import { ErrorRequestHandler, Response } from 'express';
import { XMLBuilder } from 'fast-xml-parser';
import { asApiError } from '../errors';

/** The formats GeoReport v2 names by a resource's extension: XML is required, JSON offered. */
export const formats = ['xml', 'json'] as const;
export type Format = (typeof formats)[number];

/** A field GeoReport v2 defines that a record lacks: `null` in JSON, an empty element in XML, as its examples show. */
export type Value = string | number | boolean | null;
export type Record311 = Record<string, Value | Record<string, unknown>[]>;

/** The XML roots and their repeated elements, as the specification's examples name them. */
export const roots = {
  services: ['services', 'service'],
  requests: ['service_requests', 'request'],
  errors: ['errors', 'error'],
} as const;

const builder = new XMLBuilder({ format: true, indentBy: '  ', suppressEmptyNode: false });
const declaration = '<?xml version="1.0" encoding="utf-8"?>\n';

/** A list answer: a JSON array, or `<root><item>…</item>…</root>`. */
export function sendList(
  res: Response,
  format: Format,
  [root, item]: readonly [string, string],
  records: Record311[],
  status = 200,
): void {
  if (format === 'json')
    res.status(status).type('application/json; charset=utf-8').send(JSON.stringify(records));
  else
    res
      .status(status)
      .type('text/xml; charset=utf-8')
      .send(declaration + builder.build({ [root]: records.length ? { [item]: records } : '' }));
}

/** The element each item of a nested list is written as, in XML: `<attributes><attribute>…`. */
const itemElements: Record<string, string> = { attributes: 'attribute', values: 'value' };

/** A record as XML elements: a nested list under its own element, empty when it holds nothing. */
function asXml(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(record).map(([key, value]) =>
      Array.isArray(value)
        ? [
            key,
            value.length
              ? { [itemElements[key] ?? key]: value.map((v) => asXml(v as Record<string, unknown>)) }
              : '',
          ]
        : [key, value],
    ),
  );
}

/** A single object answer (the service definition): a JSON object, or `<root>…</root>`. */
export function sendObject(res: Response, format: Format, root: string, record: Record311): void {
  if (format === 'json') res.type('application/json; charset=utf-8').send(JSON.stringify(record));
  else res.type('text/xml; charset=utf-8').send(declaration + builder.build({ [root]: asXml(record) }));
}

/** The format a path asks for by its extension; XML, the required one, for any other. */
export const formatOfPath = (path: string): Format => (/\.json$/i.test(path.split('?')[0]) ? 'json' : 'xml');

/**
 * Errors as GeoReport v2 writes them: a list of `{code, description}`, one per problem (each bad
 * field its own), under the HTTP status the specification names: 403 for a missing or wrong
 * api_key, 404 for what does not exist, 400 for any other refusal. Statuses the API adds on its
 * own (413, 415, 429, 503) keep theirs, with their code in the body.
 */
export const open311Errors: ErrorRequestHandler = (err, req, res, _next) => {
  const known = asApiError(err, req, res);
  res.locals.problem = known.code;
  if (known.headers) res.set(known.headers);
  if (known.status === 503) res.set('Retry-After', '5');
  const problems = known.errors?.length
    ? known.errors.map((e) => ({ code: known.status, description: `${e.field}: ${e.message}` }))
    : [{ code: known.status, description: known.message }];
  sendList(res, formatOfPath(req.originalUrl), roots.errors, problems, known.status);
};
