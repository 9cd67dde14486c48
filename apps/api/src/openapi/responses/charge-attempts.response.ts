import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import type { StopReason } from '@safe-checkout/retrying-client';
import { KEPT_CHARGE_RUNS } from '../../checkout/checkout.statements';
import type { ChargeAttemptsView, ChargeAttemptView, ChargeRunResult, ChargeRunView, ChargeWaitView } from '../../orders/charge-attempts.representation';

const VERDICTS = ['succeeded', 'definite', 'ambiguous'] as const satisfies readonly ChargeAttemptView['verdict'][];
const BASES = ['backoff', 'retry-after'] as const satisfies readonly ChargeWaitView['basis'][];
const RESULTS = ['succeeded', 'declined', 'invalid_payment_method', 'invalid_request', 'unknown'] as const satisfies readonly ChargeRunResult[];
const STOP_REASONS = [
  'not-retryable',
  'method-not-retryable',
  'retries-exhausted',
  'budget-exhausted',
  'deadline-exceeded',
] as const satisfies readonly StopReason[];

@ApiSchema({ name: 'ChargeWait', description: "The wait the server's retrying client chose before its next attempt at the provider, and why." })
export class ChargeWaitResponse implements ChargeWaitView {
  @ApiProperty({ type: 'integer', minimum: 0, description: 'The drawn wait, in milliseconds.', example: 143 })
  delayMs!: number;

  @ApiProperty({
    enum: BASES,
    enumName: 'ChargeWaitBasis',
    description:
      '`backoff`: a random wait below the cap, base·2^(n-1) (full jitter); `retry-after`: the provider asked for longer with `Retry-After`, honoured with jitter on top.',
  })
  basis!: ChargeWaitView['basis'];

  @ApiPropertyOptional({ type: 'integer', minimum: 0, description: "The backoff's cap for that retry, in milliseconds.", example: 200 })
  capMs?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, description: "The provider's `Retry-After`, in milliseconds, when it sent one." })
  retryAfterMs?: number;
}

@ApiSchema({ name: 'ChargeAttempt', description: 'One attempt of a charge at the payment provider.' })
export class ChargeAttemptResponse implements ChargeAttemptView {
  @ApiProperty({ type: 'integer', minimum: 1, description: '1 for the first attempt of the run.', example: 1 })
  attempt!: number;

  @ApiProperty({
    enum: VERDICTS,
    enumName: 'ChargeAttemptVerdict',
    description:
      "The retrying client's verdict: `succeeded` (2xx), `definite` (a final answer such as a decline), `ambiguous` (no answer, timeout, 5xx, 409 in progress: the charge may or may not have happened).",
  })
  verdict!: ChargeAttemptView['verdict'];

  @ApiPropertyOptional({ type: 'integer', description: "The provider's HTTP status, when it answered.", example: 200 })
  status?: number;

  @ApiPropertyOptional({
    type: Boolean,
    description: 'The provider answered `Idempotent-Replayed: true`: the charge made earlier with this key, not a new one.',
  })
  replayed?: boolean;

  @ApiPropertyOptional({
    type: String,
    description: 'Why the attempt failed: `network:ECONNRESET`, `timeout`, `http:503`, `http:409-in-progress`, …',
    example: 'network:ECONNRESET',
  })
  reason?: string;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'How long the attempt took, in milliseconds.', example: 38 })
  durationMs!: number;

  @ApiPropertyOptional({ type: ChargeWaitResponse, description: 'Present when the client retried after this attempt.' })
  wait?: ChargeWaitResponse;
}

@ApiSchema({ name: 'ChargeRun', description: 'One run of the charge phase: the attempts of one request (or one recovery pass) at the provider.' })
export class ChargeRunResponse implements ChargeRunView {
  @ApiProperty({ type: String, format: 'date-time' })
  startedAt!: string;

  @ApiProperty({
    enum: RESULTS,
    enumName: 'ChargeRunResult',
    description:
      '`succeeded` (paid), `declined`, `invalid_payment_method`, `invalid_request` (the provider refused the charge request itself, e.g. its amount), or `unknown`: no definite answer, the checkout waits at its recovery point for a retry with the same key or the recovery worker.',
  })
  result!: ChargeRunResult;

  @ApiPropertyOptional({ enum: STOP_REASONS, enumName: 'ChargeStopReason', description: 'Why the client made no more attempts, when it gave up.' })
  stopReason?: StopReason;

  @ApiProperty({ type: [ChargeAttemptResponse] })
  attempts!: ChargeAttemptResponse[];
}

@ApiSchema({
  name: 'ChargeAttempts',
  description: "The server's own attempts at the payment provider for an order (payments.md §2), all with one key derived from the order id.",
})
export class ChargeAttemptsResponse implements ChargeAttemptsView {
  @ApiProperty({
    type: String,
    description: 'The `Idempotency-Key` sent to the provider on every attempt of every run.',
    example: 'safe-checkout-order-6f1c1a0e-9a55-4c63-a1f3-3d3b7b0c2f10',
  })
  idempotencyKey!: string;

  @ApiProperty({
    type: [ChargeRunResponse],
    description: `One per run of the charge phase, oldest first: the newest ${KEPT_CHARGE_RUNS} runs; empty until the first charge was sent.`,
  })
  runs!: ChargeRunResponse[];
}
