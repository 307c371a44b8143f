import { DurationSpec } from '../policy/duration';
import { Policy, RequestStage } from '../policy/policy';
import { RequestSubmission } from './state';

/**
 * The length of a stage: at the level the request is first handled at the policy's rule for its
 * category and urgency; once escalated above it, the level's own deadline. A return visit always follows the rule,
 * because it is the resident's time to answer, not the level's time to act.
 */
export function deadlineSpec(
  submission: Pick<RequestSubmission, 'category' | 'urgency' | 'startLevel'>,
  stage: RequestStage,
  level: number,
  policy: Policy,
): { spec: DurationSpec; rule: string } {
  const index = policy.requestDeadlines.findIndex(
    (rule) =>
      (rule.when.category === undefined || rule.when.category === submission.category) &&
      (rule.when.urgency === undefined || rule.when.urgency === submission.urgency),
  );
  const rule = policy.requestDeadlines[index];
  if (level > (submission.startLevel ?? 0) && stage !== 'returnVisit') {
    const rung = policy.ladder[level];
    return { spec: rung.deadline, rule: `policy ${policy.version} ladder ${rung.id} ${stage}` };
  }
  const when =
    Object.entries(rule.when)
      .map(([k, v]) => `${k}=${v}`)
      .join(',') || 'default';
  return {
    spec: rule[stage],
    rule: `policy ${policy.version} requestDeadlines[${index}] (${when}) ${stage}`,
  };
}
