import ExcelJS from 'exceljs';
import { rateDefinitions } from '../../domain/kpi/rates';
import { actors } from '../support/fixtures';
import { eventually } from '../support/eventually';
import { useE2eSystem } from '../support/e2eSystem';

/**
 * Ledgers (台账), rankings and commitment figures over HTTP on the real dev server and FerretDB,
 * against figures counted by hand from what the test did. On the short policy every request
 * deadline is an hour away and a return visit closes unanswered after 3 s, so nothing else moves.
 */
const e2e = useE2eSystem();
const { http } = e2e;

type Actor = { id: string; role: string; unit: string };
const todayLocal = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const tomorrowLocal = () => new Date(Date.now() + 32 * 3_600_000).toISOString().slice(0, 10);
let month: string;

async function file(gridId: string): Promise<string> {
  const created = await http.post(
    '/requests',
    {
      channel: 'hotline',
      category: 'general',
      title: `台账 ledger ${gridId}`,
      description: 'ledger routes test',
      requester: { id: 'resident-1', name: '张三', phone: '13800000000' },
      gridId,
    },
    actors.resident,
  );
  expect(created.status).toBe(201);
  return created.body.id;
}

async function act(id: string, action: string, body: unknown, actor: Actor) {
  const res = await http.post(`/requests/${id}/${action}`, body, actor);
  if (res.status >= 300) throw new Error(`${action}: ${res.status} ${JSON.stringify(res.body)}`);
}

/** Each grid's own branch dispatches to one of its members: another grid's staff cannot see the request. */
const staffOf = (grid: string) =>
  grid === 'g01'
    ? { secretary: actors.secretary, member: actors.member }
    : {
        secretary: { id: `sec-${grid}`, role: 'branch_secretary', unit: `grid-${grid}` },
        member: { id: `member-${grid}`, role: 'grid_member', unit: `grid-${grid}` },
      };

async function resolveAndAnswer(id: string, satisfied: boolean, grid = 'g01') {
  const { secretary, member } = staffOf(grid);
  await act(id, 'dispatch', { assignee: member.id }, secretary);
  await act(id, 'accept', {}, member);
  await act(id, 'resolve', { note: 'done' }, member);
  await act(id, 'feedback', { satisfied }, actors.resident);
}

/** A file download: the raw bytes and headers, which the JSON client cannot read. */
async function download(path: string) {
  const res = await fetch(`${e2e.system.url}/api/v1${path}`, {
    headers: await e2e.system.authHeaders(actors.auditor),
  });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

async function workbookOf(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  return book;
}

/** A sheet's rows from the headings (row 2) on, as plain values. */
const rowsOf = (sheet: ExcelJS.Worksheet) =>
  sheet
    .getSheetValues()
    .slice(2)
    .map((row) => (row as ExcelJS.CellValue[]).slice(1));

describe('ledgers, rankings and their exports', () => {
  beforeAll(async () => {
    month = todayLocal().slice(0, 7);
    // grid-g01 (village-v01): one closed satisfied; one reopened by an unsatisfied visit, resolved
    // again and left unanswered. grid-g03 (village-v02): one withdrawn, one closed satisfied.
    const satisfied = await file('g01');
    const reopened = await file('g01');
    const withdrawn = await file('g03');
    const elsewhere = await file('g03');
    await resolveAndAnswer(satisfied, true);
    await resolveAndAnswer(reopened, false);
    await act(reopened, 'resolve', { note: 'second try' }, actors.member);
    await act(withdrawn, 'withdraw', { reason: 'solved myself' }, actors.resident);
    await resolveAndAnswer(elsewhere, true, 'g03');
    await eventually(
      async () => {
        const history = await http.get(`/requests/${reopened}/history`);
        expect(history.body.entries.map((e: { action: string }) => e.action)).toContain('close_no_feedback');
        // The projection has counted the last step too.
        expect((await http.get(`/ledgers/grid-g01?month=${month}`)).body.counts.noFeedback).toBe(1);
      },
      { timeoutMs: 30_000 },
    );
  }, 120_000);

  test('When a village’s ledger is read, then its counts, rate terms, levels and score are the hand-counted ones', async () => {
    const res = await http.get(`/ledgers/village-v01?month=${month}`);
    expect(res.status).toBe(200);
    const lastDay = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0));
    expect(res.body).toMatchObject({
      unit: {
        id: 'village-v01',
        name: { zh: '东关社区', en: 'Dongguan community' },
        level: { rung: 1, id: 'village', label: { zh: '村/社区党组织', en: 'Village/community' } },
      },
      period: { from: `${month}-01`, to: lastDay.toISOString().slice(0, 10) },
      noFeedback: 1,
      lapsed: 0,
      scoring: { weights: { response: 0.2, resolution: 0.35, satisfaction: 0.35, gridShare: 0.1 } },
    });
    expect(res.body.counts).toMatchObject({
      filed: 2,
      dispatched: 2,
      accepted: 2,
      responsesDue: 2,
      respondedOnTime: 2,
      resolved: 3,
      resolutionsReopened: 1,
      reopened: 1,
      satisfied: 1,
      unsatisfied: 1,
      noFeedback: 1,
      withdrawn: 0,
    });
    const byKey = (rows: { key: string; count: number }[]) =>
      Object.fromEntries(rows.map((r) => [r.key, r.count]));
    expect(byKey(res.body.byStatus)).toEqual({
      submitted: 2,
      dispatched: 2,
      accepted: 2,
      in_progress: 0,
      resolved: 3,
      closed: 2,
      reopened: 1,
      withdrawn: 0,
      merged: 0,
      rejected: 0,
    });
    expect(byKey(res.body.byCategory)).toEqual({ emergency: 0, general: 2 });
    expect(res.body.byChannel).toContainEqual({
      key: 'hotline',
      label: { zh: '热线电话', en: 'Hotline' },
      count: 2,
    });
    expect(res.body.byChannel.reduce((sum: number, r: { count: number }) => sum + r.count, 0)).toBe(2);
    expect(res.body.rates).toEqual({
      response: { rate: 1, numerator: 2, denominator: 2 },
      resolution: { rate: 2 / 3, numerator: 2, denominator: 3 },
      satisfaction: { rate: 0.5, numerator: 1, denominator: 2 },
      gridShare: { rate: 1, numerator: 3, denominator: 3 },
    });
    expect(res.body.byLevel.map((l: { id: string; resolvedAt: number }) => [l.id, l.resolvedAt])).toEqual([
      ['grid', 3],
      ['village', 0],
      ['township', 0],
      ['committee', 0],
    ]);
    // 100 × (0.2 × 1 + 0.35 × 2/3 + 0.35 × 0.5 + 0.1 × 1)
    expect(res.body.score).toBeCloseTo(70.833333, 5);

    const township = (await http.get(`/ledgers/township-t01?from=${month}-01&to=${todayLocal()}`)).body;
    expect(township.counts).toMatchObject({ filed: 4, withdrawn: 1, resolved: 4, satisfied: 2 });
    expect(township.rates.response).toEqual({ rate: 1, numerator: 3, denominator: 3 });
  });

  test('When the villages are ranked, then the one with better rates comes first, each with its score', async () => {
    const res = await http.get(`/rankings?level=village&month=${month}`);
    expect(res.status).toBe(200);
    expect(res.body.level).toEqual({
      rung: 1,
      id: 'village',
      label: { zh: '村/社区党组织', en: 'Village/community' },
    });
    expect(
      res.body.units.map((u: { position: number; unit: { id: string }; score: number }) => [
        u.position,
        u.unit.id,
        Math.round(u.score * 1000) / 1000,
      ]),
    ).toEqual([
      [1, 'village-v02', 100],
      [2, 'village-v01', 70.833],
      // the demo county's other villages had nothing to count: listed last, without a position
      [null, 'village-v03', 0],
      [null, 'village-v04', 0],
      [null, 'village-v05', 0],
    ]);
    expect(res.body.units[0]).toMatchObject({ filed: 2, resolved: 1, noFeedback: 0, lapsed: 0 });
    const grids = (await http.get(`/rankings?level=grid&month=${month}`)).body.units;
    // grid-g02 and the demo county's other grids had nothing to count: listed last, without a position.
    expect(
      grids.map((u: { position: number | null; unit: { id: string } }) => [u.position, u.unit.id]),
    ).toEqual([
      [1, 'grid-g03'],
      [2, 'grid-g01'],
      ...['g02', 'g04', 'g05', 'g06', 'g07', 'g08', 'g09', 'g10', 'g11', 'g12'].map((g) => [
        null,
        `grid-${g}`,
      ]),
    ]);
  });

  test('When a ledger is exported to Excel, then its sheets, headings and values read back', async () => {
    const res = await download(`/ledgers/village-v01?month=${month}&format=xlsx`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    expect(res.headers.get('content-disposition')).toContain(
      `filename*=UTF-8''${encodeURIComponent(`东关社区 ${Number(month.slice(0, 4))}年${Number(month.slice(5, 7))}月台账.xlsx`)}`,
    );
    const book = await workbookOf(res.bytes);
    expect(book.title).toBe(`东关社区 ${Number(month.slice(0, 4))}年${Number(month.slice(5, 7))}月台账`);
    expect(book.worksheets.map((s) => s.name)).toEqual([
      '台账概况',
      '三率及网格解决占比',
      '分项计数',
      '按层级',
      '按状态',
      '按类别',
      '按渠道',
      '按诉求分类（第1级）',
      '超期件及责任人',
    ]);
    const [summary, rates, counts, levels] = book.worksheets;
    const [headings, values] = rowsOf(summary);
    const summaryRow = Object.fromEntries(headings.map((h, i) => [String(h), values[i]]));
    expect(summaryRow).toMatchObject({
      '单位（Unit）': '东关社区',
      '层级（Level）': '村/社区党组织',
      '受理诉求（Filed）': 2,
      '办结（Resolutions）': 3,
      '满意率（Satisfaction rate）': 0.5,
      '回访无反馈（No feedback）': 1,
    });
    expect(summary.getRow(3).getCell(headings.indexOf('满意率（Satisfaction rate）') + 1).numFmt).toBe(
      '0.0%',
    );
    expect(rowsOf(rates)[0].slice(0, 4)).toEqual([
      '指标（Rate）',
      '比率（Value）',
      '分子（Numerator）',
      '分母（Denominator）',
    ]);
    expect(rowsOf(rates)[2].slice(0, 4)).toEqual(['解决率 Resolution rate', 2 / 3, 2, 3]);
    expect(rowsOf(counts)).toContainEqual(['重办', 'Reopened', 1]);
    expect(rowsOf(levels)[1]).toEqual(['网格支部', 'Grid branch', 0, 3]);
  });

  test('When a ledger or a ranking is exported to CSV, then it opens with the byte-order mark and the Chinese headings', async () => {
    const rates = await download(`/ledgers/village-v01?month=${month}&format=csv&section=rates`);
    expect(rates.status).toBe(200);
    expect(rates.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect([...rates.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = rates.bytes.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]).toBe(
      '指标（Rate）,比率（Value）,分子（Numerator）,分母（Denominator）,分子口径（Numerator counts）,分母口径（Denominator counts）',
    );
    expect(lines[3]).toMatch(/^满意率 Satisfaction rate,50%,1,2,/);

    const ranking = await download(`/rankings?level=village&month=${month}&format=csv`);
    const rankingLines = ranking.bytes.toString('utf8').split('\r\n');
    expect(
      rankingLines[0].startsWith(
        '\uFEFF名次（Position）,单位（Unit）,单位代码（Unit id）,综合得分（Composite score）',
      ),
    ).toBe(true);
    expect(rankingLines[1]).toMatch(/^1,西关村,village-v02,100,100%,100%,100%,100%,2,1,0,0$/);

    const missing = await http.get(`/ledgers/village-v01?month=${month}&format=csv`);
    expect(missing.status).toBe(400);
    expect(missing.body.errors[0].field).toBe('query.section');
    expect(missing.body.detail).toContain('summary, rates, counts, levels');
  });

  test('When the API document is read, then each rate states its exact numerator and denominator', async () => {
    const doc = (await http.get('/openapi.json')).body;
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/ledgers/{unitId}',
        '/api/v1/ledgers/{unitId}/commitments',
        '/api/v1/rankings',
      ]),
    );
    const rates = doc.components.schemas.Ledger.properties.rates.properties;
    expect(rates.satisfaction.properties.numerator.description).toBe(rateDefinitions.satisfaction.numerator);
    expect(rates.response.properties.denominator.description).toBe(rateDefinitions.response.denominator);
    expect(rates.resolution.description).toContain(
      '解决率 Resolution rate = (resolved − resolutionsReopened',
    );
  });

  // Last of the ledger tests: the emergency request it files would change the figures above.
  test('When a request of a grid misses its deadlines, then the grid’s ledger lists it overdue with who holds it, in JSON and CSV', async () => {
    const created = await http.post(
      '/requests',
      {
        channel: 'hotline',
        category: 'emergency',
        title: '燃气泄漏 gas leak',
        description: 'left undispatched',
        requester: { id: 'resident-1', name: '张三', phone: '13800000000' },
        gridId: 'g02',
      },
      actors.resident,
    );
    expect(created.status).toBe(201);
    const id = created.body.id;
    // Emergency deadlines are 3 s on the short policy: undispatched, it climbs to the committee.
    const ledger = await eventually(
      async () => {
        const body = (await http.get(`/ledgers/grid-g02?month=${month}`)).body;
        expect(body.overdue.items).toEqual([
          expect.objectContaining({ requestId: id, stage: 'dispatch', holder: 'committee-c01' }),
        ]);
        return body;
      },
      { timeoutMs: 60_000 },
    );
    expect(ledger.overdue.total).toBe(1);
    expect(ledger.overdue.asOf).toMatch(/^\d{4}-\d\d-\d\dT/);
    const csv = await download(`/ledgers/grid-g02?month=${month}&format=csv&section=overdue`);
    const text = csv.bytes.toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text).toContain('责任人（Held by）');
    expect(text).toContain(`${id},燃气泄漏 gas leak,dispatch,committee-c01,`);
  }, 90_000);

  test('When a ledger or a ranking is asked for with bad input, then the answer names the field or the unit', async () => {
    const field = async (path: string) => {
      const res = await http.get(path);
      return [res.status, res.body.errors?.map((e: { field: string }) => e.field) ?? res.body.detail];
    };
    expect(await field('/ledgers/nowhere?month=2026-11')).toEqual([404, 'unit nowhere not found']);
    expect(await field('/ledgers/village-v01')).toEqual([400, ['query.month']]);
    expect(await field('/ledgers/village-v01?month=2026-13')).toEqual([400, ['query.month']]);
    expect(await field('/ledgers/village-v01?month=2026-11&from=2026-11-01&to=2026-11-02')).toEqual([
      400,
      ['query.month'],
    ]);
    expect(await field('/ledgers/village-v01?from=2026-11-30&to=2026-11-01')).toEqual([400, ['query.to']]);
    expect(await field('/ledgers/village-v01?from=2026-02-30&to=2026-03-01')).toEqual([400, ['query.from']]);
    expect(await field('/ledgers/village-v01?from=2025-01-01&to=2026-11-01')).toEqual([400, ['query.to']]);
    expect(await field('/ledgers/village-v01?from=2026-11-01')).toEqual([400, ['query.to']]);
    expect(await field('/ledgers/village-v01?month=2026-11&format=pdf')).toEqual([400, ['query.format']]);
    expect(await field('/rankings?level=province&month=2026-11')).toEqual([400, ['query.level']]);
    expect(await field('/rankings?month=2026-11')).toEqual([400, ['query.level']]);
    expect(await field('/ledgers/nowhere/commitments?month=2026-11')).toEqual([
      404,
      'unit nowhere not found',
    ]);
  });
});

describe('commitment figures of a unit', () => {
  const team = (id: string): Actor => ({ id, role: 'assistance_team', unit: 'industry-bureau' });
  const open = async (lead: string, overrides: Record<string, unknown> = {}) => {
    const created = await http.post(
      '/plans',
      {
        title: `帮扶 ${lead}`,
        team: { name: '工信局帮扶组 industry bureau team', department: 'industry-bureau' },
        lead,
        members: [`${lead}-m`],
        enterprise: { name: `企业 ${lead}` },
        focusAreas: ['funds'],
        initialProblems: [],
        gridId: 'g02',
        ...overrides,
      },
      team(lead),
    );
    expect(created.status).toBe(201);
    return created.body as { id: string; letters: { dueAt: string }[] };
  };
  const ok = async (path: string, body: unknown, actor: Actor) => {
    const res = await http.post(path, body, actor);
    if (res.status >= 300) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };

  test('When plans sign letters, visit, solve problems, secure funds and close, then the unit’s figures count them', async () => {
    const today = todayLocal();
    // Plan a: its letter (due 4 s after opening) signed late with a ¥1M target, two visits,
    // ¥300,000.50, its one problem solved.
    const opened = await open('lead-a', { initialProblems: [{ title: '用地手续 land', area: 'land' }] });
    const a = opened.id;
    await eventually(async () => expect(Date.now()).toBeGreaterThan(Date.parse(opened.letters[0].dueAt)));
    const letterA = await ok(
      `/plans/${a}/letters`,
      { year: 1, targets: ['融资'], fundsTargetYuan: 1_000_000 },
      team('lead-a'),
    );
    expect(letterA.letters[0].onTime).toBe(false);
    await ok(`/plans/${a}/visits`, { note: '走访 one' }, team('lead-a'));
    await ok(`/plans/${a}/visits`, { note: '走访 two' }, team('lead-a'));
    await ok(`/plans/${a}/funds`, { amountYuan: 300_000.5, source: '技改补贴', date: today }, team('lead-a'));
    await ok(`/plans/${a}/problems/p1/resolve`, { outcome: '已办结 done' }, team('lead-a'));
    // Plan b: its letter never signed, one visit, ¥200,000 without a target, a problem opened, then closed early.
    const b = (await open('lead-b')).id;
    await ok(`/plans/${b}/visits`, { note: '走访' }, team('lead-b'));
    await ok(`/plans/${b}/funds`, { amountYuan: 200_000, source: '银行贷款', date: today }, team('lead-b'));
    await ok(`/plans/${b}/problems`, { title: '融资难', area: 'funds' }, team('lead-b'));
    const closed = await ok(`/plans/${b}/close`, { reason: '企业迁出 moved away' }, actors.leader);
    const [assessment] = closed.assessments as { rating: string; score: number }[];
    // Plan c starts tomorrow: its letter is not due yet, and signed now it is on time.
    const c = (await open('lead-c', { startDate: tomorrowLocal() })).id;
    const letterC = await ok(`/plans/${c}/letters`, { year: 1, targets: ['t'] }, team('lead-c'));
    expect(letterC.letters[0].onTime).toBe(true);

    const period = `from=${today}&to=${tomorrowLocal()}`;
    const res = await eventually(async () => {
      const read = await http.get(`/ledgers/grid-g02/commitments?${period}`);
      expect(read.body.assessments.count).toBe(1);
      expect(read.body.letters.due).toBe(3);
      return read;
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      unit: { id: 'grid-g02', level: { id: 'grid' } },
      period: { from: today, to: tomorrowLocal() },
      commitments: 3,
      letters: { due: 3, signedOnTime: 1, signedLate: 1, unsigned: 1, rate: 1 / 3 },
      visits: { kept: 3 },
      problems: { opened: 2, solved: 1 },
      funds: { securedYuan: 500_000.5, targetYuan: 1_000_000, towardTargetYuan: 300_000.5, rate: 0.3000005 },
      read: 3,
    });
    expect(res.body.assessments).toEqual({
      count: 1,
      byRating: { excellent: 0, good: 0, fair: 0, poor: 0, [assessment.rating]: 1 },
      meanScore: assessment.score,
    });
    const village = (await http.get(`/ledgers/village-v01/commitments?${period}`)).body;
    expect(village.commitments).toBe(3);
    const none = (await http.get(`/ledgers/village-v02/commitments?${period}`)).body;
    expect(none).toMatchObject({
      commitments: 0,
      letters: { due: 0, rate: null },
      funds: { rate: null },
      read: 0,
    });
    expect(none.assessments.meanScore).toBeNull();

    const file = await download(`/ledgers/grid-g02/commitments?${period}&format=xlsx`);
    const book = await workbookOf(file.bytes);
    expect(book.worksheets.map((s) => s.name)).toEqual(['承诺履行', '年度考核']);
    const [headings, values] = rowsOf(book.worksheets[0]);
    const row = Object.fromEntries(headings.map((h, i) => [String(h), values[i]]));
    expect(row).toMatchObject({
      '履行中承诺（Active commitments）': 3,
      '按时签订（Signed on time）': 1,
      '走访次数（Visits kept）': 3,
      '期内到位资金（元）（Funds secured, CNY）': 500_000.5,
      '资金目标完成率（Funds target reached）': 0.3000005,
    });
  });
});
