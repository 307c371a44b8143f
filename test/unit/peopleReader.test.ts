import { OrgPersonDoc } from '../../directory/models';
import { PeopleReader } from '../../directory/people';

const member: OrgPersonDoc = {
  _id: 'member-1',
  name: '张伟',
  assignments: [{ role: 'grid_member', unit: 'grid-g01' }],
};

/** A store that answers from `people`, or never while `stalled` (a SIGSTOPped FerretDB). */
function store(people: Map<string, OrgPersonDoc>) {
  const state = { stalled: false };
  return {
    state,
    person: (id: string) =>
      state.stalled
        ? new Promise<OrgPersonDoc | undefined>(() => undefined)
        : Promise.resolve(people.get(id)),
  };
}

describe('the people behind requests, through a store outage', () => {
  test('When the store answers, then every read sees the latest person: a disabling takes effect at once', async () => {
    const people = new Map([[member._id, member]]);
    const reader = new PeopleReader(store(people), 50);
    expect(await reader.person('member-1')).toEqual(member);
    people.set('member-1', { ...member, disabled: true });
    expect(await reader.person('member-1')).toMatchObject({ disabled: true });
    expect(await reader.person('ghost')).toBeUndefined();
  });

  test('When the store stalls, then the person as last read serves, and someone never read is refused after a longer wait', async () => {
    const people = new Map([[member._id, member]]);
    const stub = store(people);
    const reader = new PeopleReader(stub, 50, 200);
    await reader.person('member-1');
    stub.state.stalled = true;
    expect(await reader.person('member-1')).toEqual(member);
    await expect(reader.person('member-2')).rejects.toThrow('the org directory did not answer within 200 ms');
  });

  test('When the store is slower than the outage limit but answers, then someone never read is still let in', async () => {
    const slow = {
      person: (id: string) =>
        new Promise<OrgPersonDoc | undefined>((resolve) =>
          setTimeout(() => resolve(id === member._id ? member : undefined), 100),
        ),
    };
    const reader = new PeopleReader(slow, 50, 1_000);
    expect(await reader.person('member-1')).toEqual(member);
  });

  test('When the store is slow and the copy lacks an assignment the caller claims, then the copy does not refuse: the store gets the longer wait, and its answer lets the caller in', async () => {
    const secretary: OrgPersonDoc = {
      ...member,
      assignments: [...member.assignments, { role: 'branch_secretary', unit: 'grid-g02' }],
    };
    const people = new Map([[member._id, member]]);
    let delayMs = 0;
    const slow = {
      person: (id: string) =>
        new Promise<OrgPersonDoc | undefined>((resolve) =>
          setTimeout(() => resolve(people.get(id)), delayMs),
        ),
    };
    const reader = new PeopleReader(slow, 50, 1_000);
    await reader.person('member-1');
    people.set('member-1', secretary);
    delayMs = 200;
    const holdsSecretary = (copy?: OrgPersonDoc) =>
      !!copy?.assignments.some((a) => a.role === 'branch_secretary');
    expect(await reader.person('member-1', holdsSecretary)).toEqual(secretary);
  });

  test('When the store stalls and the copy does not admit the caller, then the store’s silence answers, not the copy', async () => {
    const people = new Map([[member._id, member]]);
    const stub = store(people);
    const reader = new PeopleReader(stub, 50, 200);
    await reader.person('member-1');
    stub.state.stalled = true;
    const refusesEveryone = () => false;
    await expect(reader.person('member-1', refusesEveryone)).rejects.toThrow(
      'the org directory did not answer within 200 ms',
    );
    expect(await reader.person('member-1')).toEqual(member);
  });
});
