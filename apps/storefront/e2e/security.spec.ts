import type { Page } from 'playwright-core';
import { useChromiumPage } from './support/chromium';
import { watchCspViolations, type CspViolation } from './support/csp-violations';
import { apiUrl, storefrontUrl } from './support/stack';
import { addToCart, buyButton, checkoutResult, openCart, signIn } from './support/storefront-page';

const STICKER = 'Sticker: 409 in progress';
const SESSION_KEY = 'safe-checkout:session';

/** The storefront's defences in a real browser: its CSP and headers, its sign-in redirects, an expired sign-in mid-checkout. */
describe('storefront security', () => {
  const chromium = useChromiumPage();
  let page: Page;
  let violations: { events: CspViolation[]; consoleErrors: string[] };
  beforeEach(async () => {
    page = chromium.page;
    violations = await watchCspViolations(page);
  });

  describe('headers', () => {
    it('sends a strict Content-Security-Policy with a fresh nonce per page, and the other security headers', async () => {
      const first = await page.goto(`${storefrontUrl()}/`);
      const second = await page.goto(`${storefrontUrl()}/`);
      const headers = first!.headers();
      const policy = headers['content-security-policy'];

      expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'(;|$)/);
      expect(policy).toContain(`connect-src 'self' ${new URL(apiUrl()).origin};`);
      for (const directive of ["frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'", "form-action 'self'"]) expect(policy).toContain(directive);
      expect(second!.headers()['content-security-policy']).not.toBe(policy);
      expect(headers).toMatchObject({ 'x-frame-options': 'DENY', 'x-content-type-options': 'nosniff', 'referrer-policy': 'strict-origin-when-cross-origin' });
    });
  });

  describe('under the Content-Security-Policy', () => {
    it('a checkout and the how-it-works page work, with no violation', async () => {
      await signIn(page, 'Bob');
      await addToCart(page, STICKER, 1);
      await openCart(page);
      await buyButton(page).click();
      await checkoutResult(page).filter({ hasText: 'Order placed' }).waitFor({ timeout: 30_000 });
      await page.goto(`${storefrontUrl()}/how-it-works#exercises`);
      await page.locator('#exercise-methods').getByRole('button', { name: 'Save my profile, unchanged, twice' }).click();
      await page.locator('#exercise-methods').getByTestId('try-it').locator('li').first().waitFor();

      expect(violations.events).toEqual([]);
      expect(violations.consoleErrors).toEqual([]);
    });

    // As an HTML injection would put them there: in the page's markup (a parser-inserted script,
    // which no nonce covers) and as an event-handler attribute added to the DOM. A script created
    // by a script that already runs is not the threat: 'strict-dynamic' trusts it on purpose.
    it('an inline script injected into the page and an injected onerror handler do not run, and the browser reports both', async () => {
      await page.route(`${storefrontUrl()}/`, async (route) => {
        const response = await route.fetch();
        const html = (await response.text()).replace('</body>', '<script>window.injectedScriptRan = true</script></body>');
        await route.fulfill({ response, body: html });
      });
      await page.goto(`${storefrontUrl()}/`);
      await page.getByRole('heading', { level: 1 }).first().waitFor();

      const ran = await page.evaluate(async () => {
        const flags = window as unknown as { injectedScriptRan?: boolean; injectedHandlerRan?: boolean };
        const reported = new Promise((resolve) => document.addEventListener('securitypolicyviolation', resolve, { once: true }));
        document.body.insertAdjacentHTML('beforeend', '<img src="data:," onerror="window.injectedHandlerRan = true">');
        await reported;
        return { script: flags.injectedScriptRan === true, handler: flags.injectedHandlerRan === true };
      });

      expect(ran).toEqual({ script: false, handler: false });
      expect(violations.events.map((v) => v.directive)).toEqual(expect.arrayContaining(['script-src-elem', 'script-src-attr']));
      // The page's own scripts carry the nonce and still run: the header's Sign in link appears
      // only once React, in the browser, has found no session.
      await page.getByRole('banner').getByRole('link', { name: 'Sign in' }).waitFor();
    });
  });

  describe('sign-in redirects', () => {
    it.each(['/%5Cevil.example', '/%09/evil.example', '//evil.example', 'https://evil.example'])(
      'with next=%s, lands on a page of the storefront after signing in',
      async (next) => {
        await page.goto(`${storefrontUrl()}/sign-in?next=${next}`);
        await page.getByRole('button', { name: 'Use Alice' }).click();
        await page.getByRole('button', { name: 'Sign in', exact: true }).click();
        await page.getByRole('button', { name: 'Sign out' }).waitFor();
        await page.waitForURL((url) => url.pathname !== '/sign-in');

        expect(new URL(page.url()).origin).toBe(storefrontUrl());
        expect(new URL(page.url()).pathname).toBe('/');
      },
    );

    it('with next=/orders, goes there after signing in', async () => {
      await page.goto(`${storefrontUrl()}/sign-in?next=%2Forders`);
      await page.getByRole('button', { name: 'Use Alice' }).click();
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page.waitForURL(`${storefrontUrl()}/orders`);
    });
  });

  it('when the sign-in expires mid-checkout, sends the customer to sign in and back to the cart, and the next Buy sends the same Idempotency-Key', async () => {
    const keys: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url() === `${apiUrl()}/orders`) keys.push(request.headers()['idempotency-key']);
    });
    await signIn(page, 'Bob');
    await addToCart(page, STICKER, 1);
    await openCart(page);
    // A token the API no longer accepts, as an expired one would be: it answers 401. The page
    // is loaded again to read it (a write in the same tab fires no storage event).
    await page.evaluate((key) => {
      const session = JSON.parse(localStorage.getItem(key) ?? 'null');
      localStorage.setItem(key, JSON.stringify({ ...session, accessToken: `${session.accessToken}x` }));
    }, SESSION_KEY);
    await openCart(page);

    await buyButton(page).click();

    await page.waitForURL(`${storefrontUrl()}/sign-in?next=%2Fcart&reason=expired`);
    await page.getByTestId('sign-in-expired').waitFor();
    await page.getByRole('button', { name: 'Use Bob' }).click();
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL(`${storefrontUrl()}/cart`);
    await buyButton(page).click();
    await checkoutResult(page).filter({ hasText: 'Order placed' }).waitFor({ timeout: 30_000 });

    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
  });
});
