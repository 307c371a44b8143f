import { Actor, Role } from '../actors';
import { access } from './roles';
import {
  checkEscalation,
  checkExtensionDecision,
  checkHolderOrAbove,
  checkReopen,
  RequestRuleFacts,
} from './rules';

/** The actions a person takes on a request, each an endpoint `POST /requests/{id}/<action>`. */
export const requestActions = [
  'dispatch',
  'accept',
  'return',
  'progress',
  'extend',
  'extend/decision',
  'resolve',
  'feedback',
  'escalate',
  'withdraw',
  'reopen',
  'reject',
  'merge',
  'route',
] as const;
export type RequestAction = (typeof requestActions)[number];

/**
 * Who may send each action at all (403 for the others), and the rule naming a level it must meet
 * (403 naming the rule); the workflow then decides what the role may do in the request's state.
 */
export const requestActionAccess: {
  [A in RequestAction]: { roles: readonly Role[]; rule?: (actor: Actor, facts: RequestRuleFacts) => void };
} = {
  dispatch: { roles: access.superviseRequest, rule: (actor, f) => checkHolderOrAbove(actor, f, 'dispatch') },
  accept: { roles: access.handleRequest },
  return: { roles: access.handleRequest },
  progress: { roles: access.handleRequest },
  extend: { roles: access.handleRequest },
  'extend/decision': { roles: access.superviseRequest, rule: checkExtensionDecision },
  resolve: { roles: access.handleRequest },
  feedback: { roles: access.feedback },
  escalate: { roles: access.handleRequest, rule: checkEscalation },
  withdraw: { roles: access.withdraw },
  reopen: { roles: access.superviseRequest, rule: checkReopen },
  reject: { roles: access.superviseRequest, rule: (actor, f) => checkHolderOrAbove(actor, f, 'reject') },
  merge: { roles: access.superviseRequest, rule: (actor, f) => checkHolderOrAbove(actor, f, 'merge') },
  route: { roles: access.superviseRequest, rule: (actor, f) => checkHolderOrAbove(actor, f, 'route') },
};
