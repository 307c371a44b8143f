import { actors } from '../support/fixtures';
import { eventually } from '../support/eventually';
import { accessibilityViolations, errorBeside, screenshot, signIn, useConsole } from '../support/browser';

/**
 * The committee secretariat at work in the console, on the short policy (the committee's own rung has
 * an hour, so a major request waits quietly on the agenda). The request is filed over HTTP as major,
 * which puts it straight on the agenda; everything the secretariat does is done through the UI.
 */
const run = useConsole();
const committee = '/committees/committee-c01';

async function fileMajor(title: string): Promise<string> {
  const created = await run.e2e.http.post(
    '/requests',
    {
      channel: 'hotline',
      category: 'general',
      title,
      description: 'Affects the whole estate.',
      requester: { id: 'resident-1', name: '张三' },
      gridId: 'g01',
      major: true,
    },
    actors.resident,
  );
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  await eventually(async () => {
    const agenda = await run.e2e.http.get(`${committee}/agenda`);
    expect(agenda.body.items.map((i: { key: string }) => i.key)).toContain(`request-${id}`);
  });
  return id;
}

describe('the committee secretariat in the console', () => {
  test('When the secretariat takes up a major request at a meeting and assigns a lead, then the API’s errors show beside the fields first, in Chinese, sending down offers the levels below the committee, and the decision then shows with its running deadline and in past meetings', async () => {
    const title = '整片小区停水 estate without water';
    const id = await fileMajor(title);

    const page = await signIn(run, 'sec-c01', /示范县委常委会/);
    await page.getByRole('link', { name: '常委会' }).click();
    const row = page.getByRole('row', { name: new RegExp(title) }).first();
    await row.getByRole('link', { name: title }).waitFor();
    await expect(row.textContent()).resolves.toContain('重大民生事项');
    await expect(row.getByRole('link', { name: title }).getAttribute('href')).resolves.toBe(
      `/console/requests/${id}`,
    );
    await expect(accessibilityViolations(page)).resolves.toEqual([]);
    await screenshot(page, 'committee', 'agenda');

    await row.getByRole('button', { name: '列入本次会议' }).click();
    await page.getByRole('button', { name: '记录会议决定' }).click();
    // Nothing filled in: the API names each missing field, and each shows beside its own.
    await page.locator('[aria-invalid="true"]').first().waitFor();
    await expect(errorBeside(page, '出席人员')).resolves.toBe('必填');
    await expect(errorBeside(page, '牵头单位')).resolves.toBe('必填');
    await expect(errorBeside(page, '办理时限')).resolves.toBe('无效输入');
    await expect(accessibilityViolations(page)).resolves.toEqual([]);
    await screenshot(page, 'committee', 'meeting-refused');

    // Sending down offers the policy's ladder below the committee, in the screen's language.
    await page.getByRole('radio', { name: '交由下级办理' }).check();
    await page.getByLabel('交由层级', { exact: true }).click();
    const levels = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
    await levels.first().waitFor();
    await expect(levels.allTextContents()).resolves.toEqual(['网格支部', '村/社区党组织', '乡镇/街道']);
    await page.keyboard.press('Escape');
    await page.getByRole('radio', { name: '明确牵头领导' }).check();

    await page.getByLabel('出席人员', { exact: true }).fill('secretary-wang');
    await page.getByLabel('出席人员', { exact: true }).press('Enter');
    await page.getByLabel('牵头领导', { exact: true }).fill('deputy-li');
    await page.getByLabel('牵头单位', { exact: true }).fill('housing-bureau');
    await page.getByLabel('办理时限', { exact: true }).fill('10');
    await page.getByRole('radio', { name: '重点督办' }).check();
    await page.getByLabel('说明', { exact: true }).fill('两周内恢复供水');
    await page.getByRole('button', { name: '记录会议决定' }).click();

    const recorded = page.getByRole('alert').filter({ hasText: '已记录' });
    await recorded.waitFor();
    await expect(recorded.textContent()).resolves.toContain(`${title}: 已落实`);
    const running = page
      .getByRole('table')
      .nth(1)
      .getByRole('row', { name: new RegExp(title) });
    await running.waitFor();
    await expect(running.textContent()).resolves.toMatch(/deputy-li \/ housing-bureau.*重点督办.*后到期/);
    const past = page
      .getByRole('table')
      .nth(2)
      .getByRole('row', { name: new RegExp(title) });
    await expect(past.textContent()).resolves.toContain(`${title}: 明确牵头领导`);
    await expect(accessibilityViolations(page)).resolves.toEqual([]);
    await screenshot(page, 'committee', 'decided');

    const decisions = await run.e2e.http.get(`/requests/${id}/committee-decisions`);
    expect(decisions.body.decisions).toMatchObject([
      {
        decision: {
          kind: 'assignLead',
          leadOfficial: 'deputy-li',
          leadUnit: 'housing-bureau',
          deadline: { workingDays: 10 },
          supervision: 'key',
          note: '两周内恢复供水',
        },
      },
    ]);
    await page.context().close();
  });
});
