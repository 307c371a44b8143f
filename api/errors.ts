import { ErrorRequestHandler, Request, Response } from 'express';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { ArchiveError } from '../audit/archive';
import { NotReplayableError } from '../audit/auditor';
import { CaseNotFoundError } from '../audit/source';
import { Refusal } from '../domain/timeline';
import { requestLogOf } from './requestLog';
import { Dependency, unreachableDependency } from './dependencies';

/** One error type for every answer that is not a success; the handler below turns it into problem+json. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly errors?: { field: string; message: string }[],
    /** Further members of the problem document, e.g. the unavailable `dependency` */
    readonly extensions?: Record<string, string>,
    /** Response headers the answer carries, e.g. a 401's `WWW-Authenticate` challenge */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

/** 503 naming the dependency: the caller may retry (with its Idempotency-Key, a write is not doubled). */
export function dependencyUnavailable(dependency: Dependency, err: Error): ApiError {
  return new ApiError(
    503,
    'dependency_unavailable',
    `${dependency} is unavailable: ${err.message.split('\n')[0]}`,
    undefined,
    { dependency },
  );
}

/** 400 naming every bad field, in the message and one by one in `errors`. */
export function invalid(errors: { field: string; message: string }[]): ApiError {
  return new ApiError(400, 'validation', errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
}

/** 400 for one bad field, named as the validation names it (`body.gridId`). */
export const invalidField = (field: string, message: string) => invalid([{ field, message }]);

/** 404 for something named by the caller (`request r1`), or the whole sentence when "not found" does not fit it. */
export const notFound = (what: string) => new ApiError(404, 'not_found', `${what} not found`);
export const notFoundBecause = (message: string) => new ApiError(404, 'not_found', message);

/**
 * 401 with the Bearer challenge (RFC 6750): no credentials at all, or a token refused, the message
 * saying why (expired, wrong audience, …) and never repeating the token.
 */
export function unauthenticated(message: string, tokenRefused: boolean): ApiError {
  const challenge = tokenRefused ? 'Bearer realm="lianxin", error="invalid_token"' : 'Bearer realm="lianxin"';
  return new ApiError(401, 'unauthenticated', message, undefined, undefined, {
    'WWW-Authenticate': challenge,
  });
}

export const forbidden = (message: string) => new ApiError(403, 'forbidden', message);

export const notAllowedInState = (message: string) => new ApiError(409, 'not_allowed_in_state', message);

/** 429: the caller (`who`: an address or a user) sent more than `limit` requests a minute; Retry-After says when to try again. */
export const tooManyRequests = (who: string, limit: number) =>
  new ApiError(429, 'rate_limited', `too many requests from ${who}: at most ${limit} a minute`);

/** 415: a body the API cannot read as JSON. */
export const unsupportedMediaType = (message: string) => new ApiError(415, 'unsupported_media_type', message);

/** 503: the running policy lacks what the endpoint needs; an operator, not the caller, must act. */
export const notConfigured = (message: string) => new ApiError(503, 'not_configured', message);

const refusalStatus = { not_allowed_in_state: 409, forbidden: 403, invalid: 400 } as const;
const isRefusalCode = (code: string | null | undefined): code is keyof typeof refusalStatus =>
  typeof code === 'string' && code in refusalStatus;

/** A domain refusal (`Refusal`, or one a workflow sent back), under its own stable code. */
const refused = (code: keyof typeof refusalStatus, message: string) =>
  new ApiError(refusalStatus[code], code, message);

/** Business refusals come back from the workflow as typed failures; only here do they become HTTP statuses. */
export function fromTemporal(err: unknown, what: string): unknown {
  if (err instanceof WorkflowNotFoundError) return notFound(what);
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
    if (isRefusalCode(err.cause.type)) return refused(err.cause.type, err.cause.message);
  }
  return err;
}

/** The auditor's failures: an unknown case, a record the code no longer replays, a damaged archive. */
function fromAudit(err: unknown): ApiError | undefined {
  if (err instanceof CaseNotFoundError) return notFoundBecause(err.message);
  if (err instanceof NotReplayableError) return new ApiError(409, 'not_replayable', err.message);
  if (err instanceof ArchiveError) return new ApiError(500, 'archive_damaged', err.message);
  return undefined;
}

/** A refusal the API met deciding a case's first state itself, as the workflow would have. */
function fromRefusal(refusal: Refusal): ApiError {
  return refused(refusal.code, refusal.message);
}

/** Any error as the API answers it; one it does not know is logged and answered as a 500. */
export function asApiError(err: unknown, req: Request, res: Response): ApiError {
  const known =
    err instanceof ApiError
      ? err
      : err instanceof Refusal
        ? fromRefusal(err)
        : (fromAudit(err) ?? bodyParserError(err as BodyParserError) ?? unavailable(err));
  if (!known) requestLogOf(res).error({ err, method: req.method, path: req.originalUrl }, 'unexpected error');
  return known ?? new ApiError(500, 'internal', 'internal error');
}

export const problemHandler: ErrorRequestHandler = (err, req, res, _next) => {
  const problem = asApiError(err, req, res);
  // The action log records the stable code with the outcome.
  res.locals.problem = problem.code;
  if (problem.status === 503) res.set('Retry-After', '5');
  if (problem.headers) res.set(problem.headers);
  res
    .status(problem.status)
    .type('application/problem+json')
    .json({
      type: `urn:lianxin:problem:${problem.code}`,
      title: problem.code,
      status: problem.status,
      detail: problem.message,
      instance: req.originalUrl,
      ...(problem.errors ? { errors: problem.errors } : {}),
      ...problem.extensions,
    });
};

function unavailable(err: unknown): ApiError | undefined {
  const dependency = unreachableDependency(err);
  return dependency && dependencyUnavailable(dependency, err as Error);
}

interface BodyParserError {
  type?: string;
  status?: number;
  message?: string;
  limit?: number;
}

function bodyParserError(err: BodyParserError): ApiError | undefined {
  if (err.type === 'entity.parse.failed')
    return new ApiError(400, 'malformed_json', `request body is not valid JSON: ${err.message}`);
  if (err.type === 'entity.too.large')
    return new ApiError(413, 'too_large', `request body is larger than ${err.limit} bytes`);
  if (err.type === 'charset.unsupported' || err.type === 'encoding.unsupported')
    return unsupportedMediaType(err.message ?? 'unsupported body encoding');
  if (typeof err.status === 'number' && err.status >= 400 && err.status < 500)
    return new ApiError(err.status, 'bad_request', err.message ?? 'bad request');
  return undefined;
}
