'use client';

import { createContext, useContext, useMemo, type ReactNode } from 'react';

/** The admin URLs of the demo's chaos proxies: between the browser and the API, and between the API and the payment provider; `null` where a hop has none. */
interface ChaosAdmins {
  browserApi: string | null;
  apiProvider: string | null;
}

const ChaosAdminContext = createContext<ChaosAdmins | null>(null);

/** Hands the admin URLs, read on the server per request, to client components. With neither (the ordinary shop), nothing about chaos renders. */
export function ChaosAdminProvider({
  adminUrl,
  providerAdminUrl = null,
  children,
}: {
  adminUrl: string | null;
  providerAdminUrl?: string | null;
  children: ReactNode;
}) {
  const admins = useMemo(() => (adminUrl || providerAdminUrl ? { browserApi: adminUrl, apiProvider: providerAdminUrl } : null), [adminUrl, providerAdminUrl]);
  return <ChaosAdminContext.Provider value={admins}>{children}</ChaosAdminContext.Provider>;
}

/** The chaos proxies in demo mode (`npm start -- --chaos`); otherwise `null`. */
export function useChaosAdmins(): ChaosAdmins | null {
  return useContext(ChaosAdminContext);
}
