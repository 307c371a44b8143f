import {
  ActionBody,
  ActionEntry,
  emptyLog,
  genesisHash,
  hashEntry,
  linkEntry,
  verifyChain,
} from '../../audit/actionLog/chain';

const body = (n: number): ActionBody => ({
  at: `2026-11-27T08:00:0${n}.000Z`,
  actor: { id: `member-${n}`, role: 'grid_member', unit: 'grid-g01' },
  action: 'POST /api/v1/requests/:id/accept',
  path: `/api/v1/requests/r${n}/accept`,
  target: `request-r${n}`,
  requestId: `req-${n}`,
  outcome: { status: 200 },
});

function chainOf(length: number): ActionEntry[] {
  const entries: ActionEntry[] = [];
  for (let n = 1; n <= length; n++) entries.push(linkEntry(entries.at(-1) ?? emptyLog, body(n)));
  return entries;
}

/** What someone with write access could do: rewrite an entry and recompute its own hash. */
const rehash = ({ hash: _, prevHash, ...content }: ActionEntry): ActionEntry => ({
  ...content,
  prevHash,
  hash: hashEntry(prevHash, content),
});

/** The same entry with every object's keys in reverse order, as another database might return it. */
function reversedKeys(value: unknown): unknown {
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, reversedKeys(v)]),
  );
}

describe('the action log hash chain', () => {
  test('When the chain is as written, then it verifies and answers its head', () => {
    const entries = chainOf(5);
    expect(entries[0]).toMatchObject({ seq: 1, prevHash: genesisHash });
    expect(entries[4].prevHash).toBe(entries[3].hash);
    expect(verifyChain(entries)).toEqual({ ok: true, checked: 5, head: { seq: 5, hash: entries[4].hash } });
    expect(verifyChain([])).toEqual({ ok: true, checked: 0, head: { seq: 0, hash: genesisHash } });
  });

  test('When one field of an entry is altered, then the chain breaks as altered at that seq', () => {
    const entries = chainOf(5);
    entries[2] = { ...entries[2], actor: { id: 'someone-else', role: 'grid_member', unit: 'grid-g01' } };
    expect(verifyChain(entries)).toEqual({ ok: false, checked: 2, brokenAt: { seq: 3, kind: 'altered' } });
    const outcome = chainOf(5);
    outcome[3] = { ...outcome[3], outcome: { status: 403, problem: 'forbidden' } };
    expect(verifyChain(outcome)).toMatchObject({ brokenAt: { seq: 4, kind: 'altered' } });
  });

  test('When a field is added to a stored entry, then it is altered too', () => {
    const entries = chainOf(3);
    entries[1] = { ...entries[1], note: 'added later' } as ActionEntry;
    expect(verifyChain(entries)).toMatchObject({ brokenAt: { seq: 2, kind: 'altered' } });
  });

  test('When a middle entry is removed, then the chain breaks as missing at its seq', () => {
    const entries = chainOf(5);
    entries.splice(2, 1);
    expect(verifyChain(entries)).toEqual({ ok: false, checked: 2, brokenAt: { seq: 3, kind: 'missing' } });
    expect(verifyChain(chainOf(3).slice(1))).toMatchObject({ brokenAt: { seq: 1, kind: 'missing' } });
  });

  test('When an entry is rewritten with a fresh hash, then the next entry no longer links to it', () => {
    const entries = chainOf(5);
    entries[1] = rehash({
      ...entries[1],
      outcome: { status: 200 },
      actor: { id: 'someone-else', role: 'committee', unit: 'committee-c01' },
    });
    expect(verifyChain(entries)).toEqual({ ok: false, checked: 2, brokenAt: { seq: 3, kind: 'relinked' } });
  });

  test('When a removal is hidden by renumbering the next entry, then that entry is relinked', () => {
    const entries = chainOf(5);
    entries.splice(2, 1);
    entries[2] = rehash({ ...entries[2], seq: 3 });
    expect(verifyChain(entries)).toMatchObject({ brokenAt: { seq: 3, kind: 'relinked' } });
  });

  test('When entries are reordered, then the break is found where the order goes wrong', () => {
    const [a, b, c, d] = chainOf(4);
    expect(verifyChain([a, c, b, d])).toMatchObject({ ok: false, brokenAt: { seq: 2, kind: 'missing' } });
    expect(verifyChain([a, b, b, c])).toMatchObject({ ok: false, brokenAt: { seq: 3, kind: 'relinked' } });
  });

  test('When the database returns fields in another order, then the chain still verifies', () => {
    const entries = chainOf(4).map((e) => reversedKeys(e) as ActionEntry);
    expect(Object.keys(entries[0])[0]).toBe('hash');
    expect(verifyChain(entries)).toMatchObject({ ok: true, checked: 4 });
  });

  test('When the newest entries are cut off, then the chain is whole but its head differs from the one recorded', () => {
    const entries = chainOf(5);
    const recorded = verifyChain(entries);
    const truncated = verifyChain(entries.slice(0, 3));
    expect(truncated.ok).toBe(true);
    expect(truncated).not.toEqual(recorded);
  });
});
