import { login, orderCount } from './support/api-probe';
import { useChromiumPage } from './support/chromium';
import type { Page } from 'playwright-core';
import { addToCart, buyButton, checkoutResult, openCart, signIn } from './support/storefront-page';

const MUG = 'Idempotent mug';

describe('the double-click demo in the ordinary shop', () => {
  const chromium = useChromiumPage();

  it('does not promise overlapping requests it cannot show: it says orders are too fast for human clicks and how to see them overlap', async () => {
    const { page } = chromium;
    const alice = await login('alice@example.com');
    const ordersBefore = await orderCount(alice);
    await signIn(page, 'Alice');
    await addToCart(page, MUG, 1);
    await openCart(page);

    const help = (await page.getByTestId('double-click-help').textContent()) ?? '';
    expect(help).toContain('an order is answered in a few hundredths of a second, before a second click can land');
    expect(help).toContain('npm start -- --chaos');
    expect(help).toContain('Slow shop');
    expect(help).not.toContain('Slow shop in the chaos panel');

    await page.getByLabel('Disable double-click guard').check();
    await clickBuyWhileThere(page, 5, 100);
    await checkoutResult(page).filter({ hasText: 'Order placed' }).waitFor({ timeout: 30_000 });
    expect(await orderCount(alice)).toBe(ordersBefore + 1);
  });
});

/**
 * Up to `times` clicks `gapMs` apart on the Buy button, for as long as it is there. On a fast
 * machine the order is answered before the second click: the panel that replaces the button links
 * to the order and back to the shop, and a click at the button's old spot would follow one of them.
 */
async function clickBuyWhileThere(page: Page, times: number, gapMs: number): Promise<void> {
  for (let i = 0; i < times; i++) {
    if (i > 0) await page.waitForTimeout(gapMs);
    if (!(await buyButton(page).isVisible())) return;
    // Gone between the check and the click: the panel changed, which ends the clicking too.
    const clicked = await buyButton(page)
      .click({ timeout: 1_000 })
      .then(() => true)
      .catch(() => false);
    if (!clicked) return;
  }
}
