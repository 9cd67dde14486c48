import type { Page } from 'playwright-core';
import { login, newestOrder, orderCount, stockOf, type ProbeUser } from './support/api-probe';
import { useChromiumPage } from './support/chromium';
import { apiUrl, storefrontUrl } from './support/stack';
import {
  addToCart,
  buyButton,
  cardChoice,
  checkoutResult,
  openCart,
  saveScreenshot,
  signIn,
  timelineRows,
  waitForTimelineSettled,
} from './support/storefront-page';

const CAP = 'Exponential backoff cap';
const MUG = 'Idempotent mug';
const STICKER = 'Sticker: 409 in progress';

/** Paying for an order: the card chosen, the provider's answer, and what the orders then show. */
describe('checkout with a card', () => {
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

  const cartLines = () => page.getByRole('list', { name: 'Items in your cart' });
  const timelineKey = () => page.getByTestId('timeline-card').locator('header code').textContent();

  it('when the card is declined (insufficient funds), says so definitely, charges nothing and keeps the cart; another card is a new checkout that places the order', async () => {
    const stockBefore = await stockOf(CAP);
    await addToCart(page, CAP, 1);
    await openCart(page);
    await cardChoice(page, 'Visa •••• 9995').check();

    await buyButton(page).click();

    const result = checkoutResult(page);
    await result.filter({ hasText: 'Definitely failed' }).waitFor({ timeout: 30_000 });
    const text = (await result.textContent()) ?? '';
    expect(text).toContain('Definitely failed: Your card was declined');
    expect(text).toContain('Your card was declined — insufficient funds. Nothing was charged; your cart is kept.');
    expect(text).not.toMatch(/unknown|may or may not|[{}]|problems\//i);
    expect(await timelineRows(page)).toEqual(['1.1 rejected']);
    await cartLines().getByText(CAP).waitFor();
    expect(await stockOf(CAP)).toBe(stockBefore);
    const declined = await newestOrder(alice);
    expect(declined).toMatchObject({ status: 'payment_failed' });
    expect(declined.payment).toBeUndefined();
    await saveScreenshot(page, 'checkout-card-declined');

    const declinedKey = await timelineKey();
    await cardChoice(page, 'Visa •••• 4242').check();
    await buyButton(page).click();

    await result.filter({ hasText: 'Order placed' }).waitFor({ timeout: 30_000 });
    await waitForTimelineSettled(page);
    expect(await timelineRows(page)).toEqual(['1.1 created']);
    expect(await timelineKey()).not.toBe(declinedKey);
    expect(await stockOf(CAP)).toBe(stockBefore - 1);
    expect(await newestOrder(alice)).toMatchObject({ status: 'paid' });
  });

  it('after a paid order, offers the order and the shop instead of a Buy button, and the order page shows "Paid", its PaymentIntent and the shop\'s one charge attempt', async () => {
    await addToCart(page, MUG, 1);
    await openCart(page);
    expect(await cardChoice(page, 'Visa •••• 4242').isChecked()).toBe(true);

    await buyButton(page).click();

    const placed = page.getByTestId('order-placed');
    await placed.getByTestId('checkout-result').filter({ hasText: 'Order placed' }).waitFor({ timeout: 30_000 });
    expect(await placed.textContent()).toContain('paid with Visa •••• 4242');
    expect(await buyButton(page).count()).toBe(0);
    expect(await page.getByLabel('Disable double-click guard').count()).toBe(0);
    expect(await placed.getByRole('link', { name: 'Continue shopping' }).getAttribute('href')).toBe('/');
    const order = await newestOrder(alice);
    expect(order).toMatchObject({ status: 'paid', payment: { amount: order.totalCents } });
    expect(order.payment?.paymentIntentId).toMatch(/^pi_/);
    await saveScreenshot(page, 'checkout-order-placed');

    await placed.getByRole('link', { name: 'View your order' }).click();

    await page.waitForURL(`${storefrontUrl()}/orders/${order.id}`);
    await page.getByRole('heading', { name: 'Payment', exact: true }).waitFor();
    expect(await page.getByTestId('order-status').textContent()).toBe('Paid');
    expect(await page.getByTestId('payment-intent-id').textContent()).toBe(order.payment?.paymentIntentId);
    // The shop's own attempt at the provider: one run, one try that charged, under the key derived from the order.
    const attempts = page.getByTestId('charge-attempts');
    await attempts.getByRole('heading', { name: "Our server's attempts at the payment provider" }).waitFor();
    expect(await attempts.getByTestId('charge-key').textContent()).toBe(`safe-checkout-order-${order.id}`);
    expect(
      await attempts
        .locator('li[data-outcome]')
        .evaluateAll((rows) => rows.map((row) => `${row.getAttribute('data-attempt')} ${row.getAttribute('data-outcome')}`)),
    ).toEqual(['1 charged']);
    expect(await attempts.textContent()).toContain('HTTP 200: the provider charged the card, a new PaymentIntent.');

    await page.getByRole('link', { name: '← All orders' }).click();
    const row = page.getByTestId('order-row').filter({ has: page.getByRole('link', { name: order.id.split('-')[0] }) });
    expect(await row.getByTestId('order-status').textContent()).toBe('Paid');
  });

  it('when the payment provider does not answer, says the outcome is unknown and locks the card; Check again sends the same key and card and settles it', async () => {
    const ordersBefore = await orderCount(alice);
    // Every attempt of the first request is answered as the API answers when the provider is down.
    let posts = 0;
    const sentBodies: unknown[] = [];
    await page.route(`${apiUrl()}/orders`, (route) => {
      if (route.request().method() !== 'POST') return route.fallback();
      sentBodies.push({ key: route.request().headers()['idempotency-key'], body: route.request().postDataJSON() });
      if (++posts > 4) return route.fallback();
      return route.fulfill({
        status: 503,
        contentType: 'application/problem+json',
        headers: {
          'Access-Control-Allow-Origin': storefrontUrl(),
          'Access-Control-Expose-Headers': 'Retry-After, Problem-Outcome',
          'Retry-After': '1',
          'Problem-Outcome': 'unfinished',
        },
        body: JSON.stringify({
          type: '/problems/payment-provider-unavailable',
          title: 'Payment provider unavailable',
          status: 503,
          detail: 'injected by the test',
        }),
      });
    });
    await addToCart(page, STICKER, 1);
    await openCart(page);
    await cardChoice(page, 'Mastercard •••• 4444').check();

    await buyButton(page).click();

    const result = checkoutResult(page);
    await result.filter({ hasText: 'Outcome unknown' }).waitFor({ timeout: 40_000 });
    await waitForTimelineSettled(page);
    const text = (await result.textContent()) ?? '';
    expect(text).toContain('Outcome unknown: the payment provider did not answer');
    expect(text).toContain('may or may not have been charged');
    expect(text).not.toMatch(/definitely|nothing was/i);
    expect(await timelineRows(page)).toEqual(['1.1 server-error', '1.2 server-error', '1.3 server-error', '1.4 server-error']);
    expect(await cardChoice(page, 'Mastercard •••• 4444').isChecked()).toBe(true);
    expect(await cardChoice(page, 'Visa •••• 4242').isDisabled()).toBe(true);
    await page.getByText('Locked until the outcome is known').waitFor();

    await page.getByRole('button', { name: 'Check again' }).click();

    await result.filter({ hasText: 'Order placed' }).waitFor({ timeout: 30_000 });
    expect(await timelineRows(page)).toEqual(['1.1 server-error', '1.2 server-error', '1.3 server-error', '1.4 server-error', '2.1 created']);
    expect(new Set(sentBodies.map((sent) => JSON.stringify(sent))).size).toBe(1);
    expect(sentBodies[0]).toMatchObject({ body: { paymentMethod: 'pm_card_mastercard' } });
    expect(await orderCount(alice)).toBe(ordersBefore + 1);
    expect(await newestOrder(alice)).toMatchObject({ status: 'paid' });
  });
});
