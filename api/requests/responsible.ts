import { DirectoryStore } from '../../directory/store';
import { OrgDirectory } from '../../domain/org';
import { CitizenRequestState } from '../../domain/requests/state';

/** How long a view waits for the directory to name a person before it shows the unit alone. */
const personWithinMs = 1_000;

/** The grid a request is filed to, with its branch and name; none while no grid covers its place. */
export function gridOf(state: CitizenRequestState, org: OrgDirectory) {
  const { gridId, jurisdiction, addressUnmatched } = state.submission;
  if (addressUnmatched || !gridId) return undefined;
  const unit = jurisdiction[0];
  const name = org.nameOf(unit);
  return name && { id: gridId, unit, name };
}

async function withinTime<T>(read: Promise<T>): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), personWithinMs);
  });
  try {
    return await Promise.race([read.catch(() => undefined), late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Who answers for a request now, for residents to see: the unit at its level, and the person: the
 * assignee once dispatched, else the head of the unit that dispatches it (its grid's branch
 * secretary, or the leader of the township whose queue holds it). A person the directory does not
 * name in time (MongoDB down) is left out; the view still answers.
 */
export function responsibleFor(
  state: CitizenRequestState,
  org: OrgDirectory,
  store: Pick<DirectoryStore, 'person' | 'holderOf'>,
) {
  const { jurisdiction, addressUnmatched } = state.submission;
  return responsibleAt(org, store, {
    unit: jurisdiction[state.level],
    dispatcher: jurisdiction[0],
    unmatched: !!addressUnmatched,
    assignee: state.assignee,
  });
}

/** The unit answering, and its person: the assignee if any, else the dispatcher's head (a grid's branch secretary; for an unmatched place, the township's leader). */
export async function responsibleAt(
  org: OrgDirectory,
  store: Pick<DirectoryStore, 'person' | 'holderOf'>,
  at: { unit: string; dispatcher: string; unmatched: boolean; assignee?: string },
) {
  const person = at.assignee
    ? ((await withinTime(store.person(at.assignee))) ?? { _id: at.assignee, name: undefined })
    : await withinTime(store.holderOf(at.dispatcher, at.unmatched ? 'unit_leader' : 'branch_secretary'));
  return {
    unit: at.unit,
    unitName: org.nameOf(at.unit),
    ...(person && { person: { id: person._id, ...(person.name !== undefined && { name: person.name }) } }),
  };
}
