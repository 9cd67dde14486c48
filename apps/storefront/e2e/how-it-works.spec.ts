import type { Page } from 'playwright-core';
import { login, orderCount, profileOf } from './support/api-probe';
import { useChromiumPage } from './support/chromium';
import { storefrontUrl } from './support/stack';
import { addToCart, buyButton, checkoutResult, openCart, signIn } from './support/storefront-page';

const STICKER = 'Sticker: 409 in progress';

/** The three exercises of the How-this-works page, answered by the running shop. */
describe('How this works: the exercises', () => {
  const chromium = useChromiumPage();
  let page: Page;
  beforeEach(() => {
    page = chromium.page;
  });

  const exercise = (id: string) => page.locator(`#${id}`);
  const answersOf = (id: string, button: string) =>
    exercise(id)
      .getByTestId('try-it')
      .filter({ has: page.getByRole('button', { name: button }) })
      .locator('li');

  async function tryIt(id: string, button: string): Promise<string[]> {
    await exercise(id).getByRole('button', { name: button }).click();
    await answersOf(id, button).first().waitFor();
    return answersOf(id, button).allTextContents();
  }

  it("sends this tab's placed order again with its key (201 replayed), with another body (422), and without a key (400): still one order", async () => {
    const bob = await login('bob@example.com');
    await signIn(page, 'Bob');
    await addToCart(page, STICKER, 1);
    await openCart(page);
    await buyButton(page).click();
    await checkoutResult(page).filter({ hasText: 'Order placed' }).waitFor({ timeout: 30_000 });
    const orders = await orderCount(bob);

    await page.goto(`${storefrontUrl()}/how-it-works#exercises`);

    const [replayed] = await tryIt('exercise-repeated-key', "Send my last order's key and body again");
    expect(replayed).toContain('HTTP 201, Idempotent-Replayed: true');
    expect(replayed).toContain('Nothing new was ordered');
    const [reused] = await tryIt('exercise-repeated-key', 'Send its key with another body');
    expect(reused).toContain('HTTP 422 idempotency-key-reused');
    const [keyless] = await tryIt('exercise-methods', "Send my last checkout's order without a key");
    expect(keyless).toContain('HTTP 400 idempotency-key-missing: nothing was ordered');
    expect(await orderCount(bob)).toBe(orders);
  });

  it('saves the profile unchanged twice: 200 and the same ETag each time', async () => {
    const alice = await login('alice@example.com');
    const before = await profileOf(alice);
    await signIn(page, 'Alice');
    await page.goto(`${storefrontUrl()}/how-it-works#exercise-methods`);

    const all = await tryIt('exercise-methods', 'Save my profile, unchanged, twice');

    expect(all).toHaveLength(3);
    expect(all[0]).toContain(`HTTP 200, ETag ${before.etag}`);
    expect(all[1]).toContain(`HTTP 200, ETag ${before.etag} (unchanged: nothing was different)`);
    expect(all[2]).toContain(`HTTP 200, ETag ${before.etag} (unchanged: nothing was different)`);
    expect((await profileOf(alice)).etag).toBe(before.etag);
  });

  it("shows binary exponential backoff's caps next to the checkout's own, read from its policy", async () => {
    await page.goto(`${storefrontUrl()}/how-it-works#exercise-backoff`);

    const rows = await page.getByTestId('backoff-table').locator('tbody tr').allTextContents();

    expect(rows).toEqual([
      '11 unita random wait between 0 and 1.00 s',
      '22 unitsa random wait between 0 and 2.00 s',
      '34 unitsa random wait between 0 and 4.00 s',
      '48 unitsnone: it makes 3 retries, then gives up',
    ]);
  });
});
