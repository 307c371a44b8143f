import { Page } from 'playwright-core';
import { accessibilityViolations, errorBeside, screenshot, signIn, useConsole } from '../support/browser';
import { eventually } from '../support/eventually';

const run = useConsole();

/** Picks a leaf of the category cascader by the labels of its path from the root. */
async function chooseCategory(page: Page, path: string[]): Promise<void> {
  await page.getByLabel('诉求分类').click();
  for (const label of path) await page.getByRole('menuitemcheckbox', { name: label }).click();
}

async function fillFiling(
  page: Page,
  filing: {
    title: string;
    description: string;
    building: string;
    requester: string;
    name: string;
    phone: string;
  },
): Promise<void> {
  await chooseCategory(page, ['城乡建设', '供水', '停水']);
  await page.getByLabel('标题').fill(filing.title);
  await page.getByLabel('诉求内容').fill(filing.description);
  await page.getByLabel('小区或村组').fill('幸福小区');
  await page.getByLabel('楼栋').fill(filing.building);
  await page.getByLabel('诉求人账号').fill(filing.requester);
  await page.getByLabel('姓名').fill(filing.name);
  await page.getByLabel('联系电话').fill(filing.phone);
}

/** Files what the form holds and answers the new request's id, read from the link to its case page. */
async function submit(page: Page): Promise<string> {
  await page.getByRole('button', { name: '提交点单' }).dblclick();
  const link = page.getByTestId('filed').getByRole('link', { name: '查看诉求' });
  const refused = page.getByRole('alert').filter({ hasText: '提交未成功' });
  await link.or(refused).first().waitFor({ timeout: 60_000 });
  if (!(await link.isVisible()))
    throw new Error(`the console refused the filing: ${await refused.textContent()}`);
  const href = (await link.getAttribute('href')) ?? '';
  expect(href).toMatch(/^\/console\/requests\/[A-Za-z0-9_-]+$/);
  return href.split('/').at(-1)!;
}

describe('filing a request (点单) in the console', () => {
  test('When the hotline operator files a call by address, then the grid found shows before filing, a similar second call shows the first as a duplicate, and each request is filed once with its category, grid and requester', async () => {
    const page = await signIn(run, 'hotline-1');
    await page.getByRole('link', { name: '点单受理' }).click();
    await fillFiling(page, {
      title: '幸福小区13号楼停水',
      description: '13号楼从早上七点开始停水，至今未恢复',
      building: '13号楼',
      requester: 'resident-1',
      name: '张三',
      phone: '13900138000',
    });
    const found = page.getByTestId('grid-found');
    await found.getByText('东关第二网格支部（g02）').waitFor();
    await expect(found.textContent()).resolves.toContain('负责人：支部书记 黄勇 Huang Yong');
    // The short test policy: every general stage 1 hour, the return visit 3 seconds.
    await expect(page.getByTestId('leaf-deadlines').textContent()).resolves.toBe(
      '该分类的办理时限（一般）时限类别一般诉求首办层级网格支部下单1 小时接单1 小时办结1 小时回访3 秒',
    );
    await expect(accessibilityViolations(page)).resolves.toEqual([]);
    await screenshot(page, 'filing', 'form-filled');

    const first = await submit(page);
    await expect(page.getByTestId('filed').textContent()).resolves.toContain(`诉求编号 ${first}`);
    await expect(page.getByLabel('标题').inputValue()).resolves.toBe('');
    await screenshot(page, 'filing', 'filed');

    await fillFiling(page, {
      title: '幸福小区十三号楼没水',
      description: '家里自来水停了，13号楼都没水',
      building: '13',
      requester: 'resident-2',
      name: '李四',
      phone: '13700137000',
    });
    const duplicates = page.getByRole('region', { name: '可能重复的诉求' });
    const candidate = duplicates.getByRole('row', { name: /幸福小区13号楼停水/ });
    await candidate.waitFor({ timeout: 30_000 });
    await expect(candidate.textContent()).resolves.toMatch(/已点单.*同一网格.*\d+%/);
    await expect(accessibilityViolations(page)).resolves.toEqual([]);
    await screenshot(page, 'filing', 'duplicates');
    const second = await submit(page);
    expect(second).not.toBe(first);

    const filed = await run.e2e.http.get(`/requests/${first}`);
    expect(filed.status).toBe(200);
    expect(filed.body).toMatchObject({
      channel: 'hotline',
      urgency: 'normal',
      title: '幸福小区13号楼停水',
      classification: { code: 'water_outage', path: ['urban_rural', 'water_supply', 'water_outage'] },
      gridId: 'g02',
      unit: 'grid-g02',
      requester: { id: 'resident-1', name: '张三', phone: '139****8000' },
      place: { community: '幸福小区' },
    });
    await expect(run.e2e.http.get(`/requests/${second}`)).resolves.toMatchObject({
      status: 200,
      body: { gridId: 'g02', requester: { id: 'resident-2', name: '李四' } },
    });
    // Each submit was a double click: one Idempotency-Key per filing files it once.
    await eventually(async () => {
      const listed = await run.e2e.http.get('/requests?unit=grid-g02');
      expect(listed.body.items.map((item: { id: string }) => item.id).sort()).toEqual([first, second].sort());
    });
    await page.context().close();
  });

  test('When a branch secretary files for a resident under a grid picked from the org tree, then the request is filed to that grid by the grid member channel', async () => {
    const page = await signIn(run, 'sec-1');
    await page.getByRole('link', { name: '点单受理' }).click();
    await chooseCategory(page, ['劳动保障', '欠薪']);
    await page.getByLabel('标题').fill('工地拖欠工资');
    await page.getByLabel('诉求内容').fill('在东关工地做工，三个月没发工资');
    await page.getByText('选择网格', { exact: true }).click();
    await page.getByLabel('网格', { exact: true }).click();
    await page.getByTitle('东关第一网格支部', { exact: true }).click();
    await page.getByLabel('诉求人账号').fill('resident-1');
    await page.getByLabel('姓名').fill('张三');
    await expect(accessibilityViolations(page)).resolves.toEqual([]);
    await screenshot(page, 'filing', 'grid-picked');
    const id = await submit(page);
    await expect(run.e2e.http.get(`/requests/${id}`)).resolves.toMatchObject({
      status: 200,
      body: {
        channel: 'grid_member',
        classification: { code: 'wage_arrears' },
        gridId: 'g01',
        level: 'township',
        requester: { id: 'resident-1', name: '张三' },
      },
    });
    await page.context().close();
  });

  test('When a resident files for themself, then the form names them as the requester and shows no duplicate list, which the API keeps from residents', async () => {
    const page = await signIn(run, 'resident-1');
    await page.getByRole('link', { name: '点单受理' }).click();
    await expect(page.getByLabel('诉求人账号').inputValue()).resolves.toBe('resident-1');
    await chooseCategory(page, ['城乡建设', '供水', '停水']);
    await page.getByLabel('标题').fill('3号楼停水');
    await page.getByLabel('诉求内容').fill('家里没水');
    const refused = page.waitForResponse((response) =>
      response.url().endsWith('/api/v1/requests/duplicates'),
    );
    await page.getByLabel('小区或村组').fill('幸福小区');
    await page.getByLabel('楼栋').fill('3号楼');
    await page.getByTestId('grid-found').getByText('东关第一网格支部（g01）').waitFor();
    await expect(refused.then((response) => response.status())).resolves.toBe(403);
    await expect(page.getByRole('region', { name: '可能重复的诉求' }).count()).resolves.toBe(0);
    const id = await submit(page);
    await expect(run.e2e.http.get(`/requests/${id}`)).resolves.toMatchObject({
      status: 200,
      body: { channel: 'web', gridId: 'g01', requester: { id: 'resident-1', name: '张三 Zhang San' } },
    });
    await page.context().close();
  });

  test('When a required field is left empty, then the form says so beside it before sending anything; when the API refuses a field, its error shows beside that field; nothing is filed', async () => {
    const page = await signIn(run, 'hotline-1');
    const filings: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith('/api/v1/requests'))
        filings.push(request.url());
    });
    await page.getByRole('link', { name: '点单受理' }).click();
    await chooseCategory(page, ['劳动保障', '欠薪']);
    await page.getByLabel('诉求内容').fill('工地拖欠三个月工资');
    await page.getByLabel('小区或村组').fill('幸福小区');
    await page.getByLabel('诉求人账号').fill('resident-1');
    await page.getByLabel('姓名').fill('张三');
    await page.getByRole('button', { name: '提交点单' }).click();
    await expect(errorBeside(page, '标题')).resolves.toBe('请输入标题');
    expect(filings).toEqual([]);
    await expect(accessibilityViolations(page)).resolves.toEqual([]);
    await screenshot(page, 'filing', 'missing-title');

    await page.getByLabel('标题').fill('工地拖欠工资');
    await page.getByLabel('联系电话').fill('call me');
    const refused = page.waitForResponse((response) => response.url().endsWith('/api/v1/requests'));
    await page.getByRole('button', { name: '提交点单' }).click();
    await expect(refused.then((response) => response.status())).resolves.toBe(400);
    await expect(errorBeside(page, '联系电话')).resolves.toBe('expected a phone number');
    await expect(page.getByTestId('filed').count()).resolves.toBe(0);
    await expect(accessibilityViolations(page)).resolves.toEqual([]);
    await page.context().close();
  });
});
