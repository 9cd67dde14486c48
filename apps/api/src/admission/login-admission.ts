import { Inject, Injectable } from '@nestjs/common';
import { API_CONFIG, ApiConfig } from '../config/api-config';
import type { ProblemException } from '../problems/problem.exception';
import { AdmissionCounters } from './admission-counters';
import { BoundedConcurrency, ConcurrencyQueueFullError } from './bounded-concurrency';
import { tooManyRequests } from './too-many-requests';

/**
 * What a login must pass before its password is checked (docs/capacity.md): a limit per client
 * address and one per account, both counted before the account is looked up, so an unknown email
 * is limited exactly like a known one and the 429 reveals nothing; then a slot among the few
 * password verifications this process runs at once.
 */
@Injectable()
export class LoginAdmission {
  private readonly hashing: BoundedConcurrency;

  constructor(
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    private readonly counters: AdmissionCounters,
  ) {
    this.hashing = new BoundedConcurrency(config.loginHashing.concurrency, config.loginHashing.queue);
  }

  /**
   * Counts this attempt for `clientAddress` and for `email`; throws 429 when either is over its limit.
   * Every attempt counts, successful or not: the check must come before the hash to save its CPU,
   * and one atomic statement cannot know the outcome yet (counting failures afterwards would let
   * concurrent attempts all pass the check first). A real user needs one or two attempts.
   */
  async admit(email: string, clientAddress: string): Promise<void> {
    const { perAddress, perAccount } = this.config.loginLimits;
    // The address first: a flood from one address is refused without touching the accounts it names.
    await this.counters.admit(addressBucket(clientAddress), perAddress, ADDRESS_LIMIT);
    await this.counters.admit(`login:account:${normaliseEmail(email)}`, perAccount, 'login attempts for this account');
  }

  /**
   * The 429 a login from `clientAddress` gets without a statement, because this process already
   * saw that address over its limit in the current window; undefined otherwise. Needs no body, so
   * it can be answered before the body is read (early-refusals.ts).
   */
  knownAddressRefusal(clientAddress: string): ProblemException | undefined {
    return this.counters.rememberedRefusal(addressBucket(clientAddress), this.config.loginLimits.perAddress, ADDRESS_LIMIT);
  }

  /**
   * Runs a password verification in a hashing slot, so logins never take more than
   * `LOGIN_HASH_CONCURRENCY` cores; when the queue is full too, 429 at once with `Retry-After: 1`.
   */
  async verifyInSlot<T>(verification: () => Promise<T>): Promise<T> {
    try {
      return await this.hashing.run(verification);
    } catch (error) {
      if (error instanceof ConcurrencyQueueFullError) throw tooManyRequests('Too many logins are being checked right now.', 1);
      throw error;
    }
  }
}

const ADDRESS_LIMIT = 'login attempts from this address';

function addressBucket(clientAddress: string): string {
  return `login:address:${clientAddress}`;
}

/** The account an email names, as users.email stores it (auth.service.ts looks it up lower-cased). */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
