import { login, orderCount } from './support/api-probe';
import { useChromiumPage } from './support/chromium';
import { addToCart, buyButton, checkoutResult, clickAtHumanSpeed, openCart, signIn } from './support/storefront-page';

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
    await clickAtHumanSpeed(page, buyButton(page), 5, 100);
    await checkoutResult(page).filter({ hasText: 'Order placed' }).waitFor({ timeout: 30_000 });
    expect(await orderCount(alice)).toBe(ordersBefore + 1);
  });
});
