// What the end-to-end journeys share: Debian's Chromium driven by playwright-core (nothing downloads a browser),
// the local suite's URL, signing in through the web app, and numbered screenshots under test-results/e2e/<journey>/.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { DEMO_PASSWORD, suiteInfo, tenantOf } from '../integration/support';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const RESULTS = join(import.meta.dirname, '..', '..', 'test-results', 'e2e');

/** A phone (most citizens) and a desktop (officials at work). */
export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
export const DESKTOP = { viewport: { width: 1366, height: 900 } };

export async function launch(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: install Debian's chromium package (.ci/run does), or set CHROMIUM_PATH`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // The machine's network is closed: without these Chromium keeps trying Google's services.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

export interface Journey {
  context: BrowserContext;
  page: Page;
  /** Saves test-results/e2e/<journey>/<nn>-<name>.png (full page). */
  shot(name: string): Promise<void>;
}

export async function journey(browser: Browser, name: string, device: typeof PHONE | typeof DESKTOP = DESKTOP): Promise<Journey> {
  const context = await browser.newContext({ ...device, baseURL: suiteInfo().url, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  // Well under jest's 30 s, so a missing element fails with Playwright's own message (what it waited for).
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const dir = join(RESULTS, name);
  mkdirSync(dir, { recursive: true });
  let n = 0;
  return {
    context,
    page,
    async shot(step: string) {
      n += 1;
      await page.screenshot({ path: join(dir, `${String(n).padStart(2, '0')}-${step}.png`), fullPage: true });
    },
  };
}

/** Signs in through the web app's sign-in page; lands where the app sends that user (console or "my dossiers"). */
export async function signInAs(page: Page, tenantId: string, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(`/#/${tenantId}/sign-in`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL((url) => !url.hash.includes('/sign-in'));
}

/** The demo accounts of a tenant (local/seed-data.ts). */
export function accounts(tenantId: string) {
  const domain = tenantOf(tenantId).domain;
  return {
    admin: `admin@${domain}`, clerk: `vanthu@${domain}`, officer: `canbo@${domain}`, leader: `lanhdao@${domain}`, citizen: 'congdan@example.vn',
  };
}
