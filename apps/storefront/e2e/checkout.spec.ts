import type { Page } from 'playwright-core';
import { login, orderCount, stockOf } from './support/api-probe';
import { useChromiumPage } from './support/chromium';
import { apiUrl } from './support/stack';
import {
  addToCart,
  buyButton,
  checkoutResult,
  clickRapidly,
  openCart,
  saveScreenshot,
  signIn,
  timelineRows,
  waitForTimelineSettled,
} from './support/storefront-page';

const MUG = 'Idempotent mug';
const SHIRT = 'Full-jitter T-shirt';

describe('checkout', () => {
  const chromium = useChromiumPage();
  let page: Page;
  beforeEach(() => {
    page = chromium.page;
  });

  it('places exactly one order when Buy is clicked five times as fast as possible with the guard off', async () => {
    const alice = await login('alice@example.com');
    const [ordersBefore, stockBefore] = [await orderCount(alice), await stockOf(MUG)];
    await signIn(page, 'Alice');
    await addToCart(page, MUG, 2);
    await openCart(page);
    await page.getByLabel('Disable double-click guard').check();
    // A slow mobile network: every answer takes at least 400 ms, so all five clicks land while
    // the first request is still out, as they would for an impatient customer.
    const cdp = await chromium.context.newCDPSession(page);
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 400, downloadThroughput: -1, uploadThroughput: -1 });

    await clickRapidly(page, buyButton(page), 5);

    await checkoutResult(page).filter({ hasText: 'Order placed' }).waitFor({ timeout: 30_000 });
    await waitForTimelineSettled(page);
    const rows = await timelineRows(page);
    const requests = new Set(rows.map((row) => row.split('.')[0]));
    expect(requests.size).toBe(5);
    // Each request ends in exactly one confirmation: the one that ran, or a replay of it.
    expect(rows.filter((row) => row.endsWith(' created'))).toHaveLength(1);
    expect(rows.filter((row) => row.endsWith(' replayed'))).toHaveLength(4);
    expect(await orderCount(alice)).toBe(ordersBefore + 1);
    expect(await stockOf(MUG)).toBe(stockBefore - 2);
    // The README's picture of five clicks comes from the slow-shop test of the demo mode
    // (chaos-panel.spec.ts), which a person can repeat by hand.
  });

  it('still places one order when the page is reloaded while the order request is in flight: the reloaded page checks the last checkout with its key', async () => {
    const bob = await login('bob@example.com');
    const [ordersBefore, stockBefore] = [await orderCount(bob), await stockOf(SHIRT)];
    await signIn(page, 'Bob');
    await addToCart(page, SHIRT, 1);
    await openCart(page);
    // The order reaches the API and is placed, but its answer is held back until the page is gone.
    let placedOnServer!: () => void;
    let release!: () => void;
    const serverAnswered = new Promise<void>((resolve) => (placedOnServer = resolve));
    const released = new Promise<void>((resolve) => (release = resolve));
    await page.route(
      `${apiUrl()}/orders`,
      async (route) => {
        if (route.request().method() !== 'POST') return route.fallback();
        const response = await route.fetch();
        placedOnServer();
        await released;
        await route.fulfill({ response }).catch(() => undefined);
      },
      { times: 1 },
    );

    await buyButton(page).click();
    await serverAnswered;
    expect(await orderCount(bob)).toBe(ordersBefore + 1);
    await page.reload();
    release();

    // No click needed: on load the page resends the checkout it found open, same key and body.
    await checkoutResult(page).filter({ hasText: 'Order placed (replayed)' }).waitFor({ timeout: 30_000 });
    await page.getByText('Checking your last checkout: the same key').waitFor();
    expect(await timelineRows(page)).toEqual(['1.1 cut-off', '2.1 replayed']);
    expect(await orderCount(bob)).toBe(ordersBefore + 1);
    expect(await stockOf(SHIRT)).toBe(stockBefore - 1);
    await saveScreenshot(page, 'checkout-reload');
  });
});
