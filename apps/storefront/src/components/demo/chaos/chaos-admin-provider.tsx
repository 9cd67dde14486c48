'use client';

import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { ChaosAdmin } from '@/lib/chaos';

/** The chaos proxies of the demo, one per network hop of a checkout; `null` where that hop has none. */
export interface ChaosAdmins {
  /** Between the browser and the shop's API (`POST /orders`). */
  browserApi: ChaosAdmin | null;
  /** Between the shop's API and the payment provider (`POST /v1/payment_intents`). */
  apiProvider: ChaosAdmin | null;
}

const ChaosAdminContext = createContext<ChaosAdmins | null>(null);

/**
 * Hands the chaos proxies' admin URLs, read on the server at request time, to client components.
 * With neither (the ordinary shop) it provides nothing, and nothing about chaos renders.
 */
export function ChaosAdminProvider({
  adminUrl,
  providerAdminUrl = null,
  children,
}: {
  adminUrl: string | null;
  providerAdminUrl?: string | null;
  children: ReactNode;
}) {
  const admins = useMemo<ChaosAdmins | null>(
    () =>
      adminUrl || providerAdminUrl
        ? { browserApi: adminUrl ? new ChaosAdmin(adminUrl) : null, apiProvider: providerAdminUrl ? new ChaosAdmin(providerAdminUrl) : null }
        : null,
    [adminUrl, providerAdminUrl],
  );
  return <ChaosAdminContext.Provider value={admins}>{children}</ChaosAdminContext.Provider>;
}

/** The chaos proxies in demo mode (`npm start -- --chaos`); otherwise `null`. */
export function useChaosAdmins(): ChaosAdmins | null {
  return useContext(ChaosAdminContext);
}
