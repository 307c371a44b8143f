import { QueryClient } from '@tanstack/react-query';
import i18n from 'i18next';
import createFetchClient, { Middleware } from 'openapi-fetch';
import createQueryClient from 'openapi-react-query';
import type { paths } from './schema';

/** The problem document every error of the API answers (RFC 9457), with each bad field named. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: { field: string; message: string }[];
}

/**
 * An answer that is not a success, as the API worded it (forms show `errors` beside their fields),
 * or a call that got no answer at all (status 0). Thrown by every call, so pages handle one kind.
 */
export class ApiProblem extends Error implements Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly instance = '';
  readonly errors?: { field: string; message: string }[];

  constructor(problem: Problem) {
    super(problem.detail);
    ({
      type: this.type,
      title: this.title,
      status: this.status,
      detail: this.detail,
      errors: this.errors,
    } = problem);
  }
}

let token: string | undefined;
let onUnauthenticated: () => void = () => undefined;

/** The session's bearer token (auth/session.tsx sets it) and what a 401 does: sign out. */
export function setSessionToken(next: string | undefined, whenRefused: () => void): void {
  token = next;
  onUnauthenticated = whenRefused;
}

/** The problem an answer carries; a body that is not one (a proxy's error page) still becomes one. */
async function problemOf(response: Response): Promise<ApiProblem> {
  const body = (await response
    .clone()
    .json()
    .catch(() => ({}))) as Partial<Problem>;
  return new ApiProblem({
    type: body.type ?? 'about:blank',
    title: body.title ?? response.statusText,
    status: response.status,
    detail: body.detail ?? `${response.status} ${response.statusText}`,
    errors: body.errors,
  });
}

// Every call carries the token and the language shown (the API words its validation errors in it), and every failure is thrown as an ApiProblem: a page handles one kind of error.
const session: Middleware = {
  onRequest({ request }) {
    if (token) request.headers.set('authorization', `Bearer ${token}`);
    request.headers.set('accept-language', i18n.language === 'en' ? 'en' : 'zh-CN');
    return request;
  },
  async onResponse({ response }) {
    if (response.ok) return response;
    if (response.status === 401 && token) onUnauthenticated();
    throw await problemOf(response);
  },
  onError({ error }) {
    if (error instanceof ApiProblem) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new ApiProblem({
      type: 'about:blank',
      title: 'unreachable',
      status: 0,
      detail: `no answer: ${reason}`,
    });
  },
};

/** The typed client: paths, parameters and bodies are checked against the API's OpenAPI document. */
export const api = createFetchClient<paths>({ baseUrl: window.location.origin });
api.use(session);

/** The same calls as React Query hooks: `$api.useQuery('get', '/api/v1/requests', …)`. */
export const $api = createQueryClient(api);

// The console shows what the API answers now: a case moves under the user's feet (deadlines, other people).
export const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: false, refetchOnWindowFocus: true, staleTime: 5_000 } },
});

/** The data of an answer: `ok(await api.POST(...))` (failures were thrown already). */
export function ok<T>(result: { data?: T }): T {
  return result.data as T;
}

/** A file the API answers (an Excel workbook, a CSV), saved by the browser under the name it gives. */
export async function download(path: string, fallbackName: string): Promise<void> {
  const response = await fetch(path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!response.ok) throw await problemOf(response);
  const disposition = response.headers.get('content-disposition') ?? '';
  const name = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1];
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name ? decodeURIComponent(name) : fallbackName;
  link.click();
  URL.revokeObjectURL(url);
}
