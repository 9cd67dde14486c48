import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { deferred } from './deferred';

/** What one execution of the operation does before it answers; returning normally means success. */
export type ThingsBehaviour = () => void | Promise<void>;

/** An execution held in flight by {@link ThingsService.hold}. */
export interface HeldExecution {
  /** Resolves once the handler is running (the key is claimed by then). */
  readonly entered: Promise<void>;
  /** Lets the handler finish successfully. */
  release(): void;
}

/** What the test controller's operation answers with. */
export interface Thing {
  id: number;
  /** Differs on every execution, so a replayed body is told apart from a re-executed one. */
  nonce: string;
  received: unknown;
}

/**
 * The operation behind the test routes: counts its executions and, for the next executions,
 * does what the test scripted (fail, wait on a promise the test controls); otherwise it succeeds.
 */
@Injectable()
export class ThingsService {
  executions = 0;
  private readonly script: ThingsBehaviour[] = [];

  /** Scripts the next executions, one behaviour each. */
  next(...behaviours: ThingsBehaviour[]): void {
    this.script.push(...behaviours);
  }

  /** Scripts the next execution to throw `error`. */
  failWith(error: unknown): void {
    this.next(() => {
      throw error;
    });
  }

  /** Scripts the next execution to wait until the test releases it. */
  hold(): HeldExecution {
    const entered = deferred();
    const gate = deferred();
    this.next(async () => {
      entered.resolve();
      await gate.promise;
    });
    return { entered: entered.promise, release: () => gate.resolve() };
  }

  async create(body: unknown): Promise<Thing> {
    const id = ++this.executions;
    await (this.script.shift() ?? (() => undefined))();
    return { id, nonce: randomUUID(), received: body };
  }
}
