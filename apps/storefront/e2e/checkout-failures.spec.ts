import type { Page, Route } from 'playwright-core';
import { login, newestOrder, orderCount, stockOf, type ProbeUser } from './support/api-probe';
import { useChromiumPage } from './support/chromium';
import { apiUrl, storefrontUrl } from './support/stack';
import { addToCart, buyButton, checkoutResult, openCart, saveScreenshot, signIn, timelineRows, waitForTimelineSettled } from './support/storefront-page';

const STICKER = 'Sticker: 409 in progress';

/**
 * The three failure scenarios of the How-this-works page, made to happen to the first attempt
 * of an order by intercepting it in the browser; every later attempt goes through untouched.
 */
describe('checkout when the network or the server fails', () => {
  const chromium = useChromiumPage();
  let page: Page;
  let alice: ProbeUser;

  beforeAll(async () => {
    alice = await login('alice@example.com');
  });
  beforeEach(async () => {
    page = chromium.page;
    await signIn(page, 'Alice');
  });

  async function failFirstOrderAttempt(failure: (route: Route) => Promise<void>): Promise<void> {
    await page.route(`${apiUrl()}/orders`, (route) => (route.request().method() === 'POST' ? failure(route) : route.fallback()), { times: 1 });
  }

  /**
   * Plays `steps` on the order attempts in turn; attempts after the last step reach the API.
   * `placed-then-500`: the API places the order, and its answer is replaced by a 500, as when the
   * shop fails after the order phase (payments.md). Returns each attempt's key and body, as sent.
   */
  async function scriptOrderAttempts(steps: ('503' | '500' | 'placed-then-500' | 'drop')[]): Promise<string[]> {
    const sent: string[] = [];
    let seen = 0;
    await page.route(`${apiUrl()}/orders`, async (route) => {
      if (route.request().method() !== 'POST') return route.fallback();
      sent.push(`${route.request().headers()['idempotency-key']} ${route.request().postData()}`);
      const step = steps[seen++];
      if (step === undefined) return route.fallback();
      if (step === 'drop') return route.abort('connectionreset');
      if (step === 'placed-then-500') await route.fetch();
      const status = step === '503' ? 503 : 500;
      const slug = status === 500 ? 'internal-error' : 'service-unavailable';
      return route.fulfill({
        status,
        contentType: 'application/problem+json',
        // As the shop answers: its problem says what it means for the order (Problem-Outcome).
        headers: { 'Access-Control-Allow-Origin': storefrontUrl(), 'Access-Control-Expose-Headers': 'Problem-Outcome', 'Problem-Outcome': 'unfinished' },
        body: JSON.stringify({ type: `/problems/${slug}`, title: slug, status, detail: 'injected by the test' }),
      });
    });
    return sent;
  }

  async function buyOneSticker(): Promise<{ ordersBefore: number; stockBefore: number }> {
    const counts = { ordersBefore: await orderCount(alice), stockBefore: await stockOf(STICKER) };
    await addToCart(page, STICKER, 1);
    await openCart(page);
    await buyButton(page).click();
    await checkoutResult(page).waitFor({ timeout: 30_000 });
    await waitForTimelineSettled(page);
    return counts;
  }

  it('retries a request that was lost on the way and places the order once', async () => {
    await failFirstOrderAttempt((route) => route.abort('connectionreset'));

    const { ordersBefore, stockBefore } = await buyOneSticker();

    expect(await checkoutResult(page).getAttribute('data-state')).toBe('placed');
    expect(await timelineRows(page)).toEqual(['1.1 dropped', '1.2 created']);
    expect(await page.getByText('exponential backoff').count()).toBe(1);
    expect(await orderCount(alice)).toBe(ordersBefore + 1);
    expect(await stockOf(STICKER)).toBe(stockBefore - 1);
  });

  it('retries after a server failure (5xx) and places the order once', async () => {
    await failFirstOrderAttempt((route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/problem+json',
        headers: { 'Access-Control-Allow-Origin': storefrontUrl(), 'Access-Control-Expose-Headers': 'Problem-Outcome', 'Problem-Outcome': 'unfinished' },
        body: JSON.stringify({ type: '/problems/service-unavailable', title: 'Service unavailable', status: 503, detail: 'injected by the test' }),
      }),
    );

    const { ordersBefore } = await buyOneSticker();

    expect(await checkoutResult(page).getAttribute('data-state')).toBe('placed');
    expect(await timelineRows(page)).toEqual(['1.1 server-error', '1.2 created']);
    expect(await orderCount(alice)).toBe(ordersBefore + 1);
  });

  it('answers a retry whose first response was lost with the stored order (replayed), not a second order', async () => {
    await failFirstOrderAttempt(async (route) => {
      await route.fetch(); // the API places the order…
      await route.abort('connectionreset'); // …and its answer is lost
    });

    const { ordersBefore, stockBefore } = await buyOneSticker();

    expect(await checkoutResult(page).textContent()).toContain('Order placed (replayed)');
    expect(await timelineRows(page)).toEqual(['1.1 dropped', '1.2 replayed']);
    expect(await orderCount(alice)).toBe(ordersBefore + 1);
    expect(await stockOf(STICKER)).toBe(stockBefore - 1);
    await saveScreenshot(page, 'checkout-response-lost');
  });

  // A 5xx no longer proves that nothing was saved: with payments, POST /orders is a chain of
  // phases and the shop can fail after the order was created (payments.md).
  it('when every attempt fails on the server (5xx), says the outcome is unknown, not "nothing saved"; Check again (same key and body) settles it as exactly one order', async () => {
    const sent = await scriptOrderAttempts(['500', '500', '500', '500']);

    const { ordersBefore, stockBefore } = await buyOneSticker();

    const result = checkoutResult(page);
    expect(await result.getAttribute('data-state')).toBe('unknown');
    const text = (await result.textContent()) ?? '';
    expect(text).toContain('Outcome unknown: the shop failed partway');
    expect(text).toContain("All 4 attempts failed on the shop's side (HTTP 500, 500, 500 and 500).");
    expect(text).toContain('may or may not have been placed');
    expect(text).not.toMatch(/definitely|nothing was saved/i);
    expect(await timelineRows(page)).toEqual(['1.1 server-error', '1.2 server-error', '1.3 server-error', '1.4 server-error']);
    expect(await orderCount(alice)).toBe(ordersBefore);

    await page.getByRole('button', { name: 'Check again' }).click();

    await result.filter({ hasText: 'Order placed' }).waitFor({ timeout: 30_000 });
    expect(await timelineRows(page)).toEqual(['1.1 server-error', '1.2 server-error', '1.3 server-error', '1.4 server-error', '2.1 created']);
    expect(new Set(sent).size).toBe(1);
    expect(sent).toHaveLength(5);
    expect(await orderCount(alice)).toBe(ordersBefore + 1);
    expect(await stockOf(STICKER)).toBe(stockBefore - 1);
  });

  it('when the shop answers 500 after it created the order, says unknown while the cart offers no second order; Check again finds that order, replayed, and nothing is ordered twice', async () => {
    await scriptOrderAttempts(['placed-then-500', '500', '500', '500']);

    const { ordersBefore, stockBefore } = await buyOneSticker();

    const result = checkoutResult(page);
    expect(await result.getAttribute('data-state')).toBe('unknown');
    expect(await result.textContent()).toContain('the failure may have come after your order was created');
    // It was: the order exists, though every answer was a 500.
    expect(await orderCount(alice)).toBe(ordersBefore + 1);
    // On this page (a new page load would first check the last checkout by itself): another cart is another key.
    await page.getByRole('button', { name: `One more ${STICKER}` }).click();
    await page.getByTestId('second-order-blocked').waitFor();
    expect(await buyButton(page).isDisabled()).toBe(true);

    await page.getByRole('button', { name: 'Check again' }).click();

    await result.filter({ hasText: 'Order placed (replayed)' }).waitFor({ timeout: 30_000 });
    expect(await timelineRows(page)).toEqual(['1.1 server-error', '1.2 server-error', '1.3 server-error', '1.4 server-error', '2.1 replayed']);
    expect(await orderCount(alice)).toBe(ordersBefore + 1);
    expect(await stockOf(STICKER)).toBe(stockBefore - 1);
    expect(await newestOrder(alice)).toMatchObject({ status: 'paid' });
    // Settled: the changed cart is a checkout of its own now.
    expect(await buyButton(page).isDisabled()).toBe(false);
  });

  it('when 5xx, 5xx, 5xx and then no answer, says the outcome is unknown without claiming the shop never answered; Check again settles it', async () => {
    await scriptOrderAttempts(['503', '503', '503', 'drop']);

    const { ordersBefore } = await buyOneSticker();

    const result = checkoutResult(page);
    expect(await result.getAttribute('data-state')).toBe('unknown');
    const text = (await result.textContent()) ?? '';
    expect(text).toContain('Outcome unknown: the last attempt got no answer');
    expect(text).toContain('the 3 before it were answered with HTTP 503, 503 and 503');
    expect(text).not.toMatch(/connection|nothing was saved/i);
    expect(await timelineRows(page)).toEqual(['1.1 server-error', '1.2 server-error', '1.3 server-error', '1.4 dropped']);

    await page.getByRole('button', { name: 'Check again' }).click();
    await result.filter({ hasText: 'Order placed' }).waitFor({ timeout: 30_000 });
    expect(await timelineRows(page)).toEqual(['1.1 server-error', '1.2 server-error', '1.3 server-error', '1.4 dropped', '2.1 created']);
    expect(await orderCount(alice)).toBe(ordersBefore + 1);
  });

  it('shows a definite failure (not enough stock) as a readable message and orders nothing', async () => {
    const ordersBefore = await orderCount(alice);
    await addToCart(page, 'The last one (stock 1)', 2);
    await openCart(page);
    await buyButton(page).click();

    const result = checkoutResult(page);
    await result.filter({ hasText: 'Definitely failed' }).waitFor({ timeout: 30_000 });
    const text = (await result.textContent()) ?? '';
    expect(text).toContain('Not enough stock');
    expect(text).not.toMatch(/[{}]|problems\//);
    expect(await timelineRows(page)).toEqual(['1.1 rejected']);
    expect(await orderCount(alice)).toBe(ordersBefore);
    await saveScreenshot(page, 'checkout-definite-failure');
  });
});
