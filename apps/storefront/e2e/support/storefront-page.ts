import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { storefrontUrl } from './stack';

// What a customer does, in the storefront's own words (roles and labels, as a screen reader
// would find them), so that the tests also check that the pages are labelled. `base` is the
// storefront to use: the global setup's, unless a spec runs one of its own (the chaos demo).

export async function signIn(page: Page, account: 'Alice' | 'Bob', base = storefrontUrl()): Promise<void> {
  await page.goto(`${base}/sign-in`);
  await page.getByRole('button', { name: `Use ${account}` }).click();
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

export async function addToCart(page: Page, productName: string, times = 1, base = storefrontUrl()): Promise<void> {
  if (page.url() !== `${base}/`) await page.goto(`${base}/`);
  const card = page.getByRole('article', { name: productName });
  for (let i = 0; i < times; i++) await card.getByRole('button', { name: 'Add to cart' }).click();
  await card.getByText(`${times} in your cart`).waitFor();
}

export async function openCart(page: Page, base = storefrontUrl()): Promise<void> {
  await page.goto(`${base}/cart`);
  await buyButton(page).waitFor();
}

export function buyButton(page: Page): Locator {
  return page.getByRole('button', { name: 'Buy now' });
}

/** The card to pay with, by what the checkout shows of it, e.g. `Visa •••• 9995`. */
export function cardChoice(page: Page, label: string): Locator {
  return page.getByRole('radio', { name: label });
}

export function checkoutResult(page: Page): Locator {
  return page.getByTestId('checkout-result');
}

/** Clicks `times` times as fast as real mouse input goes: no waiting between clicks. */
export async function clickRapidly(page: Page, target: Locator, times: number): Promise<void> {
  const box = await target.boundingBox();
  if (!box) throw new Error('the target is not visible');
  const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
  for (let i = 0; i < times; i++) await page.mouse.click(x, y);
}

/** Clicks `times` times at a person's pace, `gapMs` apart (a quick double-click is about 150 ms), where the target first was. */
export async function clickAtHumanSpeed(page: Page, target: Locator, times: number, gapMs: number): Promise<void> {
  const box = await target.boundingBox();
  if (!box) throw new Error('the target is not visible');
  for (let i = 0; i < times; i++) {
    if (i > 0) await page.waitForTimeout(gapMs);
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  }
}

/** Waits until every request of the checkout has its final answer (waits between retries included). */
export async function waitForTimelineSettled(page: Page): Promise<void> {
  await page.locator('[data-testid="timeline-card"][data-in-flight="0"]').waitFor({ timeout: 45_000 });
}

/** The outcome badges of the retry timeline, top to bottom, as `request.try outcome`. */
export async function timelineRows(page: Page): Promise<string[]> {
  return page
    .getByTestId('retry-timeline')
    .locator('li[data-outcome]')
    .evaluateAll((rows) => rows.map((row) => `${row.getAttribute('data-request')}.${row.getAttribute('data-attempt')} ${row.getAttribute('data-outcome')}`));
}

const SCREENSHOT_DIR = path.resolve(__dirname, '../../../../docs/screenshots');

/**
 * With `UPDATE_SCREENSHOTS=1`, saves a PNG of the page to docs/screenshots/ for the README;
 * otherwise does nothing, so that a test run leaves the working tree as it was.
 */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  if (process.env.UPDATE_SCREENSHOTS !== '1') return;
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  // The header is sticky: scrolled, it would be drawn over the middle of a full-page picture.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true, animations: 'disabled' });
}
