import { Page } from 'playwright-core';
import { accessibilityViolations, screenshot, useConsole } from '../support/browser';

const run = useConsole({ oidcProvider: true });
const providerButton = '通过单位统一身份认证登录';

async function consolePage(): Promise<Page> {
  const context = await run.browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  return context.newPage();
}

/** The provider's own sign-in form (oidc-provider's development interactions): any password. */
async function signInAtProvider(page: Page, personId: string): Promise<void> {
  await page.waitForURL((url) => url.origin === run.provider!.issuer);
  await page.locator('input[name="login"]').fill(personId);
  await page.locator('input[name="password"]').fill('the provider checks it, not the console');
  await page.getByRole('button', { name: 'Sign-in' }).click();
}

/** What this tab keeps in session storage: the console's token and oidc-client-ts's user and state. */
const storedKeys = (page: Page) =>
  page.evaluate(() => {
    type InPage = { sessionStorage: { length: number; key(index: number): string | null } };
    const { sessionStorage } = globalThis as unknown as InPage;
    return Array.from({ length: sessionStorage.length }, (_, i) => sessionStorage.key(i));
  });

const claimsOf = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as Record<string, unknown>;

describe('signing in to the console through the office’s OIDC provider', () => {
  test('When a grid secretary signs in through the provider, then the console lands on her work queue as her, calls the API with the provider’s token, and signing out returns to the sign-in page', async () => {
    const page = await consolePage();
    const bearers = new Set<string>();
    page.on('request', (request) => {
      const authorization = request.headers().authorization;
      if (request.url().includes('/api/v1/') && authorization) bearers.add(authorization);
    });
    await page.goto(run.url('/login'));
    await page.getByRole('button', { name: providerButton }).waitFor();
    await expect(page.getByLabel('密码').count()).resolves.toBe(0);
    await expect(accessibilityViolations(page)).resolves.toEqual([]);
    await screenshot(page, 'oidc-sign-in', 'sign-in');

    await page.getByRole('button', { name: providerButton }).click();
    await signInAtProvider(page, 'sec-1');
    await page.waitForURL(run.url('/queue'));
    await expect(page.getByTestId('signed-in-as').textContent()).resolves.toBe(
      '支部书记 李娜 Li Na · 支部书记 · 东关第一网格支部',
    );
    await page.getByRole('table').waitFor();
    await expect(accessibilityViolations(page)).resolves.toEqual([]);

    const tokens = [...bearers].map((header) => header.replace(/^Bearer /, ''));
    expect(tokens.length).toBe(1);
    expect(claimsOf(tokens[0])).toMatchObject({
      iss: run.provider!.issuer,
      aud: run.provider!.audience,
      sub: 'sec-1',
    });
    const me = await run.e2e.http.raw('GET', '/me', undefined, { authorization: `Bearer ${tokens[0]}` });
    expect([me.status, me.body.person.id, me.body.actingAs]).toEqual([
      200,
      'sec-1',
      { role: 'branch_secretary', unit: 'grid-g01' },
    ]);

    await page.getByRole('button', { name: '退出登录' }).click();
    await page.waitForURL((url) => url.origin === run.provider!.issuer);
    await page.getByRole('button', { name: 'Yes, sign me out' }).click();
    await page.waitForURL(run.url('/login'));
    await page.getByRole('button', { name: providerButton }).waitFor();
    await expect(storedKeys(page)).resolves.toEqual([]);
    // Signed out at the provider too: the next person at this computer is asked who they are.
    await page.getByRole('button', { name: providerButton }).click();
    await expect(page.locator('input[name="login"]').waitFor()).resolves.toBeUndefined();
    await page.context().close();
  });

  test('When the provider’s token is refused (its person disabled in the directory), then the console returns to the sign-in page and forgets the provider’s user', async () => {
    const page = await consolePage();
    await page.goto(run.url('/login'));
    await page.getByRole('button', { name: providerButton }).click();
    await signInAtProvider(page, 'member-2');
    await page.getByTestId('signed-in-as').waitFor();
    await expect(storedKeys(page)).resolves.toEqual(
      expect.arrayContaining(['lianxin.token', expect.stringMatching(/^oidc\.user:/)]),
    );

    await run.e2e.system.directory.store.disable('member-2');
    await page.reload();
    await page.waitForURL(run.url('/login'));
    await page.getByRole('button', { name: providerButton }).waitFor();
    await expect(storedKeys(page)).resolves.toEqual([]);
    await page.context().close();
  });

  test('When a token of the built-in issuer is sent, then the API refuses it: only the provider’s tokens are taken', async () => {
    const me = await run.e2e.http.get('/me');
    expect(me.status).toBe(401);
  });

  test('When the API says no console sign-in is configured, then the page says which settings the administrator sets', async () => {
    const page = await consolePage();
    await page.route('**/api/v1/auth/config', (route) => route.fulfill({ json: { mode: 'none' } }));
    await page.goto(run.url('/login'));
    const message = await page.getByRole('alert').textContent();
    expect(message).toContain('工作台尚未配置登录方式');
    for (const setting of ['AUTH_CONSOLE_CLIENT_ID', 'AUTH_ISSUER', run.url('/login')]) {
      expect(message).toContain(setting);
    }
    await expect(page.getByRole('button', { name: providerButton }).count()).resolves.toBe(0);
    await expect(accessibilityViolations(page)).resolves.toEqual([]);
    await page.context().close();
  });
});
