import { ProblemException } from '../problems/problem.exception';

/** Where the rule is explained; every error of the guard links it. */
export const TRANSACTION_RULE_DOC = 'docs/first-idempotent-endpoint.md#the-rule-every-write-goes-through-the-transaction';

/**
 * A write through the plain `PrismaClient` while a transaction is open in the same context
 * (development and tests only; see {@link guardPlainClientWrites}). It is a 500 whose `detail`
 * names the rule, so the mistake shows in the response a developer is looking at, not only in
 * the log: in production the guard is off and this error never exists.
 */
export class PlainClientWriteInTransactionError extends ProblemException {
  constructor(readonly call: string) {
    super(
      'internal-error',
      `Every write goes through the transaction: ${call} ran on the plain PrismaClient while a transaction is open ` +
        '(an @Idempotent() operation, or txHost.withTransaction), so it would commit outside that transaction and outside ' +
        "the idempotent operation's stored response. Write through the transaction host instead (this.txHost.tx), " +
        `or leave the transaction on purpose with txHost.withTransaction(Propagation.NotSupported, …). See ${TRANSACTION_RULE_DOC}.`,
    );
    this.name = 'PlainClientWriteInTransactionError';
  }
}
