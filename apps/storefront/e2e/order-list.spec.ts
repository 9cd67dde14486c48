import type { Page } from 'playwright-core';
import { login, orderCount, placeOrderDirectly, type ProbeUser } from './support/api-probe';
import { useChromiumPage } from './support/chromium';
import { storefrontUrl } from './support/stack';
import { signIn } from './support/storefront-page';

// GET /orders's default page size (ListOrdersQuery).
const PAGE_SIZE = 20;

/** The orders page reads the customer's orders a page at a time, newest first. */
describe('the orders page', () => {
  const chromium = useChromiumPage();
  let page: Page;
  let bob: ProbeUser;

  beforeAll(async () => {
    bob = await login('bob@example.com');
    while ((await orderCount(bob)) <= PAGE_SIZE) await placeOrderDirectly(bob, 'Load-test widget');
  });
  beforeEach(async () => {
    page = chromium.page;
    await signIn(page, 'Bob');
  });

  const orderLinks = () =>
    page
      .getByTestId('order-row')
      .getByRole('link')
      .evaluateAll((links) => links.map((a) => a.getAttribute('href')));

  it('shows the first page, and "Load more" appends the next one: every order once, as many as the API has', async () => {
    const total = await orderCount(bob);
    await page.goto(`${storefrontUrl()}/orders`);
    await page.getByRole('button', { name: 'Load more' }).waitFor();
    expect(await orderLinks()).toHaveLength(PAGE_SIZE);

    await page.getByRole('button', { name: 'Load more' }).click();

    await page.getByTestId('order-row').nth(PAGE_SIZE).waitFor();
    const shown = await orderLinks();
    expect(shown).toHaveLength(Math.min(total, 2 * PAGE_SIZE));
    expect(new Set(shown).size).toBe(shown.length);
    expect(await page.getByRole('button', { name: 'Load more' }).count()).toBe(total > 2 * PAGE_SIZE ? 1 : 0);
  });
});
