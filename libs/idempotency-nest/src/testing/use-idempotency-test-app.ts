import { IdempotencyTestApp, IdempotencyTestAppOptions, startIdempotencyTestApp } from './idempotency-test-app';
import { sendThing, ThingRequest } from './send-thing';

/** A fresh test app per test (Jest hooks), and the ways the interceptor specs talk to it. */
export interface IdempotencyTestAppSession {
  /** The app of the current test; replaced by `restartWith`. */
  readonly api: IdempotencyTestApp;
  /** Replaces the current test's app with one started with other module options. */
  restartWith(options: IdempotencyTestAppOptions): Promise<void>;
  /** `POST /things` on the current app. */
  send(options: ThingRequest): ReturnType<typeof sendThing>;
}

export function useIdempotencyTestApp(): IdempotencyTestAppSession {
  let current: IdempotencyTestApp;
  beforeEach(async () => {
    current = await startIdempotencyTestApp();
  });
  afterEach(() => current.close());
  return {
    get api() {
      return current;
    },
    async restartWith(options) {
      await current.close();
      current = await startIdempotencyTestApp(options);
    },
    send: (options) => sendThing(current.url, options),
  };
}
