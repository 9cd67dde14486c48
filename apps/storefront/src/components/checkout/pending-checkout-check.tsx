'use client';

import { usePathname, useRouter } from 'next/navigation';
import { useEffect } from 'react';
import { endExpiredSession } from '@/lib/auth/session-expiry';
import { resolvePendingCheckout } from '@/lib/checkout/resolve-pending-checkout';
import { useApi } from '../providers/api-provider';
import { useSession } from '../providers/use-session';

/** On every page of the shop: settles a checkout a closed tab (or this one before a reload) left open. Renders nothing; the cart shows the check. */
export function PendingCheckoutCheck() {
  const api = useApi();
  const session = useSession();
  const router = useRouter();
  const path = usePathname();
  useEffect(() => {
    if (session) void resolvePendingCheckout({ api, session, onUnauthorized: () => router.push(endExpiredSession(path)) });
    // It acts once per customer per page load, whatever re-runs this.
  }, [api, session, router, path]);
  return null;
}
