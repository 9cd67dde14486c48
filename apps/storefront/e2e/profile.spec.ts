import type { Page } from 'playwright-core';
import { login, profileOf } from './support/api-probe';
import { useChromiumPage } from './support/chromium';
import { saveScreenshot, signIn } from './support/storefront-page';
import { storefrontUrl } from './support/stack';

async function openProfile(page: Page): Promise<void> {
  await page.goto(`${storefrontUrl()}/profile`);
  await page.getByRole('button', { name: 'Save profile' }).waitFor();
}

async function save(page: Page, expectedEntries: number): Promise<string> {
  await page.getByRole('button', { name: 'Save profile' }).click();
  const entries = page.getByTestId('save-log').locator('li');
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="save-log"] li').length === n, expectedEntries);
  return (await entries.first().getAttribute('data-outcome')) ?? '';
}

describe('profile', () => {
  const chromium = useChromiumPage();
  let page: Page;
  beforeEach(() => {
    page = chromium.page;
  });

  it('saving the same profile twice leaves the same result', async () => {
    const alice = await login('alice@example.com');
    await signIn(page, 'Alice');
    await openProfile(page);
    await page.getByLabel('Address line 2 (optional)').fill('Flat 2');

    expect(await save(page, 1)).toBe('changed');
    const afterFirst = await profileOf(alice);
    const etagShown = await page.getByTestId('profile-etag').textContent();
    expect(await save(page, 2)).toBe('unchanged');
    const afterSecond = await profileOf(alice);

    expect(afterFirst.profile.shippingAddress.line2).toBe('Flat 2');
    expect(afterSecond).toEqual(afterFirst); // same body, same updatedAt, same ETag
    expect(await page.getByTestId('profile-etag').textContent()).toBe(etagShown);
    expect(etagShown).toBe(afterFirst.etag);
  });

  it('explains a 412 when the profile was changed in another tab, and lets the customer choose', async () => {
    const bob = await login('bob@example.com');
    await signIn(page, 'Bob');
    await openProfile(page);
    const cityBefore = await page.getByLabel('City').inputValue();

    const otherTab = await chromium.context.newPage();
    await openProfile(otherTab);
    await otherTab.getByLabel('City').fill('Jitterton');
    expect(await save(otherTab, 1)).toBe('changed');

    await page.getByLabel('Address line 2 (optional)').fill('Back door');
    expect(await save(page, 1)).toBe('conflict');
    const conflict = page.getByTestId('profile-conflict');
    await conflict.waitFor();
    const text = (await conflict.textContent()) ?? '';
    expect(text).toContain('changed in another tab');
    expect(text).toContain('412');
    expect(text).toContain('Jitterton');
    expect(text).not.toMatch(/[{}]|problems\//);
    expect((await profileOf(bob)).profile.shippingAddress).toMatchObject({ city: 'Jitterton' });
    await saveScreenshot(page, 'profile-conflict');

    await page.getByRole('button', { name: 'Save my version over theirs' }).click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="save-log"] li').length === 2);
    expect((await profileOf(bob)).profile.shippingAddress).toMatchObject({ line2: 'Back door', city: cityBefore });
  });
});
