/** Every workflow the worker registers; the bundler starts from this file. */
export { citizenRequest } from './requests/citizenRequest';
export { assistancePlan, householdPairing, memberPledge } from './commitments';
export { standingCommittee } from './committee/standingCommittee';
export { archiveClosedCases } from './audit/archiveClosedCases';
export { anchorActionLog } from './audit/anchorActionLog';
export { reconcileReadModels } from './readModels/reconcileReadModels';
export { reportCycle, scheduledReportCycle } from './reports/reportCycle';
