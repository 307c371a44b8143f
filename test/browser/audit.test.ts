import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { accessibilityViolations, useConsole, screenshot, signIn } from '../support/browser';
import { actors } from '../support/fixtures';

const run = useConsole();

/** A time as the Beijing-time date picker shows it: `YYYY-MM-DD HH:mm:ss`. */
const beijing = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');

describe("the auditor's pages", () => {
  let id = '';
  let between = 0;

  beforeAll(async () => {
    const { http } = run.e2e;
    const filed = await http.post(
      '/requests',
      {
        channel: 'hotline',
        category: 'general',
        title: '路灯不亮 street light out',
        description: 'The street light at the corner has been out for three nights.',
        requester: { id: 'resident-1', name: '张三' },
        gridId: 'g01',
      },
      actors.resident,
    );
    expect(filed.status).toBe(201);
    id = filed.body.id;
    // The picker names whole seconds: the dispatch comes after the first whole second after filing.
    between = Math.ceil(Date.parse(filed.body.submittedAt) / 1000) * 1000;
    await sleep(between + 500 - Date.now());
    const dispatched = await http.post(
      `/requests/${id}/dispatch`,
      { assignee: 'member-1' },
      actors.secretary,
    );
    expect(dispatched.status).toBe(200);
  });

  test('When an auditor opens a request, then she reads its timeline, its state before dispatch, and a replay that matches', async () => {
    const page = await signIn(run, 'aud-1');
    await page.getByRole('link', { name: '审计' }).click();
    await page.getByLabel('案件编号').fill('no-such-case');
    await page.getByRole('button', { name: /查\s*找/ }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain(
      'case request-no-such-case is neither in Temporal nor in the archive',
    );

    await page.getByLabel('案件编号').fill(id);
    await page.getByRole('button', { name: /查\s*找/ }).click();

    await page.getByText(`request-${id} · 1 轮运行`).waitFor();
    await page.getByText('点单', { exact: true }).waitFor();
    await page.getByText('下单', { exact: true }).waitFor();
    await page.getByText('流程启动', { exact: true }).waitFor();
    await expect(accessibilityViolations(page)).resolves.toEqual([]);
    await screenshot(page, 'audit', 'timeline');

    const moment = page.getByLabel('时刻');
    await moment.click();
    await moment.fill(beijing(between));
    await moment.press('Enter');
    // The API bundles the workflow code at its first replay: on a busy machine, longer than Playwright's 30 s.
    await page.getByRole('row', { name: '状态 已点单', exact: true }).waitFor({ timeout: 150_000 });
    await page.getByRole('row', { name: '版本 1', exact: true }).waitFor();
    await page.getByRole('button', { name: '原始状态（JSON）' }).click();
    await page.getByText('"status": "submitted"').waitFor();

    await page.getByRole('button', { name: '核验回放' }).click();
    await page.getByText(/^回放一致：当前流程代码重放 1 轮运行/).waitFor({ timeout: 150_000 });
    await expect(accessibilityViolations(page)).resolves.toEqual([]);
    await screenshot(page, 'audit', 'state-and-replay');

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '导出完整历史（JSON）' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`request-${id}.json`);
    const archive = JSON.parse(readFileSync(await file.path(), 'utf8'));
    expect(archive).toMatchObject({ caseId: `request-${id}`, workflowType: 'citizenRequest' });
    await page.context().close();
  });

  test('When an auditor verifies the action log, then the chain is whole and the dispatch is in the log', async () => {
    const page = await signIn(run, 'aud-1');
    await page.goto(run.url('/audit?tab=actions'));
    await page.getByRole('button', { name: '核验哈希链' }).click();
    await page.getByText(/^哈希链完整：已核验 \d+ 条记录/).waitFor();

    await page.getByLabel('案件').fill(`request-${id}`);
    await page.getByRole('button', { name: /筛\s*选/ }).click();
    await page.getByRole('cell', { name: 'POST /api/v1/requests/:id/dispatch' }).waitFor();
    await page.getByRole('cell', { name: 'sec-1 · 支部书记 · grid-g01' }).waitFor();
    await expect(accessibilityViolations(page)).resolves.toEqual([]);
    await screenshot(page, 'audit', 'action-log');

    await page
      .getByRole('link', { name: `request-${id}` })
      .first()
      .click();
    await page.getByText(`request-${id} · 1 轮运行`).waitFor();
    await page.context().close();
  });
});
