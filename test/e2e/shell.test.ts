// The web app's frame: choosing a province, Vietnamese first with an English switch, signing in and its errors,
// a lost connection, and the size of what a phone downloads first.
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { INITIAL_JS_BUDGET_BYTES } from '../../web/build';
import { DEMO_PASSWORD, suiteInfo } from '../integration/support';
import { accounts, journey, launch, PHONE, signInAs } from './browser';

let browser: Browser;
beforeAll(async () => { browser = await launch(); });
afterAll(async () => { await browser?.close(); });

describe('the web app shell', () => {
  it('lets a citizen choose the province, read it in Vietnamese, and switch to English', async () => {
    const { page, shot, context } = await journey(browser, 'shell-province', PHONE);
    await page.goto('/');
    await page.getByRole('link', { name: 'Nghệ An' }).click();
    await expectHeader(page, 'Nghệ An');
    await shot('portal-vi');
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('navigation').getByRole('link', { name: 'Look up a dossier' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await shot('portal-en');
    await page.getByRole('button', { name: 'Chuyển sang tiếng Việt' }).click();
    await page.getByRole('navigation').getByRole('link', { name: 'Tra cứu hồ sơ' }).waitFor();
    await context.close();
  });

  it('refuses a wrong password in Vietnamese and keeps the email typed', async () => {
    const { page, shot, context } = await journey(browser, 'shell-sign-in', PHONE);
    await page.goto('/#/nghean/sign-in');
    await page.getByLabel('Email').fill(accounts('nghean').citizen);
    await page.getByLabel('Mật khẩu').fill('not-the-password');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('alert').filter({ hasText: 'Email hoặc mật khẩu không đúng.' }).waitFor();
    expect(await page.getByLabel('Email').inputValue()).toBe(accounts('nghean').citizen);
    await shot('wrong-password');
    await context.close();
  });

  it('sends an official to the console, and a citizen who opens the console is told it is for officials', async () => {
    const official = await journey(browser, 'shell-console');
    await signInAs(official.page, 'nghean', accounts('nghean').officer);
    expect(official.page.url()).toContain('#/nghean/console');
    await official.page.getByRole('navigation').getByRole('link', { name: 'Hồ sơ' }).waitFor();
    await official.shot('console');
    await official.context.close();

    const citizen = await journey(browser, 'shell-citizen-console');
    await signInAs(citizen.page, 'nghean', accounts('nghean').citizen);
    await citizen.page.goto('/#/nghean/console/dossiers');
    await citizen.page.getByText('Trang này dành cho cán bộ, công chức của tỉnh.').waitFor();
    await citizen.context.close();
  });

  it('says when the connection is lost', async () => {
    const { page, context, shot } = await journey(browser, 'shell-offline', PHONE);
    await page.goto('/#/nghean');
    await expectHeader(page, 'Nghệ An');
    await context.setOffline(true);
    // The banner under the header (a page whose request failed also says so, in its own alert, with a retry)
    const banner = page.locator('.banner').getByText('Mất kết nối mạng.', { exact: false });
    await banner.waitFor();
    await shot('offline');
    await context.setOffline(false);
    await banner.waitFor({ state: 'detached' });
    await context.close();
  });

  it('asks to sign in again when the session expires, over the page the user is on', async () => {
    const { page, context, shot } = await journey(browser, 'shell-expired', PHONE);
    await signInAs(page, 'nghean', accounts('nghean').citizen);
    await page.getByRole('heading', { name: 'Hồ sơ của tôi' }).waitFor();
    // From now on the API refuses the token and Cognito the refresh token, as after a revoked session
    await context.route('**/v1/nghean/me/dossiers*', (route) => route.fulfill({
      status: 401, contentType: 'application/json', body: JSON.stringify({ error: { code: 'UNAUTHORIZED', message: 'Cần đăng nhập.', messageEn: 'Sign in.' } }),
    }));
    await context.route(`${suiteInfo().endpoints.cognito}/**`, (route) => (route.request().method() === 'POST' && route.request().postData()?.includes('REFRESH_TOKEN_AUTH')
      ? route.fulfill({ status: 400, contentType: 'application/x-amz-json-1.1', headers: { 'access-control-allow-origin': '*' }, body: JSON.stringify({ __type: 'NotAuthorizedException', message: 'Refresh Token has expired' }) })
      : route.continue()));
    await page.getByRole('navigation').getByRole('link', { name: 'Thủ tục' }).click();
    await page.getByRole('navigation').getByRole('link', { name: 'Hồ sơ của tôi' }).click();

    const dialog = page.getByRole('dialog', { name: 'Đăng nhập' });
    await dialog.waitFor();
    await page.getByText('Phiên đăng nhập đã hết hạn.', { exact: false }).first().waitFor();
    expect(await dialog.getByLabel('Email').inputValue()).toBe(accounts('nghean').citizen);
    await shot('expired');

    await context.unrouteAll();
    await dialog.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
    await dialog.getByRole('button', { name: 'Đăng nhập' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(page.url()).toContain('#/nghean/my');
    await page.getByRole('button', { name: 'Thử lại' }).click();
    await page.getByRole('list', { name: 'Hồ sơ của tôi' }).or(page.getByText('Bạn chưa nộp hồ sơ nào.')).first().waitFor();
    await shot('signed-in-again');
    await context.close();
  });

  it('keeps the JavaScript a phone loads first within the budget', async () => {
    const base = suiteInfo().url;
    const html = await (await fetch(`${base}/`)).text();
    const entry = /<script type="module" src="([^"]+)"/.exec(html)?.[1];
    expect(entry).toBeDefined();
    // The entry and every chunk it imports statically (esbuild writes `from"./chunk-…js"` for those).
    const seen = new Set<string>();
    const queue = [entry!];
    let gzipped = 0;
    while (queue.length) {
      const path = queue.shift()!;
      if (seen.has(path)) continue;
      seen.add(path);
      const code = Buffer.from(await (await fetch(`${base}${path}`)).arrayBuffer());
      expect(code.length).toBeGreaterThan(0);
      gzipped += gzipSync(code, { level: 9 }).length;
      for (const m of code.toString('utf8').matchAll(/(?:import|from)\s*"\.\/(chunk-[A-Z0-9]+\.js)"/g)) queue.push(`/assets/${m[1]}`);
    }
    expect(gzipped).toBeLessThanOrEqual(INITIAL_JS_BUDGET_BYTES);
  });
});

async function expectHeader(page: import('playwright-core').Page, name: string) {
  await page.getByRole('banner').getByRole('link', { name }).waitFor();
}
