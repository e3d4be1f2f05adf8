import { expect, test } from 'cors-lens/playwright';

// The CORS lab the outer test started (e2e/lab/): the page, and the API URLs of three of its scenarios.
const lab = {
  page: process.env.LAB_PAGE ?? '',
  allowed: process.env.LAB_ALLOWED_URL ?? '',
  blocked: process.env.LAB_BLOCKED_URL ?? '',
  blockedAtPreflight: process.env.LAB_BLOCKED_AT_PREFLIGHT_URL ?? '',
  /** A secret the report must leave out (from the environment, so that the code Playwright quotes does not hold it). */
  token: process.env.LAB_TOKEN ?? '',
};

test('the README example: the page calls its API, and CORS lets it', async ({ page }) => {
  await page.goto(lab.page);
  await page.evaluate((url) => fetch(url).then((response) => response.text()), lab.allowed);
  await expect(page).toHaveNoCorsErrors();
});

test('a simple GET whose response lacks Access-Control-Allow-Origin fails the assertion', async ({ page }) => {
  await page.goto(lab.page);
  await page.evaluate((url) => fetch(url).catch(() => 'blocked'), `${lab.blocked}?access_token=${lab.token}`);
  await expect(page).toHaveNoCorsErrors();
});

test('a JSON POST whose preflight does not allow Content-Type fails the assertion', async ({ page }) => {
  await page.goto(lab.page);
  await page.evaluate(
    (url) => fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"text":"hi"}' }).catch(() => 'blocked'),
    lab.blockedAtPreflight,
  );
  await expect(page).toHaveNoCorsErrors();
});

test('a test that fails without any CORS traffic gets no CORS Lens attachment', async ({ page }) => {
  await page.goto(lab.page);
  expect(await page.title()).toBe('not the lab page');
});

test.describe('with the blocked URL ignored', () => {
  test.use({ corsLens: { ignoreUrls: ['/missing-allow-origin/'] } });

  test('its blocked request does not count', async ({ page }) => {
    await page.goto(lab.page);
    await page.evaluate((url) => fetch(url).catch(() => 'blocked'), lab.blocked);
    await expect(page).toHaveNoCorsErrors();
  });
});

test.describe('turned off', () => {
  test.use({ corsLens: { enabled: false } });

  test('nothing is checked', async ({ page }) => {
    await page.goto(lab.page);
    await page.evaluate((url) => fetch(url).catch(() => 'blocked'), lab.blocked);
    await expect(page).toHaveNoCorsErrors();
  });
});
