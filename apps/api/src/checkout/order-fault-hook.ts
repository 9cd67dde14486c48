/**
 * A point inside order creation where a fault can be injected: after the stock was taken and
 * before the order is written, inside the transaction. Only the chaos entry point
 * (chaos-main.ts) provides one; in normal runs nothing is bound to this token and the hook
 * does not exist.
 */
export interface OrderFaultHook {
  /** Throws to simulate the server failing mid-operation. */
  afterStockTaken(): void;
}

export const ORDER_FAULT_HOOK = Symbol('ORDER_FAULT_HOOK');
