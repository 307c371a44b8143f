import { CaseState, Commit, ReplayReport } from './replay';

/** A moment of a case: a time, a revision, or an event of one run of its history. */
export type Moment = { at: number } | { revision: number } | { run: number; eventId: number };

/** A committed state made whole again: its timeline is the replay's final one up to its revision. */
export interface HeldState extends Omit<Commit, 'state'> {
  state: CaseState;
}

export function heldState(report: ReplayReport, commit: Commit): HeldState {
  return {
    ...commit,
    state: {
      ...commit.state,
      timeline: report.timeline.filter((entry) => entry.revision <= commit.state.revision),
    },
  };
}

/**
 * The state that held at a moment: the last committed before or at it. A continued run starts
 * by committing the state it carried, so a revision is found at its first commit.
 */
export function stateAsOf(report: ReplayReport, moment: Moment): HeldState | undefined {
  const { commits } = report;
  const commit =
    'revision' in moment
      ? commits.find((c) => c.state.revision === moment.revision)
      : commits
          .filter((c) =>
            'at' in moment
              ? c.at <= moment.at
              : c.run < moment.run || (c.run === moment.run && c.eventId <= moment.eventId),
          )
          .at(-1);
  return commit && heldState(report, commit);
}

/** The last state the replay reached: the case's state now, or where the code stopped reproducing it. */
export function lastState(report: ReplayReport): HeldState | undefined {
  const commit = report.commits.at(-1);
  return commit && heldState(report, commit);
}
