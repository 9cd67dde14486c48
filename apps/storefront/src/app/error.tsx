'use client';

import { useEffect } from 'react';

/** Last resort for an unexpected error while rendering: a message and a way out, never a blank page. */
export default function RouteError({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => console.error(error), [error]);
  return (
    <div className="callout callout--bad" role="alert">
      <p className="callout__title">Something went wrong on this page</p>
      <p>Nothing you did was lost: your cart and any checkout in progress are kept in this browser.</p>
      <button type="button" className="button" onClick={() => retry()}>
        Try again
      </button>
    </div>
  );
}
