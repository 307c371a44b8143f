import { actors } from '../support/fixtures';
import { accessibilityViolations, errorBeside, screenshot, signIn, useConsole } from '../support/browser';
import { eventually } from '../support/eventually';

/**
 * An assistance team at work in the console, on the short policy. The plan is opened over HTTP by
 * its lead (lead-1 of township-t01, with member-a); member-a records through the UI alone.
 */
const run = useConsole();
const lead = { id: 'lead-1', role: 'assistance_team', unit: 'township-t01' };

async function openPlan(title: string): Promise<string> {
  const created = await run.e2e.http.post(
    '/plans',
    {
      title,
      team: { name: '工信局帮扶组', department: 'industry-bureau' },
      lead: 'lead-1',
      members: ['member-a'],
      enterprise: { name: '东关精密机械有限公司' },
      focusAreas: ['land', 'funds'],
      initialProblems: [{ title: '用地手续', area: 'land' }],
      gridId: 'g01',
    },
    lead,
  );
  expect(created.status).toBe(201);
  return created.body.id as string;
}

describe('an assistance team in the console', () => {
  test('When a team member records a visit and a funds entry on their plan, then the API’s error shows beside the field first, and the plan page then shows the visit, the entry, the year’s total and both in the timeline', async () => {
    const title = '帮扶东关精密机械';
    const id = await openPlan(title);

    const page = await signIn(run, 'member-a');
    await page.getByRole('link', { name: '帮扶承诺' }).click();
    await page.getByRole('link', { name: title }).waitFor();
    await expect(accessibilityViolations(page)).resolves.toEqual([]);
    await screenshot(page, 'commitments', 'plans');

    await page.getByRole('link', { name: title }).click();
    await page.waitForURL(`**/console/commitments/plans/${id}`);
    await page.getByRole('heading', { name: new RegExp(title) }).waitFor();
    await expect(accessibilityViolations(page)).resolves.toEqual([]);

    // A visit with nothing said of it: the API refuses and names the note.
    await page.getByRole('button', { name: '记录走访' }).click();
    await page.locator('[aria-invalid="true"]').first().waitFor();
    await expect(errorBeside(page, '走访情况')).resolves.toBe('必填');
    await screenshot(page, 'commitments', 'visit-refused');

    await page.getByLabel('走访情况', { exact: true }).fill('走访车间 visited the workshop');
    await page.getByRole('button', { name: '记录走访' }).click();
    await page.getByText('本年度走访 1 次').waitFor();
    await page
      .getByText(/走访车间 visited the workshop/)
      .first()
      .waitFor();

    await page.getByRole('tab', { name: '登记帮扶资金' }).click();
    await page.getByLabel('金额（元）', { exact: true }).fill('300000.5');
    await page.getByLabel('来源', { exact: true }).fill('技改补贴');
    await page.getByRole('button', { name: '登记帮扶资金' }).click();
    const total = page.getByTestId('funds-term-total');
    await page.getByRole('cell', { name: '技改补贴' }).waitFor();
    await expect(total.textContent()).resolves.toBe('300,000.50');
    await expect(page.getByRole('row', { name: /第 1 年\s*300,000.50/ }).count()).resolves.toBe(1);

    const timeline = page.locator('.ant-timeline');
    await timeline.getByText('走访', { exact: true }).waitFor();
    await timeline.getByText('登记帮扶资金', { exact: true }).waitFor();
    await expect(accessibilityViolations(page)).resolves.toEqual([]);
    await screenshot(page, 'commitments', 'plan-recorded');

    const ledger = await run.e2e.http.get(`/plans/${id}/funds`);
    expect(ledger.body.entries).toMatchObject([
      { amountYuan: 300000.5, source: '技改补贴', recordedBy: 'member-a' },
    ]);
    expect((await run.e2e.http.get(`/plans/${id}`)).body.visits).toMatchObject({
      total: 1,
      last: { by: 'member-a', note: '走访车间 visited the workshop' },
    });
    await page.context().close();
  });

  test('When the lead hands member-a’s place over and records a problem’s progress through their forms, then a missing reason shows beside its field first, the obligations read in Chinese, and the plan then holds member-b and the progress', async () => {
    const title = '帮扶城南纺织';
    const id = await openPlan(title);

    const page = await signIn(run, 'lead-1');
    await page.goto(run.url(`/commitments/plans/${id}`));
    await page.getByRole('heading', { name: new RegExp(title) }).waitFor();
    // The running deadlines are named in the screen's language, the problem by its title.
    await page.getByRole('cell', { name: '签订第 1 年责任书', exact: true }).waitFor();
    await page.getByRole('cell', { name: '问题办理：用地手续', exact: true }).waitFor();

    await page.getByRole('tab', { name: '事随人转' }).click();
    const handover = page.getByRole('form', { name: '事随人转' });
    await handover.getByLabel('原责任人', { exact: true }).fill('member-a');
    await handover.getByLabel('原责任人', { exact: true }).press('Enter');
    await handover.getByLabel('接任人', { exact: true }).fill('member-b');
    await handover.getByRole('button', { name: '事随人转' }).click();
    await expect(errorBeside(page, '理由')).resolves.toBe('必填');
    await expect(accessibilityViolations(page)).resolves.toEqual([]);
    await screenshot(page, 'commitments', 'handover-refused');
    await handover.getByLabel('理由', { exact: true }).fill('韩雪调岗 member-a moved to another bureau');
    await handover.getByRole('button', { name: '事随人转' }).click();
    await page.locator('.ant-descriptions-item-content').getByText('member-b', { exact: true }).waitFor();

    await page.getByRole('tab', { name: '问题进展' }).click();
    const progress = page.getByRole('form', { name: '问题进展' });
    await progress.getByLabel('问题', { exact: true }).fill('用地');
    await progress.getByLabel('问题', { exact: true }).press('Enter');
    await progress.getByLabel('进展情况', { exact: true }).fill('已报自然资源局 filed with the land bureau');
    await progress.getByRole('button', { name: '问题进展' }).click();
    // The form empties once the API took the progress.
    await eventually(async () =>
      expect(await progress.getByLabel('进展情况', { exact: true }).inputValue()).toBe(''),
    );
    await expect(accessibilityViolations(page)).resolves.toEqual([]);
    await screenshot(page, 'commitments', 'handed-over');

    const plan = (await run.e2e.http.get(`/plans/${id}`, lead)).body;
    expect(plan.members).toEqual(['member-b']);
    expect(plan.holders).toContainEqual(
      expect.objectContaining({
        role: 'member',
        person: 'member-a',
        reason: '韩雪调岗 member-a moved to another bureau',
      }),
    );
    const problem = (await run.e2e.http.get(`/plans/${id}/problems/p1`, lead)).body;
    expect(problem.notes).toContainEqual(
      expect.objectContaining({ by: 'lead-1', note: '已报自然资源局 filed with the land bureau' }),
    );
    await page.context().close();
  });

  test('When an auditor opens a plan, then it is shown without forms: the API offers her role none of its actions', async () => {
    const title = '帮扶河西农机';
    const id = await openPlan(title);
    const offered = async (actor: { id: string; role: string; unit: string }) =>
      (await run.e2e.http.get(`/plans/${id}`, actor)).body.actions;
    await expect(offered({ id: 'member-a', role: 'assistance_team', unit: 'township-t01' })).resolves.toEqual(
      ['letters', 'visits', 'problems', 'funds', 'assessmentComment', 'handover'],
    );
    await expect(offered(actors.auditor)).resolves.toEqual([]);

    const page = await signIn(run, 'aud-1', /审计员 · 示范县委常委会/);
    await page.goto(run.url(`/commitments/plans/${id}`));
    await page.getByRole('heading', { name: new RegExp(title) }).waitFor();
    await page.getByText('帮扶资金台账').waitFor();
    await expect(page.getByRole('button', { name: '记录走访' }).count()).resolves.toBe(0);
    await expect(page.getByRole('tab', { name: '登记帮扶资金' }).count()).resolves.toBe(0);
    await expect(accessibilityViolations(page)).resolves.toEqual([]);
    await screenshot(page, 'commitments', 'plan-read-by-auditor');
    await page.context().close();
  });
});
