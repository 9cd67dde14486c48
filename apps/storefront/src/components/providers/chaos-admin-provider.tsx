'use client';

import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { ChaosAdmin } from '@/lib/chaos';

const ChaosAdminContext = createContext<ChaosAdmin | null>(null);

/**
 * Hands the chaos proxy's admin URL, read on the server at request time, to client components.
 * `null` (the ordinary shop) provides no admin, and nothing about chaos renders.
 */
export function ChaosAdminProvider({ adminUrl, children }: { adminUrl: string | null; children: ReactNode }) {
  const admin = useMemo(() => (adminUrl ? new ChaosAdmin(adminUrl) : null), [adminUrl]);
  return <ChaosAdminContext.Provider value={admin}>{children}</ChaosAdminContext.Provider>;
}

/** The chaos proxy's admin endpoint in demo mode (`npm start -- --chaos`); otherwise `null`. */
export function useChaosAdmin(): ChaosAdmin | null {
  return useContext(ChaosAdminContext);
}
