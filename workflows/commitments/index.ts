import { CommitmentInput } from '../../common/commitments';
import { CommitmentState } from '../../domain/commitments/state';
import { runCommitment } from './commitment';

/** 三年帮扶工作方案: one team helps one enterprise for three years. */
export function assistancePlan(input: CommitmentInput): Promise<CommitmentState> {
  return runCommitment(input);
}

/** 结对/结亲: a cadre paired with one to three households for three years. */
export function householdPairing(input: CommitmentInput): Promise<CommitmentState> {
  return runCommitment(input);
}

/** 服务承诺: a member's public pledge of deeds for the year. */
export function memberPledge(input: CommitmentInput): Promise<CommitmentState> {
  return runCommitment(input);
}
