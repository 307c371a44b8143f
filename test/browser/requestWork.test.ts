import { join } from 'node:path';
import { Locator, Page } from 'playwright-core';
import { accessibilityViolations, screenshot, signIn, useConsole } from '../support/browser';
import { eventually } from '../support/eventually';
import { actors } from '../support/fixtures';

// The short policy's return visit lapses in seconds; here the resident has an hour to answer, as in life.
const run = useConsole({ policyFile: join(__dirname, 'policy.requestWork.json') });
// As the demo directory holds them: another assignment would have the sign-in page ask which one.
const resident = { id: 'resident-1', role: 'resident', unit: 'grid-g01' };
const member1 = { id: 'member-1', role: 'grid_member', unit: 'grid-g01' };
const scenario = 'request-work';

async function file(title: string, category = 'general'): Promise<string> {
  const filed = await run.e2e.http.post(
    '/requests',
    {
      channel: 'app',
      category,
      title,
      description: '3号楼2单元楼道灯一周没亮了，晚上老人上下楼不安全。',
      requester: { id: resident.id, name: '张三', phone: '13800001234', address: '幸福小区3号楼2单元' },
      gridId: 'g01',
    },
    resident,
  );
  expect(filed.status).toBe(201);
  return filed.body.id as string;
}

/** Lists read the projection, a moment behind the case: reload until the row is there. */
async function untilListed(page: Page, row: Locator): Promise<void> {
  for (let tries = 0; tries < 20; tries++) {
    if (await row.isVisible()) return;
    await row.waitFor({ timeout: 1_500 }).catch(() => page.reload());
  }
  await row.waitFor();
}

const form = (page: Page, action: string) => page.getByRole('form', { name: action });
const statusShown = (page: Page, status: string) =>
  page.getByRole('cell', { name: status, exact: true }).waitFor();

async function openQueueTab(page: Page, tab: string, title: string): Promise<void> {
  await page.getByRole('link', { name: '工作队列' }).click();
  await page.getByRole('tab', { name: tab }).click();
  await untilListed(page, page.getByRole('link', { name: title }));
}

async function dispatchTo(page: Page, member: string): Promise<void> {
  await form(page, '下单').getByLabel('承办网格员').fill(member);
  await page.keyboard.press('Enter');
  await form(page, '下单').getByRole('button', { name: '下单', exact: true }).click();
  await statusShown(page, '已下单');
}

describe('the work queue and the case page', () => {
  test('When the secretary dispatches, the member returns it, takes it again and resolves it, and the resident is unsatisfied, then it reopens; a secretary of another grid cannot see it', async () => {
    const title = '幸福小区3号楼楼道灯不亮';
    const id = await file(title);

    const secretary = await signIn(run, 'sec-1');
    await openQueueTab(secretary, '待下单', title);
    await expect(accessibilityViolations(secretary)).resolves.toEqual([]);
    await screenshot(secretary, scenario, '1-secretary-queue');
    await secretary.getByRole('link', { name: title }).click();
    await statusShown(secretary, '已点单');
    await expect(accessibilityViolations(secretary)).resolves.toEqual([]);
    await screenshot(secretary, scenario, '2-secretary-case');
    await dispatchTo(secretary, 'member-1');

    const member = await signIn(run, 'member-1');
    await openQueueTab(member, '待接单', title);
    await member
      .getByRole('row', { name: new RegExp(title) })
      .getByText('我的')
      .waitFor();
    await member.getByRole('link', { name: title }).click();
    await statusShown(member, '已下单');
    await expect(accessibilityViolations(member)).resolves.toEqual([]);
    await screenshot(member, scenario, '3-member-case-dispatched');
    await form(member, '退单').getByLabel('理由').fill('该楼栋属于第二网格 not our grid’s building');
    await form(member, '退单').getByRole('button', { name: '退单', exact: true }).click();
    await statusShown(member, '已点单');

    await secretary.reload();
    await statusShown(secretary, '已点单');
    await dispatchTo(secretary, 'member-1');

    await member.reload();
    await form(member, '接单').getByRole('button', { name: '接单', exact: true }).click();
    await statusShown(member, '已接单');
    await form(member, '办结').getByLabel('办理结果').fill('已更换楼道灯泡 replaced the bulb');
    await form(member, '办结').getByRole('button', { name: '办结', exact: true }).click();
    await statusShown(member, '已办结');

    const requester = await signIn(run, 'resident-1');
    await requester.goto(run.url(`/requests/${id}`));
    await statusShown(requester, '已办结');
    await expect(requester.getByRole('form').count()).resolves.toBe(1);
    await form(requester, '回访评价').getByRole('radio', { name: '不满意' }).check();
    await form(requester, '回访评价').getByLabel('评价意见').fill('灯还是不亮 still dark');
    await form(requester, '回访评价').getByRole('button', { name: '回访评价', exact: true }).click();
    await statusShown(requester, '已重办');
    await requester.getByText('回访：不满意').waitFor();
    await expect(accessibilityViolations(requester)).resolves.toEqual([]);
    await screenshot(requester, scenario, '4-resident-reopened-timeline');

    await member.reload();
    await statusShown(member, '已重办');
    await expect(member.getByText('该楼栋属于第二网格', { exact: false }).count()).resolves.toBe(1);
    await screenshot(member, scenario, '5-member-timeline');

    const stranger = await signIn(run, 'sec-g06');
    await stranger.goto(run.url(`/requests/${id}`));
    await stranger.getByText('找不到该诉求，或不在您的办理范围内').waitFor();
    await expect(stranger.getByText(title).count()).resolves.toBe(0);
    await screenshot(stranger, scenario, '6-out-of-scope');

    for (const page of [secretary, member, requester, stranger]) await page.context().close();
  }, 240_000);

  test('When a member returns a request without a reason, then the API’s refusal is shown beside the reason field and nothing changes', async () => {
    const title = '幸福小区5号楼垃圾未清运';
    const id = await file(title);
    const secretary = await signIn(run, 'sec-1');
    await openQueueTab(secretary, '待下单', title);
    await secretary.getByRole('link', { name: title }).click();
    await dispatchTo(secretary, 'member-1');

    const member = await signIn(run, 'member-1');
    await openQueueTab(member, '待接单', title);
    await member.getByRole('link', { name: title }).click();
    await form(member, '退单').getByRole('button', { name: '退单', exact: true }).click();
    // The field says it is invalid, and what it is described by is the API's own message for such a
    // body, asked in the language the console shows.
    const reason = form(member, '退单').getByLabel('理由');
    await reason.and(member.locator('[aria-invalid="true"]')).waitFor();
    const helpId = await reason.getAttribute('aria-describedby');
    const answer = await run.e2e.http.post(`/requests/${id}/return`, {}, member1, {
      'accept-language': 'zh-CN',
    });
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([{ field: 'body.reason', message: '必填' }]);
    await expect(member.locator(`[id="${helpId}"]`).textContent()).resolves.toBe('必填');
    await statusShown(member, '已下单');
    await screenshot(member, scenario, '7-validation-beside-field');
    for (const page of [secretary, member]) await page.context().close();
  }, 180_000);

  test('When an emergency request lapses and climbs the ladder, then its case page says it is urged and supervised, and its queue row shows its pressure step', async () => {
    const title = '幸福小区7号楼燃气泄漏';
    // Emergencies' deadlines are seconds under the test policy: the dispatch deadline lapses at once.
    const id = await file(title, 'emergency');
    await eventually(
      async () => expect((await run.e2e.http.get(`/requests/${id}`)).body.pressure).toBe('supervised'),
      { timeoutMs: 30_000 },
    );
    const secretary = await signIn(run, 'sec-1');
    await secretary.goto(run.url(`/requests/${id}`));
    await secretary.getByRole('cell', { name: '催办·督办', exact: true }).waitFor();
    await secretary.getByText('超期督办').first().waitFor();
    await screenshot(secretary, scenario, '8-supervised-after-lapse');

    // The queue's row shows the step its list item carries: the lapse urged and supervised, or, once
    // it lapsed at the top too, publicly notified.
    await openQueueTab(secretary, '待下单', title);
    await secretary
      .getByRole('row', { name: new RegExp(title) })
      .getByText(/^(催办·督办|通报)$/)
      .waitFor();
    await expect(accessibilityViolations(secretary)).resolves.toEqual([]);
    await screenshot(secretary, scenario, '9-queue-pressure');
    await secretary.context().close();
  }, 120_000);

  test('When the secretary dispatches one request to each of two members, then each member’s 待接单 lists only their own while hers lists both, and the 即将到期 tab lists a request due within the day', async () => {
    const mine = '幸福小区9号楼电梯异响';
    const theirs = '幸福小区9号楼门禁损坏';
    const [mineId, theirsId] = [await file(mine), await file(theirs)];
    for (const [id, assignee] of [
      [mineId, 'member-1'],
      [theirsId, 'member-2'],
    ])
      expect(
        (await run.e2e.http.post(`/requests/${id}/dispatch`, { assignee }, actors.secretary)).status,
      ).toBe(200);
    // Both dispatches projected: a missing row then means the list left it out.
    await eventually(
      async () => {
        const { body } = await run.e2e.http.get('/requests?status=dispatched&pageSize=100', actors.secretary);
        const ids = (body.items as { id: string }[]).map((item) => item.id);
        expect(ids).toEqual(expect.arrayContaining([mineId, theirsId]));
      },
      { timeoutMs: 30_000 },
    );

    const member = await signIn(run, 'member-1');
    await openQueueTab(member, '待接单', mine);
    await expect(member.getByRole('link', { name: theirs }).count()).resolves.toBe(0);
    await expect(accessibilityViolations(member)).resolves.toEqual([]);

    const secretary = await signIn(run, 'sec-1');
    await openQueueTab(secretary, '待接单', mine);
    await secretary.getByRole('link', { name: theirs }).waitFor();

    // The accept deadline is an hour away under this policy: due soon, not overdue.
    await openQueueTab(secretary, '即将到期', mine);
    await secretary.getByText('24 小时内到期、尚未超期的诉求，最早到期的在前').waitFor();
    await secretary
      .getByRole('row', { name: new RegExp(mine) })
      .getByText('未催督', { exact: true })
      .waitFor();
    await expect(accessibilityViolations(secretary)).resolves.toEqual([]);
    await screenshot(secretary, scenario, '10-due-soon');
    const dueBefore = new Date(Date.now() + 24 * 3_600_000).toISOString();
    const listed = await run.e2e.http.get(
      `/requests?dueBefore=${encodeURIComponent(dueBefore)}&pageSize=100`,
      actors.secretary,
    );
    expect(listed.status).toBe(200);
    const item = (listed.body.items as { id: string; deadline: { dueAt: string } }[]).find(
      (i) => i.id === mineId,
    );
    expect(item?.deadline.dueAt).toBeDefined();
    expect(item!.deadline.dueAt < dueBefore).toBe(true);
    for (const page of [member, secretary]) await page.context().close();
  }, 180_000);
});
