import type { Page } from 'playwright-core';
import { login, profileOf, restoreProfile, type ProbeProfile, type ProbeUser } from './support/api-probe';
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

  describe('the country', () => {
    let alice: ProbeUser;
    let original: ProbeProfile;
    beforeEach(async () => {
      alice = await login('alice@example.com');
      original = (await profileOf(alice)).profile;
      await signIn(page, 'Alice');
      await openProfile(page);
    });
    afterEach(() => restoreProfile(alice, original));

    it('typing Germany in the country list chooses Germany, saves DE and shows Germany, also after a reload', async () => {
      const country = page.getByLabel('Country', { exact: true });
      await country.focus();
      await page.keyboard.type('Germany');
      expect(await country.inputValue()).toBe('DE');

      expect(await save(page, 1)).toBe('changed');
      expect((await profileOf(alice)).profile.shippingAddress.country).toBe('DE');
      await openProfile(page);
      expect(await country.evaluate((select: HTMLSelectElement) => select.selectedOptions[0]?.textContent)).toBe('Germany');
    });
  });

  describe('two tabs saving one after the other (412, then a field-level merge)', () => {
    let bob: ProbeUser;
    let original: ProbeProfile;
    let tabA: Page;
    beforeEach(async () => {
      bob = await login('bob@example.com');
      original = (await profileOf(bob)).profile;
      await signIn(page, 'Bob');
      tabA = await chromium.context.newPage();
      await openProfile(tabA);
      await openProfile(page); // tab B: loads the same version as tab A
    });
    // Other specs expect Bob as seeded ("Bob Example" in the header).
    afterEach(() => restoreProfile(bob, original));

    it("saves only what tab B edited on top of tab A's version: A's City and B's Name both survive", async () => {
      await tabA.getByLabel('City').fill('Jitterton');
      expect(await save(tabA, 1)).toBe('changed');

      await page.getByLabel('Name').fill('Bob Merged');
      expect(await save(page, 1)).toBe('conflict');
      const conflict = page.getByTestId('profile-conflict');
      await conflict.waitFor();
      const text = (await conflict.textContent()) ?? '';
      expect(text).toContain('changed in another tab');
      expect(text).toContain('412');
      expect(text).not.toMatch(/[{}]|problems\//);
      expect(await mergeStates(page)).toEqual({ name: 'mine', city: 'theirs' });
      expect((await profileOf(bob)).profile).toMatchObject({ name: original.name, shippingAddress: { city: 'Jitterton' } });

      await conflict.getByRole('button', { name: 'Save their version with my edits' }).click();
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="save-log"] li').length === 2);

      const saved = await profileOf(bob);
      expect(saved.profile).toMatchObject({
        name: 'Bob Merged',
        email: original.email,
        shippingAddress: { city: 'Jitterton', line1: original.shippingAddress.line1 },
      });
      expect(await page.getByTestId('save-log').locator('li').first().getAttribute('data-outcome')).toBe('changed');
      expect(await page.getByTestId('profile-etag').textContent()).toBe(saved.etag);
      expect(await page.getByLabel('City').inputValue()).toBe('Jitterton');
      expect(await conflict.count()).toBe(0);
    });

    it('when both tabs changed City, saves nothing until tab B picks a side, then keeps that side and the rest of A', async () => {
      await tabA.getByLabel('City').fill('Jitterton');
      await tabA.getByLabel('Address line 2 (optional)').fill('Flat A');
      expect(await save(tabA, 1)).toBe('changed');

      await page.getByLabel('City').fill('Backoff Bay');
      expect(await save(page, 1)).toBe('conflict');
      const conflict = page.getByTestId('profile-conflict');
      await conflict.waitFor();
      expect(await mergeStates(page)).toEqual({ line2: 'theirs', city: 'conflict' });
      const saveMerged = conflict.getByRole('button', { name: 'Save their version with my edits' });
      expect(await saveMerged.isDisabled()).toBe(true);
      expect(await conflict.textContent()).toContain('You both changed City');
      await saveScreenshot(page, 'profile-conflict');

      await conflict.locator('tr[data-field="city"]').getByRole('radio', { name: 'Mine' }).check();
      await saveMerged.click();
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="save-log"] li').length === 2);

      expect((await profileOf(bob)).profile.shippingAddress).toMatchObject({ city: 'Backoff Bay', line2: 'Flat A' });
    });

    it('when tab B changed nothing, offers their version and nothing to overwrite', async () => {
      await tabA.getByLabel('City').fill('Jitterton');
      expect(await save(tabA, 1)).toBe('changed');

      expect(await save(page, 1)).toBe('conflict');
      const conflict = page.getByTestId('profile-conflict');
      await conflict.waitFor();
      expect(await conflict.getByRole('button', { name: 'Save their version with my edits' }).count()).toBe(0);
      await conflict.getByRole('button', { name: 'Use their version' }).click();

      expect(await page.getByLabel('City').inputValue()).toBe('Jitterton');
      expect(await page.getByTestId('profile-etag').textContent()).toBe((await profileOf(bob)).etag);
    });
  });
});

/** The conflict panel's rows, as field → merge state (`mine`, `theirs`, `same`, `conflict`). */
async function mergeStates(page: Page): Promise<Record<string, string>> {
  const rows = page.getByTestId('profile-conflict').locator('tr[data-field]');
  return Object.fromEntries(await rows.evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-field'), tr.getAttribute('data-merge')])));
}
