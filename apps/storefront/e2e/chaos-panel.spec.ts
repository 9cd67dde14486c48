import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { login, newestOrder, orderCount, orderOf, paymentIntentsOf, stockOf, type ProbeUser } from './support/api-probe';
import { startChaosStack, type ChaosStack } from './support/chaos-stack';
import { launchChromium } from './support/chromium';
import { watchCspViolations, type CspViolation } from './support/csp-violations';
import { databaseUrl } from './support/stack';
import {
  addToCart,
  buyButton,
  checkoutResult,
  clickAtHumanSpeed,
  openCart,
  saveScreenshot,
  signIn,
  timelineRows,
  waitForTimelineSettled,
} from './support/storefront-page';

const CAP = 'Exponential backoff cap';
const FAULT_LABELS = ['Request lost', 'Server failure', 'Response lost', 'Slow answer'] as const;
const PROVIDER_FAULT_LABELS = ['Charge request lost', 'Provider failure', 'Charge response lost', 'Slow provider'] as const;
const NO_FAULTS = { 'request-lost': 0, 'server-failure': 0, 'response-lost': 0, latency: 0 };

type ProxySettings = { rates: Record<string, number>; latencyMs: number; routes: string[]; counts: Record<string, number> };

/**
 * Demo mode (`npm start -- --chaos`): the storefront's API calls go through a chaos proxy, in
 * front of an API started from its chaos entry point, which charges through a second one in front
 * of the payment sandbox (its chaos entry point too); the cart shows the chaos panel with a group
 * of rates per hop. The faults are real (connections dropped by the proxies, a 500 from inside the
 * API's transaction); only the moment the rate goes back to 0 % is pinned, by holding the retry in
 * the browser until the panel has switched the fault off.
 */
describe('demo mode: the network chaos panel', () => {
  let chaos: ChaosStack;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let alice: ProbeUser;
  let cspViolations: { events: CspViolation[]; consoleErrors: string[] };

  // The proxies as the test sees them, straight over HTTP.
  const settingsOf = async (adminUrl: string, body?: object): Promise<ProxySettings> => {
    const response = await fetch(adminUrl, body ? { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) } : {});
    if (!response.ok) throw new Error(`${adminUrl}: HTTP ${response.status} ${await response.text()}`);
    return (await response.json()) as ProxySettings;
  };
  const proxySettings = (body?: object) => settingsOf(chaos.adminUrl, body);
  const providerSettings = (body?: object) => settingsOf(chaos.providerAdminUrl, body);
  const panel = () => page.getByTestId('chaos-panel');
  // The panel's group of rates for each hop.
  const browserHop = () => panel().getByRole('region', { name: 'Browser → API', exact: true });
  const providerHop = () => panel().getByRole('region', { name: 'API → payment provider', exact: true });
  const slider = (label: string) => page.getByRole('slider', { name: label, exact: true });
  // The panel reads each proxy every 2 s: before a picture, wait until it shows the charges made.
  const providerCountsShown = (requests: number) =>
    providerHop()
      .getByText(`reset: ${requests} ${requests === 1 ? 'request' : 'requests'} through it`)
      .waitFor();

  beforeAll(async () => {
    [chaos, browser] = await Promise.all([startChaosStack({ databaseUrl: databaseUrl() }), launchChromium()]);
    alice = await login('alice@example.com');
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await chaos?.stop();
  });
  beforeEach(async () => {
    await proxySettings({ rates: NO_FAULTS, latencyMs: 11_000, resetCounts: true });
    await providerSettings({ rates: NO_FAULTS, latencyMs: 4_500, resetCounts: true });
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    cspViolations = await watchCspViolations(page);
  });
  afterEach(async () => {
    await context?.close();
    // The panel calls both proxies' admin endpoints from the page: the CSP's connect-src must allow them.
    expect(cspViolations.events).toEqual([]);
    expect(cspViolations.consoleErrors).toEqual([]);
  });

  /** Sets one rate in the panel's group of a hop and applies it, as a person would. */
  async function setRate(label: string, percent: number, hop: Locator = browserHop()): Promise<void> {
    await hop.getByRole('slider', { name: label, exact: true }).fill(String(percent));
    await hop.getByRole('button', { name: 'Apply' }).click();
    await hop.getByRole('status').filter({ hasText: 'Applied' }).waitFor();
  }

  it('is not there when the storefront was started without a chaos admin URL', async () => {
    await signIn(page, 'Alice');
    await openCart(page);

    expect(await page.getByText('Demo: network chaos').count()).toBe(0);
    expect(await page.getByRole('slider').count()).toBe(0);
    expect(await page.getByRole('contentinfo').textContent()).not.toContain('fault-injecting');
  });

  it('shows the proxy’s rates, sets them with PUT from sliders and the keyboard, and refuses more than 100 %', async () => {
    await signIn(page, 'Alice', chaos.storefrontUrl);
    await openCart(page, chaos.storefrontUrl);
    await panel().getByText('Faults off', { exact: true }).waitFor();
    for (const label of FAULT_LABELS) expect(await slider(label).inputValue()).toBe('0');

    await slider('Request lost').fill('20');
    await slider('Server failure').fill('30');
    await slider('Response lost').focus();
    for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowRight');
    await page.getByLabel('Hold for (seconds)').fill('3');
    await panel().getByText('Not applied yet').waitFor();
    await browserHop().getByRole('button', { name: 'Apply' }).click();

    await browserHop().getByRole('status').filter({ hasText: 'Applied: request lost 20 %, server failure 30 %, response lost 10 %' }).waitFor();
    expect(await proxySettings()).toMatchObject({ rates: { 'request-lost': 0.2, 'server-failure': 0.3, 'response-lost': 0.1, latency: 0 }, latencyMs: 3_000 });
    await panel().getByText('Faults on: 60 % of order attempts').waitFor();

    await slider('Slow answer').fill('50');
    await panel().getByText('The rates add up to 110 %').waitFor();
    expect(await browserHop().getByRole('button', { name: 'Apply' }).isDisabled()).toBe(true);

    await browserHop().getByRole('button', { name: 'All faults off' }).click();
    await browserHop().getByRole('status').filter({ hasText: 'All faults off' }).waitFor();
    expect((await proxySettings()).rates).toEqual({ 'request-lost': 0, 'server-failure': 0, 'response-lost': 0, latency: 0 });
    expect(await slider('Slow answer').inputValue()).toBe('0');
  });

  const SCENARIOS = [
    { fault: 'Request lost', rows: ['1.1 dropped', '1.2 created'], placedByFirstAttempt: false, verdict: 'Order placed' },
    { fault: 'Server failure', rows: ['1.1 server-error', '1.2 created'], placedByFirstAttempt: false, verdict: 'Order placed' },
    { fault: 'Response lost', rows: ['1.1 dropped', '1.2 replayed'], placedByFirstAttempt: true, verdict: 'Order placed (replayed)' },
  ];

  it.each(SCENARIOS)(
    'with $fault at 100 % for the first attempt, places exactly one order and the timeline shows $rows',
    async ({ fault, rows, placedByFirstAttempt, verdict }) => {
      await signIn(page, 'Alice', chaos.storefrontUrl);
      await addToCart(page, CAP, 1, chaos.storefrontUrl);
      await openCart(page, chaos.storefrontUrl);
      const [ordersBefore, stockBefore] = [await orderCount(alice), await stockOf(CAP)];
      await setRate(fault, 100);
      const retry = await holdSecondOrderAttempt(page, chaos.proxyUrl);

      await buyButton(page).click();
      await retry.held;
      // The first attempt has failed and its retry waits in the browser: the API has the order
      // only if the fault struck after it was placed.
      expect(await orderCount(alice)).toBe(ordersBefore + (placedByFirstAttempt ? 1 : 0));
      await setRate(fault, 0);
      retry.release();

      await checkoutResult(page).filter({ hasText: verdict }).waitFor({ timeout: 60_000 });
      await waitForTimelineSettled(page);
      expectTimeline(await timelineRows(page), rows);
      expect(await orderCount(alice)).toBe(ordersBefore + 1);
      expect(await stockOf(CAP)).toBe(stockBefore - 1);
      // Chromium resends a request dropped on a kept-alive connection by itself (up to twice), so
      // the proxy may count more faults than the timeline shows attempts.
      expect(Number(await injectedCount(page, fault))).toBeGreaterThanOrEqual(1);
      expect((await proxySettings()).counts['upstream-errors']).toBe(0);
      if (fault === 'Response lost') {
        await providerCountsShown(1);
        await saveScreenshot(page, 'chaos-panel');
      }
    },
    // A held retry plus real backoff; a loaded machine may add a timed-out attempt (expectTimeline).
    120_000,
  );

  it('sets the API → payment provider rates in a group of their own, on the second proxy only', async () => {
    await signIn(page, 'Alice', chaos.storefrontUrl);
    await openCart(page, chaos.storefrontUrl);
    await panel().getByText('API → provider: faults off', { exact: true }).waitFor();
    for (const label of PROVIDER_FAULT_LABELS) expect(await providerHop().getByRole('slider', { name: label, exact: true }).inputValue()).toBe('0');
    expect(await providerHop().getByLabel('Slow shop: orders take 2 s').count()).toBe(0);

    await providerHop().getByRole('slider', { name: 'Provider failure', exact: true }).fill('40');
    await providerHop().getByRole('slider', { name: 'Slow provider', exact: true }).fill('10');
    await providerHop().getByRole('button', { name: 'Apply' }).click();

    await providerHop().getByRole('status').filter({ hasText: 'Applied: provider failure 40 %, slow provider 10 %' }).waitFor();
    expect(await providerSettings()).toMatchObject({
      rates: { 'request-lost': 0, 'server-failure': 0.4, 'response-lost': 0, latency: 0.1 },
      latencyMs: 4_500,
      routes: ['POST /v1/payment_intents'],
    });
    expect((await proxySettings()).rates).toEqual(NO_FAULTS);
    await panel().getByText('API → provider: 50 % of charge attempts', { exact: true }).waitFor();
    await panel().getByText('Faults off', { exact: true }).waitFor();

    await providerHop().getByRole('button', { name: 'All faults off' }).click();
    await panel().getByText('API → provider: faults off', { exact: true }).waitFor();
    expect((await providerSettings()).rates).toEqual(NO_FAULTS);
  });

  it('with "Charge response lost" at 100 % on the API → provider hop, the shop charges once without hearing it and answers 503; the retry after 0 % resumes the order and gets the charge replayed: one order, one charge, both charge requests on the order page', async () => {
    await signIn(page, 'Alice', chaos.storefrontUrl);
    await addToCart(page, CAP, 1, chaos.storefrontUrl);
    await openCart(page, chaos.storefrontUrl);
    const [ordersBefore, stockBefore] = [await orderCount(alice), await stockOf(CAP)];
    await setRate('Charge response lost', 100, providerHop());
    const retry = await holdSecondOrderAttempt(page, chaos.proxyUrl);

    await buyButton(page).click();
    await retry.held;
    // Every answer of the shop's own retries was lost: the card is charged, the shop does not know it.
    const waiting = await newestOrder(alice);
    expect(await orderCount(alice)).toBe(ordersBefore + 1);
    expect(waiting.status).toBe('awaiting_payment');
    expect((await paymentIntentsOf(waiting.id)).map((intent) => intent.status)).toEqual(['succeeded']);
    await setRate('Charge response lost', 0, providerHop());
    retry.release();

    await checkoutResult(page).filter({ hasText: 'Order placed' }).waitFor({ timeout: 30_000 });
    await waitForTimelineSettled(page);
    // The shop says the retry resumed the order the first attempt created (Idempotency-Outcome), and the timeline follows it.
    expect(await timelineRows(page)).toEqual(['1.1 server-error', '1.2 resumed']);
    expect(await page.getByTestId('retry-timeline').locator('li[data-outcome="resumed"]').textContent()).toContain('Resumed');
    const order = await orderOf(alice, waiting.id);
    expect(order.status).toBe('paid');
    expect((await paymentIntentsOf(order.id)).map((intent) => intent.id)).toEqual([order.payment?.paymentIntentId]);
    expect(await stockOf(CAP)).toBe(stockBefore - 1);
    expect((await providerSettings()).counts['response-lost']).toBeGreaterThanOrEqual(1);
    expect(order.chargeAttempts?.runs.map((run) => run.result)).toEqual(['unknown', 'succeeded']);

    await page.getByTestId('order-placed').getByRole('link', { name: 'View your order' }).click();
    const attempts = page.getByTestId('charge-attempts');
    await attempts.waitFor();
    expect(await attempts.getByRole('heading', { level: 2 }).textContent()).toBe("Our server's attempts at the payment provider");
    expect(await attempts.getByTestId('charge-key').textContent()).toBe(`safe-checkout-order-${order.id}`);
    expect(await attempts.locator('li[data-result]').evaluateAll((runs) => runs.map((run) => run.getAttribute('data-result')))).toEqual([
      'unknown',
      'succeeded',
    ]);
    const tries = await attempts
      .locator('li[data-outcome]')
      .evaluateAll((rows) => rows.map((row) => `${row.getAttribute('data-attempt')} ${row.getAttribute('data-outcome')}`));
    const firstRun = order.chargeAttempts!.runs[0].attempts;
    expect(tries).toEqual([...firstRun.map((attempt) => `${attempt.attempt} dropped`), '1 replayed']);
    expect(firstRun.length).toBeGreaterThan(1);
    expect(await attempts.getByText(/^Waited /).count()).toBe(firstRun.length - 1);
    await attempts.getByText('HTTP 200 with Idempotent-Replayed').waitFor();
    await saveScreenshot(page, 'order-charge-attempts');
  });

  it('with "Slow shop" on, five clicks at a person’s pace (150 ms apart) all go out while the first is held, and make one order charged once', async () => {
    await signIn(page, 'Alice', chaos.storefrontUrl);
    await addToCart(page, CAP, 1, chaos.storefrontUrl);
    await openCart(page, chaos.storefrontUrl);
    const [ordersBefore, stockBefore] = [await orderCount(alice), await stockOf(CAP)];
    await panel().getByLabel('Slow shop: orders take 2 s').click();
    await panel().getByText('Slow shop: orders held 2 s, no faults').waitFor();
    expect(await proxySettings()).toMatchObject({ rates: { 'request-lost': 0, 'server-failure': 0, 'response-lost': 0, latency: 1 }, latencyMs: 2_000 });
    await page.getByLabel('Disable double-click guard').check();
    const sentAt: number[] = [];
    const answeredAt: number[] = [];
    page.on('request', (request) => request.method() === 'POST' && request.url() === `${chaos.proxyUrl}/orders` && sentAt.push(Date.now()));
    page.on('response', (response) => response.request().method() === 'POST' && response.url() === `${chaos.proxyUrl}/orders` && answeredAt.push(Date.now()));

    await clickAtHumanSpeed(page, buyButton(page), 5, 150);

    await checkoutResult(page).filter({ hasText: 'Order placed' }).waitFor({ timeout: 30_000 });
    await waitForTimelineSettled(page);
    // Really concurrent: every click's request was out before the first answer came back.
    expect(sentAt).toHaveLength(5);
    expect(Math.max(...sentAt)).toBeLessThan(Math.min(...answeredAt));
    const rows = await timelineRows(page);
    expect(rows.filter((row) => row.endsWith(' created'))).toEqual(['1.1 created']);
    expect(rows.filter((row) => row.endsWith(' replayed'))).toHaveLength(4);
    expect(rows.every((row) => row.split(' ')[0].endsWith('.1'))).toBe(true);
    expect(await orderCount(alice)).toBe(ordersBefore + 1);
    expect(await stockOf(CAP)).toBe(stockBefore - 1);
    const order = await newestOrder(alice);
    expect(order).toMatchObject({ status: 'paid' });
    expect((await paymentIntentsOf(order.id)).map((intent) => intent.status)).toEqual(['succeeded']);
    expect((await proxySettings()).counts.latency).toBe(5);
    await providerCountsShown(1);
    await saveScreenshot(page, 'checkout-five-clicks');

    await panel().getByLabel('Slow shop: orders take 2 s').click();
    await panel().getByText('Faults off', { exact: true }).waitFor();
    expect(await proxySettings()).toMatchObject({ rates: { latency: 0 }, latencyMs: 11_000 });
  });
});

/**
 * Holds the second `POST /orders` of the page (the retry) in the browser until `release()`;
 * `held` resolves when it is being held, that is once the first attempt has failed.
 */
async function holdSecondOrderAttempt(page: Page, proxyUrl: string): Promise<{ held: Promise<void>; release: () => void }> {
  let onHeld!: () => void;
  let release!: () => void;
  const held = new Promise<void>((resolve) => (onHeld = resolve));
  const released = new Promise<void>((resolve) => (release = resolve));
  let posts = 0;
  await page.route(`${proxyUrl}/orders`, async (route) => {
    if (route.request().method() !== 'POST') return route.fallback();
    posts += 1;
    if (posts === 2) {
      onHeld();
      await released;
    }
    await route.continue();
  });
  return { held, release };
}

function injectedCount(page: Page, fault: string): Promise<string | null> {
  const group: Locator = page.getByRole('group', { name: fault, exact: true });
  return group.getByTestId('injected-count').textContent();
}

/**
 * The timeline of a scenario: the injected fault on try 1, then the attempt that placed or replayed
 * the order. On a loaded machine an attempt after the fault can outlast the client's 10 s attempt
 * timeout (checkout-retry-policy.ts); the client then retries with the same key and the shop replays
 * what that attempt did. The claim stays: the fault first, timeouts only in between, one answer last.
 */
function expectTimeline(actual: string[], expected: string[]): void {
  const between = actual.slice(1, -1);
  if (between.length === 0) {
    expect(actual).toEqual(expected);
    return;
  }
  expect(actual[0]).toBe(expected[0]);
  expect(between.every((row) => row.endsWith(' timed-out'))).toBe(true);
  expect(actual.at(-1)).toMatch(/ replayed$/);
}
