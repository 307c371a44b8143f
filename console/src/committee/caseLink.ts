/**
 * Where an agenda item's case lives in the console, read from the history address the API gives
 * (`/api/v1/requests/<id>/history`, `/api/v1/plans/<id>/problems/p2`): a request's case page, or
 * the commitment a problem belongs to.
 */
export function caseLink(history: string): string | undefined {
  const [, collection, id] = /^\/api\/v1\/([a-z]+)\/([^/]+)\//.exec(history) ?? [];
  if (!collection) return undefined;
  return collection === 'requests' ? `/requests/${id}` : `/commitments/${collection}/${id}`;
}
