import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { consoleDist } from '../../api/console';
import { demoPeopleFile, seedDemoCounty } from '../../directory/seed';
import { demoPassword, launchChromium } from '../../test/support/browser';
import { percentile } from '../load';
import { Section } from '../section';

const rounds = 7;
const queued = 30;
const repoRoot = join(__dirname, '..', '..');

const gzippedKb = (file: string) => gzipSync(readFileSync(join(consoleDist, file))).length / 1024;

/** The scripts the sign-in page loads before anything else: its entry and what it preloads. */
function firstScreenScripts(): string[] {
  const page = readFileSync(join(consoleDist, 'index.html'), 'utf8');
  return [...page.matchAll(/(?:src|href)="\/console\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
}

/** Whether the signed-in landing page has drawn: who is signed in, and no spinner left in the page's main part. */
function landed(): boolean {
  // Runs in the page (a function, not a string: the console's content security policy refuses eval).
  const { document } = globalThis as unknown as { document: { querySelector(selector: string): unknown } };
  return (
    !!document.querySelector('[data-testid=signed-in-as]') &&
    !!document.querySelector('main') &&
    !document.querySelector('main .ant-spin-spinning')
  );
}

export const consoleLoad: Section = {
  name: 'console',
  describe:
    `The console's JavaScript, gzipped as the API serves it: the sign-in page's (its entry and preloads) and every chunk. Then ${rounds} cold loads ` +
    `(a fresh browser context each, Debian's Chromium headless, loopback) of the sign-in page until its username field is usable, and of a branch ` +
    `secretary's landing page after signing in, with ${queued} requests in her grid, until it has drawn; the JS the landing loaded`,
  async run(ctx) {
    const firstScreen = firstScreenScripts();
    const all = readdirSync(join(consoleDist, 'assets'))
      .filter((f) => f.endsWith('.js'))
      .map((f) => `assets/${f}`);
    const stack = await ctx.stack();
    await seedDemoCounty(stack.directory, {
      orgFile: join(repoRoot, 'config', 'org.default.json'),
      peopleFile: join(repoRoot, demoPeopleFile),
    });
    for (let n = 0; n < queued; n++)
      await stack.http.post(
        '/requests',
        {
          channel: 'hotline',
          category: 'general',
          title: `楼道灯坏了 #${n}`,
          description: '三号楼二单元楼道灯一周不亮',
          requester: { id: `resident-${n}`, name: '张三' },
          gridId: 'g01',
        },
        { id: 'hotline-1', role: 'hotline_operator', unit: 'committee-c01' },
      );
    const storedRequests = await stack.storedRequests();
    const record = (key: string, value: number, unit: string, note?: string) =>
      ctx.record({ key: `console.${key}`, value: Math.round(value * 10) / 10, unit, storedRequests, note });
    await record(
      'firstScreenJsKb',
      firstScreen.map(gzippedKb).reduce((a, b) => a + b, 0),
      'KiB',
      firstScreen.join(', '),
    );
    await record(
      'allJsKb',
      all.map(gzippedKb).reduce((a, b) => a + b, 0),
      'KiB',
      `${all.length} chunks`,
    );

    const browser = await launchChromium();
    const signIn: number[] = [];
    const landing: number[] = [];
    const landingJs: number[] = [];
    try {
      for (let round = 0; round < rounds; round++) {
        const context = await browser.newContext({ locale: 'zh-CN' });
        const page = await context.newPage();
        await page.goto(`${stack.url}/console/`);
        await page.getByLabel('用户名').waitFor();
        signIn.push(await page.evaluate(() => performance.now()));
        await page.getByLabel('用户名').fill('sec-1');
        await page.getByLabel('密码').fill(demoPassword);
        const clickedAt = await page.evaluate(() => performance.now());
        await page.getByRole('button', { name: /登\s*录/ }).click();
        await page.waitForFunction(landed);
        landing.push((await page.evaluate(() => performance.now())) - clickedAt);
        landingJs.push(
          (await page.evaluate(() =>
            (
              performance.getEntriesByType('resource') as unknown as {
                name: string;
                encodedBodySize: number;
              }[]
            )
              .filter((entry) => entry.name.endsWith('.js'))
              .reduce((sum, entry) => sum + entry.encodedBodySize, 0),
          )) / 1024,
        );
        await context.close();
      }
    } finally {
      await browser.close();
    }
    const note = `${rounds} cold loads`;
    await record('signInUsableMsP50', percentile(signIn, 50), 'ms', note);
    await record('signInUsableMsMax', Math.max(...signIn), 'ms', note);
    await record('landingDrawnMsP50', percentile(landing, 50), 'ms', `${note}; from the sign-in click`);
    await record('landingDrawnMsMax', Math.max(...landing), 'ms', `${note}; from the sign-in click`);
    await record('landingJsKb', percentile(landingJs, 50), 'KiB', 'gzipped, as transferred');
  },
};
