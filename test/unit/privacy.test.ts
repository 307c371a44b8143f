import { presentRequest } from '../../api/requests/presenter';
import { needsContact, placeFor, requesterFor } from '../../domain/privacy/contact';
import { maskAddress, maskName, maskPhone } from '../../domain/privacy/masks';
import { decide, submitRequest } from '../../domain/requests/transitions';
import { actors, defaultPolicy, submission } from '../support/fixtures';

const policy = defaultPolicy();
const now = Date.parse('2026-12-01T02:00:00Z');
const requester = {
  id: 'resident-1',
  name: '诸葛明',
  phone: '13912345678',
  address: '朝阳区幸福小区3栋2单元501',
};
const filed = submitRequest(submission({ requester }), { policy, now }).state;
const dispatched = decide(
  filed,
  { type: 'dispatch', actor: actors.secretary, assignee: actors.member.id },
  { policy, now: now + 60_000 },
).state;

describe('masks', () => {
  test('When an address is masked, then the neighbourhood shows and the building, door and flat do not', () => {
    expect(maskAddress('朝阳区幸福小区3栋2单元501')).toBe('朝阳区幸福小区…');
    expect(maskAddress('北京市朝阳区建国路幸福里小区12号楼')).toBe('北京市朝阳区建国…');
    expect(maskAddress('12 Xinhua Road, flat 5')).toBe('…');
    expect(maskAddress('幸福里')).toBe('幸…');
  });

  test('When a name or a number is masked, then only the family name and the ends of the number show', () => {
    expect(maskName('诸葛明')).toBe('诸**');
    expect(maskPhone('139 1234 5678')).toBe('139****5678');
  });
});

describe("who sees a requester's contact", () => {
  test('When the requester, the assigned member or the grid’s secretary reads a request, then the number and address show in full', () => {
    for (const viewer of [actors.resident, actors.member, actors.secretary])
      expect(requesterFor(viewer, dispatched)).toEqual(requester);
  });

  test('When anyone else reads it, then the number and the address are masked and the name shows', () => {
    const otherSecretary = { ...actors.secretary, unit: 'grid-g02' };
    for (const viewer of [
      actors.otherMember,
      actors.leader,
      actors.secretariat,
      actors.auditor,
      otherSecretary,
    ])
      expect({ viewer: viewer.id, requester: requesterFor(viewer, dispatched) }).toEqual({
        viewer: viewer.id,
        requester: { id: 'resident-1', name: '诸葛明', phone: '139****5678', address: '朝阳区幸福小区…' },
      });
    expect(needsContact(undefined, dispatched)).toBe(false);
  });

  test('When a hotline operator filed the request on the resident’s behalf, then that operator sees the contact, and another operator does not', () => {
    const operator = { id: 'operator-1', role: 'hotline_operator', unit: 'committee-c01' } as const;
    const byPhone = submitRequest(submission({ requester, filedBy: operator.id }), { policy, now }).state;
    expect(requesterFor(operator, byPhone)).toEqual(requester);
    expect(needsContact({ ...operator, id: 'operator-2' }, byPhone)).toBe(false);
  });

  test('When a member is not yet assigned, then they do not see the contact; once assigned, they do', () => {
    expect(needsContact(actors.member, filed)).toBe(false);
    expect(needsContact(actors.member, dispatched)).toBe(true);
  });

  test('When the API presents a request, then it applies the rule for its caller', () => {
    expect(presentRequest(dispatched, policy, actors.leader).requester.phone).toBe('139****5678');
    expect(presentRequest(dispatched, policy, actors.member).requester.phone).toBe('13912345678');
  });
});

describe('the place a filing named', () => {
  const place = {
    community: '幸福小区',
    building: '31号楼',
    unit: '2单元',
    text: '幸福小区31号楼2单元501',
    point: { lng: 111.7, lat: 35.6 },
  };
  const queued = submitRequest(
    submission({
      requester,
      place,
      gridId: '',
      addressUnmatched: true,
      startLevel: 2,
      jurisdiction: ['township-t01', 'township-t01', 'township-t01', 'committee-c01'],
    }),
    { policy, now },
  ).state;

  test('When a request waits in the township’s queue, then the township’s leader sees the place and contact in full, a village leader its community and masked text', () => {
    const townshipLeader = { id: 'leader-t01', role: 'unit_leader', unit: 'township-t01' } as const;
    expect(placeFor(townshipLeader, queued)).toEqual(place);
    expect(needsContact(townshipLeader, queued)).toBe(true);
    expect(placeFor(actors.leader, queued)).toEqual({ community: '幸福小区', text: '幸福小区…' });
    expect(needsContact(actors.secretary, queued)).toBe(false);
  });

  test('When a grid’s request names a place, then its secretary sees it in full and the township’s leader does not', () => {
    const atGrid = submitRequest(submission({ requester, place }), { policy, now }).state;
    expect(placeFor(actors.secretary, atGrid)).toEqual(place);
    expect(placeFor({ id: 'leader-t01', role: 'unit_leader', unit: 'township-t01' }, atGrid)).toEqual({
      community: '幸福小区',
      text: '幸福小区…',
    });
    expect(placeFor(actors.leader, filed)).toBeUndefined();
  });
});

describe("who sees a merged group's return-visit answers", () => {
  const ctx = (minutes: number) => ({ policy, now: now + minutes * 60_000, groupReturnVisit: true });
  const coRequester = { id: 'resident-2', role: 'resident', unit: 'g01' } as const;
  const commands = [
    { type: 'absorbDuplicate', actor: actors.secretary, duplicateId: 'r-2', requesterId: 'resident-2' },
    { type: 'accept', actor: actors.member },
    { type: 'resolve', actor: actors.member, note: 'bulb replaced' },
    { type: 'feedback', actor: coRequester, satisfied: true, note: 'call me on 13812345678' },
  ] as const;
  const answered = commands.reduce(
    (state, command, i) => decide(state, command, ctx(i + 2)).state,
    dispatched,
  );

  test('When that requester or the staff who reach requesters read it, then who answered and what they said show', () => {
    for (const viewer of [coRequester, actors.member, actors.secretary])
      expect(presentRequest(answered, policy, viewer).returnVisit).toEqual({
        requesters: 2,
        answers: [
          {
            requester: 'resident-2',
            satisfied: true,
            at: '2026-12-01T02:05:00.000Z',
            note: 'call me on 13812345678',
          },
        ],
      });
  });

  test('When the group’s other requester or anyone else reads it, then the requester is masked and the words withheld', () => {
    for (const viewer of [actors.resident, actors.leader, actors.auditor])
      expect(presentRequest(answered, policy, viewer).returnVisit.answers).toEqual([
        { requester: 'r*********', satisfied: true, at: '2026-12-01T02:05:00.000Z' },
      ]);
  });
});
