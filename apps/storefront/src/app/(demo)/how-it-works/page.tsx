import type { Metadata } from 'next';
import { HowItWorks } from '@/components/demo/how-it-works/how-it-works';

export const metadata: Metadata = { title: 'How this works' };

export default function HowItWorksPage() {
  return <HowItWorks />;
}
