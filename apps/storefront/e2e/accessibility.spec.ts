import type { Page } from 'playwright-core';
import { login, newestOrder } from './support/api-probe';
import { accessibilityViolations } from './support/axe';
import { useChromiumPage } from './support/chromium';
import { storefrontUrl } from './support/stack';
import { addToCart, buyButton, checkoutResult, openCart, signIn } from './support/storefront-page';

const MUG = 'Idempotent mug';

/** Opens `path` and waits for what shows that its data has loaded. */
async function visit(page: Page, path: string, loaded: (page: Page) => Promise<unknown>): Promise<void> {
  await page.goto(`${storefrontUrl()}${path}`);
  await loaded(page);
}

// axe-core in real Chromium on every page a customer sees, in the states the newcomer's walk
// passes through; any violation, of any impact, fails.
describe('accessibility (axe-core)', () => {
  const chromium = useChromiumPage();
  let page: Page;
  beforeEach(() => {
    page = chromium.page;
  });

  describe('signed out', () => {
    it('the shop has no violations', async () => {
      await visit(page, '/', (p) => p.getByRole('article', { name: MUG }).waitFor());
      expect(await accessibilityViolations(page)).toEqual([]);
    });

    it('the sign-in page has no violations', async () => {
      await visit(page, '/sign-in', (p) => p.getByRole('button', { name: 'Sign in', exact: true }).waitFor());
      expect(await accessibilityViolations(page)).toEqual([]);
    });

    it('How this works has no violations', async () => {
      await visit(page, '/how-it-works', (p) => p.getByTestId('backoff-table').waitFor());
      expect(await accessibilityViolations(page)).toEqual([]);
    });
  });

  describe('signed in', () => {
    beforeEach(() => signIn(page, 'Alice'));

    it('the shop has no violations', async () => {
      await visit(page, '/', (p) => p.getByRole('article', { name: MUG }).getByRole('button', { name: 'Add to cart' }).waitFor());
      expect(await accessibilityViolations(page)).toEqual([]);
    });

    it('the cart with an item has no violations', async () => {
      await addToCart(page, MUG);
      await openCart(page);
      expect(await accessibilityViolations(page)).toEqual([]);
    });

    it('the cart after buying, the order page and the order list have no violations', async () => {
      const alice = await login('alice@example.com');
      await addToCart(page, MUG);
      await openCart(page);
      await buyButton(page).click();
      await checkoutResult(page).filter({ hasText: 'Order placed' }).waitFor({ timeout: 30_000 });
      expect(await accessibilityViolations(page)).toEqual([]);

      const order = await newestOrder(alice);
      await visit(page, `/orders/${order.id}`, (p) => p.getByTestId('charge-attempts').getByRole('heading').first().waitFor());
      expect(await accessibilityViolations(page)).toEqual([]);

      await visit(page, '/orders', (p) => p.locator(`a[href="/orders/${order.id}"]`).first().waitFor());
      expect(await accessibilityViolations(page)).toEqual([]);
    }, 120_000);

    it('the profile has no violations', async () => {
      await visit(page, '/profile', (p) => p.getByRole('button', { name: 'Save profile' }).waitFor());
      expect(await accessibilityViolations(page)).toEqual([]);
    });

    it('How this works has no violations', async () => {
      await visit(page, '/how-it-works', (p) => p.getByTestId('backoff-table').waitFor());
      expect(await accessibilityViolations(page)).toEqual([]);
    });
  });
});
