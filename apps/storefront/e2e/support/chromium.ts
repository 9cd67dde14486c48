import { execFileSync } from 'node:child_process';
import { chromium, type Browser } from 'playwright-core';

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
