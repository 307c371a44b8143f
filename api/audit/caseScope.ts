import { RequestHandler } from 'express';
import { caseOfWorkflowId } from '../../common/caseKinds';
import { Models } from '../../activities/db/models';
import { CaseFacts, caseVisible, scopeOf } from '../../domain/access/scope';
import { actorOf } from '../actor';
import { notFoundBecause } from '../errors';

/**
 * An audited case within the caller's scope: auditors read every case (archived ones included,
 * without a lookup); the committee the cases of its jurisdiction, by the units their read model
 * keeps (one lookup by `_id`). A committee's own agenda is a case whose jurisdiction is the committee.
 */
export function auditCaseInScope(models: Pick<Models, 'Request' | 'Commitment'>): RequestHandler {
  const factsOf = async (caseId: string): Promise<CaseFacts | undefined> => {
    const named = caseOfWorkflowId(caseId);
    if (!named) return undefined;
    if (named.kind.kind === 'committee') return { jurisdiction: [named.id] };
    const doc =
      named.kind.kind === 'request'
        ? await models.Request.findById(named.id, { units: 1 }).lean()
        : await models.Commitment.findOne({ _id: named.id, kind: named.kind.kind }, { units: 1 }).lean();
    return doc ? { jurisdiction: doc.units } : undefined;
  };
  return (req, res, next) => {
    const scope = scopeOf(actorOf(res));
    if (scope.everything) return next();
    const caseId = String(req.params.caseId);
    factsOf(caseId).then((facts) => {
      next(facts && caseVisible(scope, facts) ? undefined : notFoundBecause(`case ${caseId} not found`));
    }, next);
  };
}
