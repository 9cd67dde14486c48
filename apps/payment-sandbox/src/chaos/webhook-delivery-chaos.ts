import type { AttemptFaults, WebhookDeliveryFaults } from '../webhooks/delivery/webhook-delivery-faults';

/** The delivery faults of the chaos entry point, read from `PAYMENT_SANDBOX_WEBHOOK_CHAOS_*`. */
export interface WebhookChaosSettings {
  /** Share of attempts not sent (retried by the schedule). `…_DROP_RATE`, 0–1, default 0. */
  dropRate: number;
  /** Share of attempts sent several times at once. `…_DUPLICATE_RATE`, 0–1, default 0. */
  duplicateRate: number;
  /** Copies of a duplicated attempt. `…_DUPLICATE_COPIES`, 2–10, default 3. */
  duplicateCopies: number;
  /** Share of attempts held before sending. `…_DELAY_RATE`, 0–1, default 0. */
  delayRate: number;
  /** How long a held attempt waits. `…_DELAY_MS`, 0–60 000, default 2 000. */
  delayMs: number;
  /** See WebhookDeliveryFaults.reorderWindowMs. `…_REORDER_WINDOW_MS`, 0–60 000, default 0 (off). */
  reorderWindowMs: number;
}

const PREFIX = 'PAYMENT_SANDBOX_WEBHOOK_CHAOS_';
const SETTINGS: ReadonlyArray<[string, keyof WebhookChaosSettings, number, number, number]> = [
  ['DROP_RATE', 'dropRate', 0, 1, 0],
  ['DUPLICATE_RATE', 'duplicateRate', 0, 1, 0],
  ['DUPLICATE_COPIES', 'duplicateCopies', 2, 10, 3],
  ['DELAY_RATE', 'delayRate', 0, 1, 0],
  ['DELAY_MS', 'delayMs', 0, 60_000, 2_000],
  ['REORDER_WINDOW_MS', 'reorderWindowMs', 0, 60_000, 0],
];

/**
 * Reads the chaos settings of webhook deliveries. Only chaos-main.ts calls it: main.ts never
 * reads these variables, so no environment can turn faults on in a normal sandbox.
 *
 * @throws Error listing every bad variable
 */
export function readWebhookChaosSettings(env: NodeJS.ProcessEnv): WebhookChaosSettings {
  const errors: string[] = [];
  const settings = {} as WebhookChaosSettings;
  for (const [suffix, field, min, max, fallback] of SETTINGS) {
    const raw = env[PREFIX + suffix];
    const value = raw === undefined || raw === '' ? fallback : Number(raw);
    if (!Number.isFinite(value) || value < min || value > max) errors.push(`${PREFIX}${suffix} must be a number from ${min} to ${max} (got "${raw}")`);
    settings[field] = value;
  }
  if (errors.length) throw new Error(`Invalid configuration:\n- ${errors.join('\n- ')}`);
  return settings;
}

/**
 * Faults drawn independently for each attempt: dropped, or else duplicated and/or delayed.
 *
 * @example
 * webhookDeliveryChaos({ ...readWebhookChaosSettings({}), duplicateRate: 1 }).forAttempt(); // { drop: false, copies: 3, delayMs: 0 }
 */
export function webhookDeliveryChaos(settings: WebhookChaosSettings, random: () => number = Math.random): WebhookDeliveryFaults {
  return {
    maxDelayMs: settings.delayRate > 0 ? settings.delayMs : 0,
    reorderWindowMs: settings.reorderWindowMs,
    forAttempt(): AttemptFaults {
      if (random() < settings.dropRate) return { drop: true, copies: 1, delayMs: 0 };
      return {
        drop: false,
        copies: random() < settings.duplicateRate ? settings.duplicateCopies : 1,
        delayMs: random() < settings.delayRate ? settings.delayMs : 0,
      };
    },
  };
}

/** A one-line summary for the start-up warning, e.g. `drop 10%, duplicate ×3 20%`. */
export function describeWebhookChaos(settings: WebhookChaosSettings): string {
  const parts = [
    settings.dropRate > 0 && `drop ${settings.dropRate * 100}%`,
    settings.duplicateRate > 0 && `duplicate ×${settings.duplicateCopies} ${settings.duplicateRate * 100}%`,
    settings.delayRate > 0 && `delay ${settings.delayMs} ms ${settings.delayRate * 100}%`,
    settings.reorderWindowMs > 0 && `reorder within ${settings.reorderWindowMs} ms`,
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : 'none';
}
