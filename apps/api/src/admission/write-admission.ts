import { Inject, Injectable } from '@nestjs/common';
import { API_CONFIG, ApiConfig } from '../config/api-config';
import { AdmissionCounters } from './admission-counters';

/**
 * The per-user limit on new work (`WRITES_PER_USER`): first executions of POST /orders (through
 * the idempotency layer's `admitNewExecution` hook, after the key is known to be new) and every
 * PUT /users/:id. Replays, duplicates that wait or get 409, and reused keys never reach it.
 */
@Injectable()
export class WriteAdmission {
  constructor(
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    private readonly counters: AdmissionCounters,
  ) {}

  /** Counts one new write for `userId`; throws 429 `too-many-requests` past the limit. */
  admit(userId: string): Promise<void> {
    return this.counters.admit(`write:user:${userId}`, this.config.writesPerUser, 'new writes by this user');
  }
}
