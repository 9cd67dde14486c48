import type { Metadata } from 'next';
import { SignInForm } from '@/components/auth/sign-in-form';

export const metadata: Metadata = { title: 'Sign in' };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const { next } = await searchParams;
  // Only paths of this site: never an open redirect to another origin.
  const returnTo = typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') ? next : '/';
  return <SignInForm returnTo={returnTo} />;
}
