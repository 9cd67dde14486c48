'use client';

import { useMutation } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useRef, useState, type FormEvent } from 'react';
import { safeReturnPath } from '@/lib/auth/safe-return-path';
import { useApi } from '../providers/api-provider';
import { signIn, useSession } from '../providers/use-session';
import { ProblemNotice } from '../ui/problem-notice';
import styles from './sign-in.module.css';

// The seeded demo customers, for the demo only (the README says so too).
const DEMO_ACCOUNTS = [
  { name: 'Alice', email: 'alice@example.com' },
  { name: 'Bob', email: 'bob@example.com' },
] as const;
const DEMO_PASSWORD = 'demo-password';

/** Email and password, the demo accounts one click away. Once signed in, goes to `next` if it is a path of this storefront, else to the shop. */
export function SignInForm({ next, expired = false }: { next?: string; expired?: boolean }) {
  const api = useApi();
  const router = useRouter();
  const session = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const submitRef = useRef<HTMLButtonElement>(null);
  const login = useMutation({
    mutationFn: () => api.login(email.trim(), password),
    onSuccess: (signedIn) => {
      signIn(signedIn);
      router.push(safeReturnPath(next, window.location.origin));
    },
  });
  // Once signed in, the button stays off until the next page replaces this one.
  const signingIn = login.isPending || login.isSuccess;

  function submit(event: FormEvent) {
    event.preventDefault();
    login.mutate();
  }

  function fill(demoEmail: string) {
    setEmail(demoEmail);
    setPassword(DEMO_PASSWORD);
    submitRef.current?.focus();
  }

  return (
    <div className={styles.layout}>
      <form className={`card ${styles.form}`} onSubmit={submit} aria-describedby="sign-in-help">
        <h1>Sign in</h1>
        {expired && !session && (
          <p className="callout callout--info" data-testid="sign-in-expired">
            Your sign-in has expired. Sign in again to go back: a checkout you started keeps its key, so it cannot order twice.
          </p>
        )}
        {session && (
          <p className="callout callout--info">
            You are signed in as {session.user.name}. Signing in again switches account. <Link href="/">Back to the shop</Link>
          </p>
        )}
        <div className="field">
          <label htmlFor="email">Email</label>
          <input id="email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="password">Password</label>
          <input id="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </div>
        {login.isError && <ProblemNotice error={login.error} />}
        <button ref={submitRef} type="submit" className="button button--wide" disabled={signingIn}>
          {signingIn ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      <aside className={`card ${styles.demo}`} id="sign-in-help" aria-labelledby="demo-title">
        <h2 id="demo-title">Demo accounts</h2>
        <p className="muted">
          For this demo only. Both use the password <code>{DEMO_PASSWORD}</code>.
        </p>
        <ul className={styles.accounts}>
          {DEMO_ACCOUNTS.map((account) => (
            <li key={account.email}>
              <span>
                <strong>{account.name}</strong>
                <br />
                <code>{account.email}</code>
              </span>
              <button type="button" className="button button--secondary" onClick={() => fill(account.email)}>
                Use {account.name}
              </button>
            </li>
          ))}
        </ul>
      </aside>
    </div>
  );
}
