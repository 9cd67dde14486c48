'use client';

import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import { cartStore } from '@/lib/cart-store';
import { fixedStore } from '@/lib/browser-store';
import { useBrowserStore } from '@/lib/use-browser-store';
import type { CartItem } from '@/lib/api';
import { signOut, useSession } from '../providers/use-session';
import styles from './site-header.module.css';

const LINKS = [
  { href: '/', label: 'Shop' },
  { href: '/cart', label: 'Cart' },
  { href: '/orders', label: 'Orders' },
  { href: '/profile', label: 'Profile' },
  { href: '/how-it-works', label: 'How this works' },
] as const;

const NO_CART = fixedStore<CartItem[]>([]);

export function SiteHeader() {
  const pathname = usePathname();
  const router = useRouter();
  const session = useSession();
  const cart = useBrowserStore(session ? cartStore(session.user.id) : NO_CART, []);
  const units = cart.reduce((sum, item) => sum + item.quantity, 0);

  const isCurrent = (href: string) => (href === '/' ? pathname === '/' : pathname.startsWith(href));
  return (
    <header className={styles.header}>
      <div className={`container ${styles.bar}`}>
        <Link href="/" className={styles.brand}>
          <span className={styles.logo} aria-hidden="true">
            ✓
          </span>
          Safe Checkout
        </Link>
        <nav aria-label="Main" className={styles.nav}>
          {LINKS.map(({ href, label }) => (
            <Link key={href} href={href} className={styles.link} aria-current={isCurrent(href) ? 'page' : undefined}>
              {label}
              {href === '/cart' && units > 0 && (
                <>
                  <span className={styles.count} aria-hidden="true">
                    {units}
                  </span>
                  <span className="visually-hidden">
                    , {units} {units === 1 ? 'item' : 'items'}
                  </span>
                </>
              )}
            </Link>
          ))}
        </nav>
        <div className={styles.account}>
          {session ? (
            <>
              <span className={styles.who} title={session.user.email}>
                {session.user.name}
              </span>
              <button
                type="button"
                className="button button--ghost"
                onClick={() => {
                  signOut();
                  router.push('/');
                }}
              >
                Sign out
              </button>
            </>
          ) : (
            session === null && (
              <Link className="button button--secondary" href="/sign-in">
                Sign in
              </Link>
            )
          )}
        </div>
      </div>
    </header>
  );
}
