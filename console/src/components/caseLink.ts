import { caseOfWorkflowId } from '../../../common/caseKinds';

/**
 * The console page of a case named by its workflow ID (a notice's `caseId`, an action log's case),
 * read by the registry of case kinds every process uses: a request's page, a commitment's, or the
 * committee's agenda.
 */
export function casePage(caseId: string): string | undefined {
  const found = caseOfWorkflowId(caseId);
  if (!found) return undefined;
  const { kind, id } = found;
  if (kind.kind === 'request') return `/requests/${id}`;
  if (kind.kind === 'committee') return '/committee';
  return `/commitments/${kind.apiPath}/${id}`;
}
