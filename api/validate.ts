import { Request, RequestHandler, Response } from 'express';
import { z } from 'zod';
import { invalid } from './errors';

export interface RequestSchemas {
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  headers?: z.ZodType;
}

/** What a handler receives: each part parsed by its schema, typed, with defaults applied. */
export type Inputs<S extends RequestSchemas> = {
  [K in keyof S]: S[K] extends z.ZodType ? z.output<S[K]> : never;
};

/** A part an endpoint does not take: any query parameter or body field in it is refused by name. */
const nothing = z.object({}).strict();

const locales = { en: z.locales.en().localeError, zh: z.locales.zhCN().localeError };

/**
 * Zod's own messages in the caller's language: Chinese when Accept-Language prefers it (the
 * console sends the language it shows), else English; a field left out is called required rather
 * than "expected string, received undefined". Messages a schema words itself stay as worded.
 */
function errorMapFor(req: Request): z.core.$ZodErrorMap {
  const preferred = req.acceptsLanguages('en', 'zh-CN', 'zh');
  const language = preferred && preferred.startsWith('zh') ? 'zh' : 'en';
  return (issue) =>
    issue.code === 'invalid_type' && issue.input === undefined
      ? { en: 'required', zh: '必填' }[language]
      : locales[language](issue);
}

/**
 * The one validation of the API's inputs: every bad field of every part is named in a 400
 * problem; otherwise `handler` gets the parsed parts, typed from the same schemas that generate
 * the OpenAPI document. A query or a body the endpoint does not take is refused, not ignored.
 * Errors the handler throws (or rejects with) reach the problem handler.
 */
export function validated<S extends RequestSchemas>(
  schemas: S,
  handler: (input: Inputs<S>, res: Response, req: Request) => unknown,
): RequestHandler {
  return async (req, res, next) => {
    const errors: { field: string; message: string }[] = [];
    const input: Record<string, unknown> = {};
    const error = errorMapFor(req);
    for (const part of ['params', 'query', 'body', 'headers'] as const) {
      const schema = schemas[part] ?? (part === 'query' || part === 'body' ? nothing : undefined);
      if (!schema) continue;
      const result = schema.safeParse(part === 'body' ? (req.body ?? {}) : req[part], { error });
      if (result.success) input[part] = result.data;
      else
        errors.push(
          ...result.error.issues.map((issue) => ({
            field: [part, ...issue.path].join('.'),
            message: issue.message,
          })),
        );
    }
    if (errors.length) return next(invalid(errors));
    try {
      await handler(input as Inputs<S>, res, req);
    } catch (err) {
      next(err);
    }
  };
}
