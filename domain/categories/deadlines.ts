import { DurationSpec } from '../policy/duration';
import { Policy, requestStages, RequestStage } from '../policy/policy';
import { deadlineSpec } from '../requests/deadlines';
import { CategoryLeaf } from './types';

export type StageDeadline = { duration: DurationSpec; rule: string };
export type LeafDeadlines = Record<RequestStage, StageDeadline>;

/** The ladder rung a leaf's requests are first handled at: where they start. */
export const startLevelOf = (leaf: CategoryLeaf, policy: Policy): number =>
  policy.ladder.findIndex((level) => level.id === leaf.handledBy);

/**
 * The deadlines a request filed under `leaf` is first given, per urgency of the policy: its SLA
 * class's rule at the level that handles it (the same function the case itself runs).
 */
export function leafDeadlines(leaf: CategoryLeaf, policy: Policy): Record<string, LeafDeadlines> {
  const startLevel = startLevelOf(leaf, policy);
  return Object.fromEntries(
    Object.keys(policy.urgencies).map((urgency) => [
      urgency,
      Object.fromEntries(
        requestStages.map((stage) => {
          const submission = { category: leaf.slaClass, urgency, startLevel };
          const { spec, rule } = deadlineSpec(submission, stage, startLevel, policy);
          return [stage, { duration: spec, rule }];
        }),
      ) as LeafDeadlines,
    ]),
  );
}
