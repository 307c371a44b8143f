import { RequestHandler } from 'express';
import { z } from 'zod';
import { Actor, roles } from '../domain/actors';
import { ApiError } from './errors';

/**
 * Until real authentication lands, every write names its actor in headers. The API checks
 * their shape and refuses auditors; the workflow decides what the role may do.
 */
export const actorHeadersSchema = z.object({
  'x-actor-id': z.string().min(1).max(100).openapi({ description: 'who acts, e.g. member-1' }),
  'x-actor-role': z.enum(roles).openapi({ description: 'the actor role' }),
  'x-actor-unit': z.string().min(1).max(100).openapi({ description: 'the unit the actor belongs to' }),
});

export const requireActor: RequestHandler = (req, res, next) => {
  const parsed = actorHeadersSchema.safeParse(req.headers);
  if (!parsed.success) {
    const errors = parsed.error.issues.map((issue) => ({ field: `headers.${issue.path.join('.')}`, message: issue.message }));
    return next(new ApiError(400, 'validation', errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors));
  }
  const h = parsed.data;
  if (h['x-actor-role'] === 'auditor') return next(new ApiError(403, 'forbidden', 'auditors have read-only access'));
  res.locals.actor = { id: h['x-actor-id'], role: h['x-actor-role'], unit: h['x-actor-unit'] } satisfies Actor;
  next();
};

export function actorOf(res: { locals: Record<string, unknown> }): Actor {
  return res.locals.actor as Actor;
}
