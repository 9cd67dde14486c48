import Link from 'next/link';

export default function NotFound() {
  return (
    <div className="callout callout--info">
      <p className="callout__title">This page does not exist</p>
      <p>
        <Link href="/">Back to the shop</Link>
      </p>
    </div>
  );
}
