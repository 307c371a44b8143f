import { RequestHandler } from 'express';
import { z } from 'zod';
import { ApiError } from './errors';

export interface RequestSchemas {
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  headers?: z.ZodType;
}

/** Parsed inputs are kept on res.locals, so handlers use the typed, defaulted values. */
export interface Validated {
  params: any;
  query: any;
  body: any;
  headers: any;
}

/** The one validation middleware: every bad field is named in a 400 problem. */
export function validate(schemas: RequestSchemas): RequestHandler {
  return (req, res, next) => {
    const errors: { field: string; message: string }[] = [];
    const validated: Partial<Validated> = {};
    for (const part of ['params', 'query', 'body', 'headers'] as const) {
      const schema = schemas[part];
      if (!schema) continue;
      const result = schema.safeParse(part === 'body' ? (req.body ?? {}) : req[part]);
      if (result.success) validated[part] = result.data;
      else errors.push(...result.error.issues.map((issue) => ({ field: [part, ...issue.path].join('.'), message: issue.message })));
    }
    if (errors.length) {
      return next(new ApiError(400, 'validation', errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors));
    }
    res.locals.validated = validated;
    next();
  };
}

export function validated(res: { locals: Record<string, unknown> }): Validated {
  return res.locals.validated as Validated;
}
