import express, { RequestHandler } from 'express';
import { maxBodyBytes } from '../bodies';
import { ApiError, unsupportedMediaType } from '../errors';

/** How many fields a form may hold: the specification's are 17, and 20 attributes besides. */
const maxFields = 100;

/**
 * Bodies of the Open311 routes only: the form encoding the specification names
 * (application/x-www-form-urlencoded), or JSON; any other type is refused (415). Forms are read
 * flat (no nesting), so `attribute[code]` and `attribute[code][]` arrive as keys and are
 * gathered here into `attribute`; a repeated key arrives as a list and is refused by the schema
 * unless it is a multivaluelist's `[]`. The schemas expect strings and flat lists, so no value is
 * walked deeper than that.
 */
export const open311Bodies: RequestHandler[] = [
  (req, _res, next) => {
    const carriesBody =
      req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
    if (carriesBody && !req.is(['application/x-www-form-urlencoded', 'application/json']))
      return next(
        unsupportedMediaType(
          `request body must be application/x-www-form-urlencoded or application/json, not ${req.headers['content-type'] ?? 'untyped'}`,
        ),
      );
    next();
  },
  express.urlencoded({ extended: false, limit: maxBodyBytes, parameterLimit: maxFields }),
  express.json({ limit: maxBodyBytes }),
  (req, _res, next) => {
    try {
      req.body = gatherAttributes(req.body);
    } catch (err) {
      return next(err);
    }
    next();
  },
];

const attributeKey = /^attribute\[([^\]]*)\](\[\])?$/;

/** `{"attribute[a]": "1", "attribute[b][]": ["2", "3"]}` → `{attribute: {a: "1", b: ["2", "3"]}}`; other keys as they are. */
export function gatherAttributes(body: unknown): unknown {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return body;
  const fields: Record<string, unknown> = {};
  const attributes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    const [, code, many] = attributeKey.exec(key) ?? [];
    if (code === undefined) fields[key] = value;
    else attributes[code] = many && !Array.isArray(value) ? [value] : value;
  }
  if (!Object.keys(attributes).length) return fields;
  if (fields.attribute !== undefined)
    throw new ApiError(
      400,
      'validation',
      'body: attribute given both as attribute[code] keys and as an object',
    );
  return { ...fields, attribute: attributes };
}
