import { FAULT_KINDS, type FaultKind, type FaultRates } from './fault-rates';

/** What the proxy does to one request: a fault, or nothing. */
export type FaultDecision = FaultKind | 'none';

/**
 * The fault for one uniform draw `u` in [0, 1): the rates are laid end to end on [0, 1) in
 * {@link FAULT_KINDS} order, and whatever is left over means no fault.
 */
export function faultForDraw(rates: FaultRates, u: number): FaultDecision {
  let upper = 0;
  for (const kind of FAULT_KINDS) {
    upper += rates[kind];
    if (u < upper) return kind;
  }
  return 'none';
}

/**
 * Whether a request may get a fault. A route is `"METHOD /path"`: the method exactly, the path
 * exactly (query ignored), or every path under a prefix ending in `*` (`"PUT /users/*"`).
 */
export function isFaultableRoute(routes: readonly string[], method: string, url: string): boolean {
  const path = url.split('?', 1)[0];
  return routes.some((route) => {
    const [routeMethod, routePath = ''] = route.split(' ', 2);
    if (routeMethod.toUpperCase() !== method.toUpperCase()) return false;
    return routePath.endsWith('*') ? path.startsWith(routePath.slice(0, -1)) : path === routePath;
  });
}
