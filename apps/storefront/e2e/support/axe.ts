import { source as AXE_SOURCE } from 'axe-core';
import type { AxeResults } from 'axe-core';
import type { Page } from 'playwright-core';

/** One axe-core violation, cut to what a reader needs to find and fix it. */
export interface AccessibilityViolation {
  /** The colour scheme the page was shown in (the storefront has a light and a dark palette). */
  scheme: ColorScheme;
  rule: string;
  impact: string;
  help: string;
  /** CSS selectors of the offending nodes, with axe's summary of what is wrong with each. */
  nodes: string[];
}

type ColorScheme = 'light' | 'dark';

/**
 * Runs axe-core (its default rules: WCAG 2.x A and AA, and best practices) on the page as it is
 * now, in its own Chromium, once in the light and once in the dark colour scheme. The script is
 * evaluated through the DevTools protocol, which the page's Content-Security-Policy does not
 * govern, so the page runs under the policy it ships with.
 */
export async function accessibilityViolations(page: Page): Promise<AccessibilityViolation[]> {
  await page.evaluate(AXE_SOURCE);
  const violations: AccessibilityViolation[] = [];
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    // Buttons fade their background (a CSS transition): judge the colours once it has settled.
    await page.waitForFunction(() => document.getAnimations().length === 0);
    violations.push(...(await violationsIn(page, scheme)));
  }
  await page.emulateMedia({ colorScheme: null });
  return violations;
}

async function violationsIn(page: Page, scheme: ColorScheme): Promise<AccessibilityViolation[]> {
  const results = await page.evaluate(() => (window as unknown as { axe: { run(): Promise<AxeResults> } }).axe.run());
  return results.violations.map((v) => ({
    scheme,
    rule: v.id,
    impact: v.impact ?? 'unknown',
    help: v.help,
    nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary?.replace(/\s+/g, ' ') ?? ''}`),
  }));
}
