import { accessibilityViolations, useConsole, screenshot, signIn } from '../support/browser';

const run = useConsole();

describe('signing in to the console', () => {
  test('When a branch secretary signs in, then the console says who she is, her role and unit, and shows her menu', async () => {
    const page = await signIn(run, 'sec-1');
    await expect(page.getByTestId('signed-in-as').textContent()).resolves.toBe(
      '支部书记 李娜 Li Na · 支部书记 · 东关第一网格支部',
    );
    await page.getByRole('link', { name: '通知' }).waitFor();
    await page.getByRole('table').waitFor();
    await expect(accessibilityViolations(page)).resolves.toEqual([]);
    await screenshot(page, 'sign-in', 'secretary-home');
    await page.context().close();
  });

  test('When someone holding two assignments signs in, then they choose the one to act in', async () => {
    const page = await signIn(run, 'sec-c01', /城关街道/);
    await expect(page.getByTestId('signed-in-as').textContent()).resolves.toContain('单位负责人');
    await page.context().close();
  });

  test('When a password is wrong, then the page says so and nobody is signed in', async () => {
    const context = await run.browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(run.url('/login'));
    await page.getByLabel('用户名').fill('sec-1');
    await page.getByLabel('密码').fill('not the password');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('用户名或密码错误');
    await expect(accessibilityViolations(page)).resolves.toEqual([]);
    await context.close();
  });

  test('When the language is switched, then the console speaks English', async () => {
    const page = await signIn(run, 'leader-1');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await expect(page.getByTestId('signed-in-as').textContent()).resolves.toContain('Unit leader');
    await page.context().close();
  });
});
