'use client';

import { usePathname, useRouter } from 'next/navigation';
import { useEffect } from 'react';
import { endExpiredSession } from '@/lib/auth/session-expiry';
import { resolvePendingCheckout } from '@/lib/checkout/resolve-pending-checkout';
import { useApi } from '../providers/api-provider';
import { useSession } from '../providers/use-session';

/**
 * On every page of the shop, once per load of the page: resolves the customer's checkout that a
 * closed tab (or this tab before a reload) left without a known outcome, so that no page offers
 * Buy for a cart whose order may already exist. Renders nothing; the cart shows the check.
 */
export function PendingCheckoutCheck() {
  const api = useApi();
  const session = useSession();
  const router = useRouter();
  const path = usePathname();
  useEffect(() => {
    if (session) void resolvePendingCheckout({ api, session, onUnauthorized: () => router.push(endExpiredSession(path)) });
    // resolvePendingCheckout acts once per customer per page load, whatever re-runs this.
  }, [api, session, router, path]);
  return null;
}
