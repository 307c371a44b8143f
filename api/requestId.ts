import { randomUUID } from 'node:crypto';
import { RequestHandler, Response } from 'express';

const requestIdPattern = /^[\x21-\x7e]{1,128}$/;

/**
 * Every request gets an id, the caller's X-Request-Id when it is printable ASCII, else a fresh
 * one, echoed back: the action log, the logs and the caller's own records all name it.
 */
export const assignRequestId: RequestHandler = (req, res, next) => {
  const sent = req.get('x-request-id');
  const requestId = sent && requestIdPattern.test(sent) ? sent : randomUUID();
  res.locals.requestId = requestId;
  res.set('X-Request-Id', requestId);
  next();
};

export const requestIdOf = (res: Response): string => res.locals.requestId as string;
