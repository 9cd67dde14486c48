import type { ApiError } from '@/lib/api';
import Link from 'next/link';

/** An API failure in words (never the raw response): what went wrong, the fields to fix, and a way forward. */
export function ProblemNotice({ error, onRetry, retryLabel = 'Try again' }: { error: ApiError; onRetry?: () => void; retryLabel?: string }) {
  const signInAgain = error.slug === 'unauthorized';
  return (
    <div className="callout callout--bad" role="alert">
      <p className="callout__title">{error.title}</p>
      <p>{error.message}</p>
      {error.fieldErrors.length > 0 && (
        <ul className="callout__list">
          {error.fieldErrors.map((f) => (
            <li key={f.field}>
              <strong>{f.field}</strong>: {f.messages.join('; ')}
            </li>
          ))}
        </ul>
      )}
      {signInAgain ? (
        <p>
          <Link href="/sign-in">Sign in again</Link>
        </p>
      ) : (
        onRetry && (
          <button type="button" className="button button--secondary" onClick={onRetry}>
            {retryLabel}
          </button>
        )
      )}
    </div>
  );
}
