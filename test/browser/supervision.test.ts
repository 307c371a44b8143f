import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { actors } from '../support/fixtures';
import { eventually } from '../support/eventually';
import { accessibilityViolations, screenshot, signIn, useConsole } from '../support/browser';

// The short policy: an emergency's dispatch and accept deadlines are 3 s, and every rung up to the
// committee 3 s more, so a dispatched emergency nobody accepts climbs past grid-g01's village.
const run = useConsole({ policyFile: join(__dirname, '..', 'e2e', 'policy.short.json') });
const http = () => run.e2e.http;

const beijingMonth = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' })
    .format(new Date())
    .slice(0, 7);

async function fileAndDispatch(category: string, title: string): Promise<string> {
  const filed = await http().post(
    '/requests',
    {
      channel: 'hotline',
      category,
      title,
      description: '督办看板浏览器测试 supervision board browser test',
      requester: { id: 'resident-1', name: '张三', phone: '13800000000' },
      gridId: 'g01',
    },
    actors.resident,
  );
  expect(filed).toMatchObject({ status: 201 });
  const id = filed.body.id as string;
  // The village's leader dispatches: an emergency whose 3 s dispatch deadline lapsed meanwhile is the village's.
  const dispatched = await http().post(`/requests/${id}/dispatch`, { assignee: 'member-1' }, actors.leader);
  expect(dispatched).toMatchObject({ status: 200 });
  return id;
}

describe('the unit leader supervises and files the ledger', () => {
  test('When an emergency lapses its deadlines, then the village leader sees it escalated on the board, approves an extension asked below, and is told when another leader decided one first', async () => {
    const lapsing = await fileAndDispatch('emergency', '燃气管道破裂 gas pipe burst');
    await eventually(
      async () => expect((await http().get(`/requests/${lapsing}`)).body.level).not.toBe('grid'),
      { timeoutMs: 30_000, intervalMs: 500 },
    );
    const slow = await fileAndDispatch('general', '路灯不亮 street light out');
    expect((await http().post(`/requests/${slow}/accept`, {}, actors.member)).status).toBe(200);
    const asked = await http().post(
      `/requests/${slow}/extend`,
      { duration: 'PT2H', reason: '等待配件 waiting for a part' },
      actors.member,
    );
    expect(asked.status).toBe(200);

    const page = await signIn(run, 'leader-1');
    await page.getByRole('link', { name: '督办看板' }).click();
    const escalated = page.getByRole('region', { name: '本级及以上督办件（已升级）' });
    const row = escalated.getByRole('row', { name: /燃气管道破裂/ });
    await row.waitFor({ timeout: 30_000 });
    await expect(
      row.getByRole('link', { name: '燃气管道破裂 gas pipe burst' }).getAttribute('href'),
    ).resolves.toBe(`/console/requests/${lapsing}`);
    // The countdown is live: a deadline in words, whichever rung it sits at now.
    await expect(row.textContent()).resolves.toMatch(/后到期|已超期/);

    const extensions = page.getByRole('region', { name: '待审批的延期申请' });
    await extensions.getByRole('row', { name: /路灯不亮/ }).waitFor();
    await expect(extensions.getByRole('row', { name: /路灯不亮/ }).textContent()).resolves.toContain(
      'member-1',
    );
    await screenshot(page, 'supervision', 'board');
    await expect(accessibilityViolations(page)).resolves.toEqual([]);

    await extensions.getByRole('button', { name: '批准延期: 路灯不亮 street light out' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('审批意见').fill('同意延期两小时');
    await dialog.getByRole('button', { name: '批准延期' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await extensions.getByRole('row', { name: /路灯不亮/ }).waitFor({ state: 'detached' });
    const decided = await http().get(`/requests/${slow}`);
    expect(decided.body.pendingExtension).toBeUndefined();
    expect(decided.body.deadline.rule).toContain('extension approved by leader-1');

    // A second ask, decided by the township's leader while the village leader's form is open: the API's refusal is shown.
    const again = await http().post(
      `/requests/${slow}/extend`,
      { duration: 'PT1H', reason: '配件仍未到 the part is still on its way' },
      actors.member,
    );
    expect(again.status).toBe(200);
    await extensions
      .getByRole('button', { name: '驳回延期: 路灯不亮 street light out' })
      .click({ timeout: 20_000 });
    const township = { id: 'leader-t01', role: 'unit_leader', unit: 'township-t01' };
    const first = await http().post(
      `/requests/${slow}/extend/decision`,
      { approve: true, note: '同意' },
      township,
    );
    expect(first.status).toBe(200);
    await dialog.getByLabel('审批意见').fill('不同意');
    await dialog.getByRole('button', { name: '驳回延期' }).click();
    await expect(dialog.getByRole('alert').textContent()).resolves.toContain(
      'no extension request is waiting',
    );
    await page.context().close();
  }, 120_000);

  test('When the leader downloads the ledger as Excel, then the workbook holds the summary with the ledger’s figures', async () => {
    await fileAndDispatch('general', '楼道堆物 clutter in the stairwell');
    const month = beijingMonth();
    const ledger = await eventually(
      async () => {
        const read = await http().get(`/ledgers/village-v01?month=${month}`, actors.leader);
        expect(read.body.counts.filed).toBeGreaterThanOrEqual(1);
        return read.body as { counts: { filed: number } };
      },
      { timeoutMs: 30_000, intervalMs: 500 },
    );

    const page = await signIn(run, 'leader-1');
    await page.getByRole('link', { name: '台账排名' }).click();
    await page.getByRole('img', { name: /^三率趋势: / }).waitFor();
    await page.getByText('台账概况').first().waitFor();
    // Charts say their figures in words: each grid's score (— while it has none) and its lapses.
    await page
      .getByRole('img', { name: /^各单位综合得分: 东关第一网格支部 \S+; 东关第二网格支部 \S+$/ })
      .waitFor();
    await page
      .getByRole('img', { name: /^各单位超期次数: 东关第一网格支部 \d+; 东关第二网格支部 \d+$/ })
      .waitFor();
    await screenshot(page, 'supervision', 'ledgers');
    await expect(accessibilityViolations(page)).resolves.toEqual([]);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: /下载台账 Excel/ }).click(),
    ]);
    const file = join(mkdtempSync(join(tmpdir(), 'ledger-')), download.suggestedFilename());
    await download.saveAs(file);
    expect(file).toMatch(/\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const summary = workbook.getWorksheet('台账概况')!;
    expect(summary).toBeDefined();
    const headings = summary.getRow(2).values as unknown[];
    const filedColumn = headings.findIndex((heading) => String(heading).startsWith('受理诉求'));
    expect(filedColumn).toBeGreaterThan(0);
    expect(summary.getRow(3).getCell(filedColumn).value).toBe(ledger.counts.filed);
    await page.context().close();
  }, 120_000);
});
