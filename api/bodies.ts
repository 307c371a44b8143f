import express, { RequestHandler } from 'express';
import { ApiError, unsupportedMediaType } from './errors';

/** The largest body the API reads: a meeting of 200 decisions fits in a tenth of it. */
export const maxBodyBytes = 256 * 1024;

/** The deepest nesting a body may have: the API's deepest (a meeting's decision's deadline) is 5 levels. */
export const maxBodyDepth = 32;

/**
 * A body is JSON or refused (415): a body of another type would otherwise be dropped unread
 * and the request handled as if it carried none.
 */
const refuseOtherMediaTypes: RequestHandler = (req, _res, next) => {
  const carriesBody =
    req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
  if (carriesBody && !req.is('application/json'))
    return next(
      unsupportedMediaType(
        `request body must be application/json, not ${req.headers['content-type'] ?? 'untyped'}`,
      ),
    );
  next();
};

/** How deep `value` nests, walked without recursion, stopping once past `limit`. */
function depthOver(value: unknown, limit: number): boolean {
  const pending: [unknown, number][] = [[value, 1]];
  while (pending.length) {
    const [item, depth] = pending.pop()!;
    if (item === null || typeof item !== 'object') continue;
    if (depth > limit) return true;
    for (const child of Object.values(item)) pending.push([child, depth + 1]);
  }
  return false;
}

/**
 * Nesting past what any endpoint takes is refused before validation walks it recursively (a
 * body of 100,000 nested arrays fits in the size limit and would overflow the stack: a 500).
 */
const refuseDeepBodies: RequestHandler = (req, _res, next) => {
  if (depthOver(req.body, maxBodyDepth))
    return next(new ApiError(400, 'too_deep', `request body nests deeper than ${maxBodyDepth} levels`));
  next();
};

/** JSON bodies: typed, at most `maxBodyBytes`, at most `maxBodyDepth` deep; malformed JSON is a 400 (api/errors.ts). */
export const jsonBodies: RequestHandler[] = [
  refuseOtherMediaTypes,
  express.json({ limit: maxBodyBytes }),
  refuseDeepBodies,
];
