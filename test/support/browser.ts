import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';
import { demoPeopleFile, seedDemoCounty } from '../../directory/seed';
import { E2eEdge, useE2eSystem } from './e2eSystem';
import { OidcProvider, useOidcProvider } from './oidcProvider';

/** Debian's Chromium, which scripts/install-tools.sh installs; playwright-core never downloads one. */
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// Without the background-networking flags Chromium keeps calling Google's hosts, which this closed network refuses.
const chromiumFlags = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Headless Chromium as the tests and the benchmark drive it. */
export const launchChromium = (): Promise<Browser> =>
  chromium.launch({ executablePath: chromiumPath, args: chromiumFlags, headless: true });

const repoRoot = join(__dirname, '..', '..');
/** Where the scenarios' screenshots go (git-ignored); the README shows a few, copied to docs/console/. */
export const screenshotDir = join(repoRoot, 'test-output', 'console');

export interface ConsoleRun {
  e2e: ReturnType<typeof useE2eSystem>;
  browser: Browser;
  /** The console's address on this run's API */
  url(path?: string): string;
  /** With `oidcProvider`: the office's provider the API trusts and the console signs in through */
  provider?: OidcProvider;
}

/**
 * The whole system (useE2eSystem: the dev server, FerretDB, the worker, the API serving the built
 * console) with the demo county's people and their password logins, and a headless Chromium. One
 * per test file; each user signs in in a browser context of their own, as on their own computer.
 * With `oidcProvider`, a real OIDC provider issues the tokens and the console signs in through it.
 */
export function useConsole(
  options: { policyFile?: string; edge?: E2eEdge; oidcProvider?: boolean } = {},
): ConsoleRun {
  // Jest runs a file's afterAll hooks in the order they were declared: the browser's pages, which
  // poll the API, close before the system (and the provider) stop under them.
  afterAll(async () => {
    await run.browser?.close();
  });
  const provider = options.oidcProvider ? useOidcProvider() : undefined;
  const edge = provider ? { ...options.edge, authSettings: provider.apiSettings } : options.edge;
  const e2e = useE2eSystem(options.policyFile, undefined, undefined, undefined, edge);
  const run: ConsoleRun = {
    e2e,
    browser: undefined as unknown as Browser,
    url: (path = '') => `${e2e.system.url}/console${path}`,
    provider,
  };
  if (provider) beforeAll(() => provider.launch(run.url('/login')), 30_000);
  beforeAll(async () => {
    await seedDemoCounty(e2e.system.directory.store, {
      orgFile: join(repoRoot, 'config', 'org.default.json'),
      peopleFile: join(repoRoot, demoPeopleFile),
    });
    await e2e.system.directory.refresh();
    run.browser = await chromium.launch({
      executablePath: chromiumPath,
      args: chromiumFlags,
      headless: true,
    });
  }, 60_000);
  return run;
}

/** The demo users' one password (config/people.demo.json). */
export const demoPassword = 'lianxin-demo';

/**
 * Signs `username` in through the sign-in page, in a fresh browser context (Beijing time, Chinese
 * first); `actingAs` picks an assignment by its label for someone holding several.
 */
export async function signIn(run: ConsoleRun, username: string, actingAs?: string | RegExp): Promise<Page> {
  const context = await run.browser.newContext({
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1440, height: 900 },
    acceptDownloads: true,
  });
  const page = await context.newPage();
  await page.goto(run.url('/login'));
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(demoPassword);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  if (actingAs) {
    await page.getByRole('radio', { name: actingAs }).check();
    await page.getByRole('button', { name: /登\s*录/ }).click();
  }
  await page.getByTestId('signed-in-as').waitFor();
  return page;
}

let axe: string | undefined;
const axeSource = () => (axe ??= readFileSync(require.resolve('axe-core'), 'utf8'));

/**
 * axe-core's WCAG 2 A and AA rules on what the page shows now (labels, names, contrast, landmarks):
 * the violations, each as `<rule>: <target> …`, so a failure says what to fix.
 */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  // The page's globals, typed here without the DOM library the server code is compiled without.
  type InPage = { axe: typeof import('axe-core'); document: import('axe-core').ElementContext };
  type Settling = { finished: Promise<unknown>; effect: { getTiming(): { iterations?: number } } | null };
  // Evaluated rather than added as a script tag: the console's content security policy refuses inline scripts.
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(axeSource());
  const result = await page.evaluate(async () => {
    const { axe, document } = globalThis as unknown as InPage;
    // Mid-animation, a message fading in is as faint as its opacity: check what the page settles on.
    const { document: dom } = globalThis as unknown as { document: { getAnimations(): Settling[] } };
    const settling = dom.getAnimations().filter((a) => a.effect?.getTiming().iterations !== Infinity);
    await Promise.all(settling.map((a) => a.finished.catch(() => undefined)));
    return axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
  });
  return result.violations.map(
    (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')} (${v.help})`,
  );
}

/**
 * The message a form shows beside a field, once the field its label names is marked invalid: the
 * text of the help its input is described by (a form's own check, or the API's error put there).
 */
export async function errorBeside(page: Page, label: string): Promise<string> {
  const field = page.getByLabel(label, { exact: true });
  await field.and(page.locator('[aria-invalid="true"]')).waitFor();
  const help = (await field.getAttribute('aria-describedby'))!.split(' ')[0];
  return page.locator(`[id="${help}"]`).innerText();
}

/** Saves what the page shows as `<scenario>/<name>.png` under test-output/console/. */
export async function screenshot(page: Page, scenario: string, name: string): Promise<void> {
  const dir = join(screenshotDir, scenario);
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}
