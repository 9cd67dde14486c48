import type { Metadata } from 'next';
import { ProfileEditor } from '@/components/profile/profile-editor';
import { SignedInOnly } from '@/components/ui/signed-in-only';

export const metadata: Metadata = { title: 'Profile' };

export default function ProfilePage() {
  return (
    <>
      <h1>Your profile</h1>
      <SignedInOnly what="your profile" returnTo="/profile">
        <ProfileEditor />
      </SignedInOnly>
    </>
  );
}
