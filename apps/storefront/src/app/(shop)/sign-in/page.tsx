import type { Metadata } from 'next';
import { SignInForm } from '@/components/auth/sign-in-form';

export const metadata: Metadata = { title: 'Sign in' };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string | string[]; reason?: string | string[] }> }) {
  const { next, reason } = await searchParams;
  // Untrusted: the form checks it against the page's own origin (safeReturnPath) before going there.
  return <SignInForm next={typeof next === 'string' ? next : undefined} expired={reason === 'expired'} />;
}
