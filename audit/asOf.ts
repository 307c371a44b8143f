import { Commit } from './replay';

/** A moment of a case: a time, a revision, or an event of one run of its history. */
export type Moment = { at: number } | { revision: number } | { run: number; eventId: number };

/**
 * The state that held at a moment: the last committed before or at it. A continued run starts
 * by committing the state it carried, so a revision is found at its first commit.
 */
export function stateAsOf(commits: Commit[], moment: Moment): Commit | undefined {
  if ('revision' in moment) return commits.find((commit) => commit.state.revision === moment.revision);
  const held = commits.filter((commit) =>
    'at' in moment ? commit.at <= moment.at : commit.run < moment.run || (commit.run === moment.run && commit.eventId <= moment.eventId),
  );
  return held.at(-1);
}
