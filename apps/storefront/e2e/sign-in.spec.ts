import type { Page } from 'playwright-core';
import { useChromiumPage } from './support/chromium';
import { signIn } from './support/storefront-page';
import { storefrontUrl } from './support/stack';

describe('signing in and out', () => {
  const chromium = useChromiumPage();
  let page: Page;
  beforeEach(() => {
    page = chromium.page;
  });

  it('signs in with a demo account shown on the page, and out again', async () => {
    await signIn(page, 'Bob');
    expect(await page.getByRole('banner').textContent()).toContain('Bob Example');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('banner').getByRole('link', { name: 'Sign in' }).waitFor();
    await page.goto(`${storefrontUrl()}/orders`);
    await page.getByText('Sign in to see your orders').waitFor();
  });

  it('shows wrong credentials as a readable message, not the raw response', async () => {
    await page.goto(`${storefrontUrl()}/sign-in`);
    await page.getByLabel('Email').fill('alice@example.com');
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();

    const alert = page.getByRole('alert').filter({ hasText: 'Wrong email or password' });
    await alert.waitFor();
    expect(await alert.textContent()).not.toMatch(/[{}]|problems\//);
    expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(0);
  });

  it('is usable from the keyboard alone', async () => {
    await page.goto(`${storefrontUrl()}/sign-in`);
    await page.getByRole('button', { name: 'Use Alice' }).focus();
    await page.keyboard.press('Enter'); // fills the form and moves focus to the Sign in button
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
  });
});
