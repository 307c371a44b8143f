import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Actor } from '../../domain/actors';
import { parsePolicy, Policy } from '../../domain/policy/policy';
import { withCalendar } from '../../domain/policy/calendarFile';
import { readCalendarFile } from '../../config/calendarFile';
import { RequestSubmission } from '../../domain/requests/state';
import { CommitmentSubmission } from '../../domain/commitments/state';

export const repoRoot = join(__dirname, '..', '..');

/** The default policy with the calendar file, as the API hands it to new cases. */
export function defaultPolicy(): Policy {
  return withCalendar(
    parsePolicy(JSON.parse(readFileSync(join(repoRoot, 'config', 'policy.default.json'), 'utf8'))),
    readCalendarFile(join(repoRoot, 'config', 'calendar.cn.json')),
  );
}

export const jurisdiction = ['grid-g01', 'village-v01', 'township-t01', 'committee-c01'];

export function submission(overrides: Partial<RequestSubmission> = {}): RequestSubmission {
  return {
    id: 'r-1',
    channel: 'hotline',
    category: 'general',
    urgency: 'normal',
    title: '楼道灯坏了 stairwell light broken',
    description: 'The light on the 3rd floor has been out for a week.',
    requester: { id: 'resident-1', name: '张三' },
    gridId: 'g01',
    major: false,
    jurisdiction,
    ...overrides,
  };
}

export const actors = {
  secretary: { id: 'sec-1', role: 'branch_secretary', unit: 'grid-g01' },
  member: { id: 'member-1', role: 'grid_member', unit: 'grid-g01' },
  otherMember: { id: 'member-2', role: 'grid_member', unit: 'grid-g01' },
  resident: { id: 'resident-1', role: 'resident', unit: 'g01' },
  leader: { id: 'leader-1', role: 'unit_leader', unit: 'village-v01' },
  auditor: { id: 'aud-1', role: 'auditor', unit: 'audit' },
  secretariat: { id: 'sec-c01', role: 'committee', unit: 'committee-c01' },
} satisfies Record<string, Actor>;

export function planSubmission(overrides: Partial<CommitmentSubmission> = {}): CommitmentSubmission {
  return {
    id: 'plan-1',
    kind: 'enterprise',
    title: '帮扶东关精密机械 assistance to Dongguan Precision',
    team: { name: '工信局帮扶组 industry bureau team', department: 'industry-bureau' },
    lead: 'lead-1',
    members: ['member-a', 'member-b'],
    enterprise: { name: '东关精密机械有限公司' },
    startDate: '2026-12-01',
    termYears: 3,
    focusAreas: ['land', 'funds'],
    initialProblems: [{ title: '用地手续 land procedures', area: 'land' }],
    promisedDeeds: [],
    gridId: 'g01',
    jurisdiction,
    ...overrides,
  };
}
