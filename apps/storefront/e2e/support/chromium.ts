import { execFileSync } from 'node:child_process';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

// Debian's Chromium, driven by playwright-core: no browser download. Flags keep it headless,
// sandbox-free for containers, and off the network except for what the tests ask for.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function chromiumPath(): string {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  try {
    return execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error('Chromium not found: install it with `apt-get install -y chromium`, or set CHROMIUM_PATH');
  }
}

/** A fresh Chromium (Playwright gives it a new temporary user-data dir, removed on close). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, timeout: 30_000 });
}

/** What `useChromiumPage` gives each test: its own context (cookies, storage) and page. */
export interface ChromiumPageSession {
  readonly browser: Browser;
  readonly context: BrowserContext;
  readonly page: Page;
}

const DESKTOP_VIEWPORT = { width: 1280, height: 900 };

/**
 * Registers Jest hooks: one Chromium for the describe block, and a fresh context and page for
 * each test, so no test sees another's session or sessionStorage. Read the fields inside tests
 * or later hooks; they are set before each test runs.
 */
export function useChromiumPage(viewport: { width: number; height: number } = DESKTOP_VIEWPORT): ChromiumPageSession {
  const session = {} as { browser: Browser; context: BrowserContext; page: Page };
  beforeAll(async () => {
    session.browser = await launchChromium();
  });
  afterAll(async () => {
    await session.browser?.close();
  });
  beforeEach(async () => {
    session.context = await session.browser.newContext({ viewport });
    session.page = await session.context.newPage();
  });
  afterEach(async () => {
    await session.context?.close();
  });
  return session;
}
