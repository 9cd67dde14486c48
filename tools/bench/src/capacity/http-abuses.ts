// The three abuses that are plain HTTP floods: wrong passwords, fat invalid bodies, and loops
// reading a long order list.
import type { Abuse } from './abuse';
import type { CapacityFixtures } from './capacity-fixtures';
import type { CapacitySettings } from './capacity-settings';
import { runFlood } from './http-flood';

const JSON_HEADERS = { 'content-type': 'application/json' };

/** Wrong passwords, alternately for a real account and for addresses that have none. */
export function loginFlood(urls: string[], fixtures: CapacityFixtures, settings: CapacitySettings): Abuse {
  let attempt = 0;
  const body = () => {
    attempt++;
    const email = attempt % 2 ? fixtures.floodTargetEmail : `nobody-${attempt}@example.com`;
    return JSON.stringify({ email, password: `wrong-password-${attempt}` });
  };
  return {
    name: 'login',
    description: `${settings.loginConnections} connections of wrong passwords (half for a real account), POST /auth/login`,
    run: (seconds) =>
      runFlood({
        urls,
        method: 'POST',
        path: '/auth/login',
        headers: JSON_HEADERS,
        body,
        connections: settings.loginConnections,
        seconds,
        ratePerSecond: settings.abuseRatePerSecond,
      }),
  };
}

/** An unauthenticated login body with thousands of members nobody asked for. */
export function fatBodyFlood(urls: string[], settings: CapacitySettings): Abuse {
  const body = fatLoginBody(settings.fatBodyMembers);
  return {
    name: 'fat_body',
    description: `${settings.fatBodyConnections} clients, POST /auth/login with ${settings.fatBodyMembers} extra members (${(body.length / 1000).toFixed(0)} kB)`,
    run: (seconds) =>
      runFlood({
        urls,
        method: 'POST',
        path: '/auth/login',
        headers: JSON_HEADERS,
        body,
        connections: settings.fatBodyConnections,
        seconds,
        ratePerSecond: settings.abuseRatePerSecond,
      }),
  };
}

/**
 * `{ email, password, m0: 1, m1: 1, … }`: valid JSON, invalid for the login DTO on every extra member.
 * @example fatLoginBody(9000).length // ≈ 89 000 bytes
 */
export function fatLoginBody(extraMembers: number): string {
  const members = Array.from({ length: extraMembers }, (_, i) => `"m${i}":1`).join(',');
  return `{"email":"nobody@example.com","password":"x"${extraMembers ? `,${members}` : ''}}`;
}

/** A user's order list read in a loop, as a client would: plain GET /orders, whatever page it answers. */
export function listLoops(urls: string[], fixtures: CapacityFixtures, settings: CapacitySettings): Abuse {
  return {
    name: 'list',
    description: `${settings.listConnections} loops of GET /orders by a user with ${settings.listOrders} orders`,
    run: (seconds) =>
      runFlood({
        urls,
        method: 'GET',
        path: '/orders',
        headers: { authorization: `Bearer ${fixtures.listUser.accessToken}` },
        connections: settings.listConnections,
        seconds,
        ratePerSecond: settings.abuseRatePerSecond,
      }),
  };
}
