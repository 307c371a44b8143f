import { screenshot, signIn, useConsole } from '../support/browser';

const run = useConsole();

// No axe check here: Swagger UI 5.35 itself fails color-contrast (method badges, version stamp),
// nested-interactive (each operation's summary row) and select-name (the servers list); it is
// served as published, not patched.

describe('the API reference for integrators', () => {
  test("When a signed-in user follows the console footer's link, then Swagger UI lists the operations of the OpenAPI document by tag", async () => {
    const page = await signIn(run, 'aud-1');
    await page.getByRole('link', { name: 'API 参考' }).click();
    await page.getByRole('heading', { name: 'requests' }).waitFor();
    expect(page.url()).toBe(`${run.e2e.system.url}/api/reference/`);
    await page.getByText('点单 file a citizen request').first().waitFor();
    await page.getByText('/api/v1/audit/cases/{caseId}/timeline').first().waitFor();
    await screenshot(page, 'api-reference', 'operations');
    await page.context().close();
  });
});
