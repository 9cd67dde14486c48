import type { Page } from 'playwright-core';

/** One `securitypolicyviolation` event, as the page reported it. */
export interface CspViolation {
  directive: string;
  blockedUri: string;
  sample: string;
  url: string;
}

/**
 * Collects every Content-Security-Policy violation of `page`, on every page it visits, from the
 * browser's own `securitypolicyviolation` events and from its console ("Refused to …"). The
 * listener is installed through the DevTools protocol, which the page's CSP does not govern.
 */
export async function watchCspViolations(page: Page): Promise<{ events: CspViolation[]; consoleErrors: string[] }> {
  const events: CspViolation[] = [];
  const consoleErrors: string[] = [];
  await page.exposeFunction('__reportCspViolation', (violation: CspViolation) => void events.push(violation));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { __reportCspViolation: (v: unknown) => void }).__reportCspViolation;
      report({ directive: event.effectiveDirective, blockedUri: event.blockedURI, sample: event.sample, url: event.documentURI });
    });
  });
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) consoleErrors.push(message.text());
  });
  return { events, consoleErrors };
}
