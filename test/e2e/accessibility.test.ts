// WCAG 2.1 A and AA on the main pages of the portal and the console, checked by axe-core in Chromium: labels,
// names, contrast, landmarks, ARIA. Keyboard use and visible focus are exercised by the journeys and styles.css.
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { BIRTH } from '../integration/fixtures';
import { accounts, DESKTOP, journey, launch, PHONE, signInAs } from './browser';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

let browser: Browser;
beforeAll(async () => { browser = await launch(); });
afterAll(async () => { await browser?.close(); });

interface Violation { id: string; help: string; nodes: { target: string[] }[] }

/** The page's WCAG 2.1 A/AA violations, as `rule: help (selectors)` lines. */
async function violations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const found = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: unknown): Promise<{ violations: Violation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations;
  });
  return found.map((v) => `${v.id}: ${v.help} (${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')})`);
}

async function check(page: Page, hash: string, ready: (page: Page) => Promise<unknown>): Promise<string[]> {
  await page.goto(`/${hash}`);
  await ready(page);
  return (await violations(page)).map((line) => `${hash} ${line}`);
}

const heading = (page: Page) => page.locator('h1').first().waitFor();

describe('accessibility (WCAG 2.1 AA)', () => {
  it('holds on the citizens\' pages, on a phone', async () => {
    const { page, context } = await journey(browser, 'a11y-citizen', PHONE);
    const found = [
      ...await check(page, '#/', heading),
      ...await check(page, '#/nghean/procedures', heading),
      ...await check(page, `#/nghean/procedures/${BIRTH}`, heading),
      ...await check(page, '#/nghean/lookup', heading),
      ...await check(page, '#/nghean/sign-in', heading),
      ...await check(page, '#/nghean/register', heading),
    ];
    await signInAs(page, 'nghean', accounts('nghean').citizen);
    found.push(...await check(page, '#/nghean/my', heading), ...await check(page, `#/nghean/submit/${BIRTH}`, heading));
    expect(found).toEqual([]);
    await context.close();
  });

  it('holds on the officials\' console, on a desktop', async () => {
    const { page, context } = await journey(browser, 'a11y-console', DESKTOP);
    await signInAs(page, 'nghean', accounts('nghean').admin);
    const found: string[] = [];
    const pages = ['dossiers', 'stats', 'documents', 'documents/new', 'documents/incoming', 'documents/tasks', 'meetings', 'meetings/new',
      'meetings/schedule', 'mail', 'mail/compose', 'admin', 'admin/units', 'admin/users', 'admin/procedures', 'admin/calendar'];
    for (const path of pages) found.push(...await check(page, `#/nghean/console/${path}`, heading));
    expect(found).toEqual([]);
    await context.close();
  });
});
