import type { Browser, BrowserContext, Locator } from 'playwright-core';
import { login, orderCount, stockOf, type ProbeUser } from './support/api-probe';
import { startChaosStack, type ChaosStack } from './support/chaos-stack';
import { launchChromium } from './support/chromium';
import { databaseUrl } from './support/stack';
import { addToCart, buyButton, cardChoice, checkoutResult, openCart, signIn, timelineRows, waitForTimelineSettled } from './support/storefront-page';

const CAP = 'Exponential backoff cap';
const NO_FAULTS = { 'request-lost': 0, 'server-failure': 0, 'response-lost': 0, latency: 0 };
// The chaos panel's Slow shop (components/demo/chaos/slow-shop.tsx): every order held 2 s by the proxy.
const SLOW_SHOP = { rates: { ...NO_FAULTS, latency: 1 }, latencyMs: 2_000 };
const VIEWPORT = { width: 1280, height: 900 };

/**
 * The demo mode (`npm start -- --chaos`) as a newcomer meets it: a tab closed mid-checkout, and
 * the cart page at the README's screen size with the chaos panel open.
 */
describe('demo mode: the checkout as a newcomer sees it', () => {
  let chaos: ChaosStack;
  let browser: Browser;
  let context: BrowserContext;
  let alice: ProbeUser;

  const setProxy = async (settings: object): Promise<void> => {
    const response = await fetch(chaos.adminUrl, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(settings) });
    if (!response.ok) throw new Error(`${chaos.adminUrl}: HTTP ${response.status}`);
  };

  beforeAll(async () => {
    [chaos, browser] = await Promise.all([startChaosStack({ databaseUrl: databaseUrl() }), launchChromium()]);
    alice = await login('alice@example.com');
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await chaos?.stop();
  });
  beforeEach(async () => {
    await setProxy({ rates: NO_FAULTS, latencyMs: 11_000, resetCounts: true });
    context = await browser.newContext({ viewport: VIEWPORT });
  });
  afterEach(async () => {
    await context?.close();
  });

  it('a tab closed mid-checkout with the slow shop on leaves its checkout to the next tab, which checks it first and never offers Buy for it: one order', async () => {
    const first = await context.newPage();
    await signIn(first, 'Alice', chaos.storefrontUrl);
    await addToCart(first, CAP, 1, chaos.storefrontUrl);
    await openCart(first, chaos.storefrontUrl);
    const [ordersBefore, stockBefore] = [await orderCount(alice), await stockOf(CAP)];
    await setProxy(SLOW_SHOP);
    const sent = first.waitForRequest((request) => request.method() === 'POST' && request.url() === `${chaos.proxyUrl}/orders`);

    await buyButton(first).click();
    await sent;
    // Mid-checkout: the proxy holds the order for 2 s, and the page that sent it goes away.
    await first.close();
    const second = await context.newPage();
    await second.goto(`${chaos.storefrontUrl}/cart`);

    // Until the last checkout is resolved, the button says so and cannot be pressed.
    const checking = second.getByRole('button', { name: 'Checking your last checkout…' });
    await checking.waitFor();
    expect(await checking.isDisabled()).toBe(true);
    await checkoutResult(second).filter({ hasText: 'Order placed' }).waitFor({ timeout: 30_000 });
    await waitForTimelineSettled(second);
    const rows = await timelineRows(second);
    expect(rows[0]).toBe('1.1 cut-off');
    // Request 2, the check, got the order the closed tab's request placed (or placed it, if that one never got through): either way, once.
    expect(rows.slice(1)).toEqual([expect.stringMatching(/^2\.1 (replayed|created)$/)]);
    expect(await buyButton(second).count()).toBe(0);
    await second.getByText('Your cart is empty: everything in it was ordered.').waitFor();
    // The closed tab's held request has reached the API by now (the proxy holds each for 2 s).
    await setProxy({ rates: NO_FAULTS });
    await second.waitForTimeout(2_500);
    expect(await orderCount(alice)).toBe(ordersBefore + 1);
    expect(await stockOf(CAP)).toBe(stockBefore - 1);
  });

  it('at 1280 × 900 shows the verdict and its timeline without scrolling, above the open chaos panel; the double-click help points at Slow shop', async () => {
    const page = await context.newPage();
    await signIn(page, 'Alice', chaos.storefrontUrl);
    await addToCart(page, CAP, 1, chaos.storefrontUrl);
    await openCart(page, chaos.storefrontUrl);
    const panel = page.getByTestId('chaos-panel');
    expect(await panel.getAttribute('open')).not.toBeNull();
    expect(await page.getByTestId('double-click-help').textContent()).toMatch(/faster than you can click twice\. Switch on Slow shop in the chaos panel/);
    // The longest checkout panel: a definite failure keeps the cart, the cards and the verdict.
    await cardChoice(page, 'Visa •••• 9995').check();

    await buyButton(page).click();

    await checkoutResult(page).filter({ hasText: 'Definitely failed' }).waitFor({ timeout: 30_000 });
    await waitForTimelineSettled(page);
    await page.evaluate(() => window.scrollTo(0, 0));
    expect(await fullyInViewport(checkoutResult(page))).toBe(true);
    expect(await fullyInViewport(page.getByTestId('retry-timeline').locator('li[data-outcome]').first())).toBe(true);
    const [timeline, chaosPanel] = [await page.getByTestId('timeline-card').boundingBox(), await panel.boundingBox()];
    expect(timeline!.y + timeline!.height).toBeLessThanOrEqual(chaosPanel!.y);
  });
});

function fullyInViewport(target: Locator): Promise<boolean> {
  return target.evaluate((element) => {
    const box = element.getBoundingClientRect();
    return box.top >= 0 && box.left >= 0 && box.bottom <= window.innerHeight && box.right <= window.innerWidth;
  });
}
