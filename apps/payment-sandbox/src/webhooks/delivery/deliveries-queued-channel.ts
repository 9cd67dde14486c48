/**
 * The PostgreSQL NOTIFY channel on which a transaction that queued webhook deliveries names their
 * account. PostgreSQL sends a notification at commit and never for a rolled-back transaction, so
 * a worker told of it finds the deliveries already visible.
 */
export const DELIVERIES_QUEUED_CHANNEL = 'webhook_deliveries_queued';
