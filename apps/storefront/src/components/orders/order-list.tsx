'use client';

import Link from 'next/link';
import type { Order } from '@/lib/api';
import { formatDateTime, formatMoney, shortId } from '@/lib/format';
import { useApiData } from '@/lib/use-api-data';
import { useApi } from '../providers/api-provider';
import { Loading } from '../ui/loading';
import { useSignedInSession } from '../ui/signed-in-only';
import { ProblemNotice } from '../ui/problem-notice';
import { OrderStatusBadge } from './order-status-badge';
import { useProductNames } from './use-product-names';
import styles from './orders.module.css';

/** The customer's orders, newest first, as the API lists them. */
export function OrderList() {
  const api = useApi();
  const session = useSignedInSession();
  const orders = useApiData<Order[]>(`orders:${session.user.id}`, () => api.listOrders(session));
  const names = useProductNames();

  if (orders.state === 'loading') return <Loading label="Loading your orders…" />;
  if (orders.state === 'error') return <ProblemNotice error={orders.error} onRetry={orders.reload} />;
  if (orders.data.length === 0) {
    return (
      <div className="card">
        <p>No orders yet.</p>
        <Link className="button button--secondary" href="/">
          Browse the shop
        </Link>
      </div>
    );
  }
  return (
    <div className="table-wrap card">
      <table className="table">
        <caption className="visually-hidden">Your orders, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Placed</th>
            <th scope="col">Order</th>
            <th scope="col">Items</th>
            <th scope="col" className="numeric">
              Total
            </th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {orders.data.map((order) => (
            <tr key={order.id} data-testid="order-row">
              <td>{formatDateTime(order.createdAt)}</td>
              <td>
                <Link href={`/orders/${order.id}`} className={styles.orderLink}>
                  {shortId(order.id)}
                </Link>
              </td>
              <td className={styles.items}>{order.lines.map((l) => `${l.quantity} × ${names.get(l.productId) ?? 'item'}`).join(', ')}</td>
              <td className="numeric">{formatMoney(order.total)}</td>
              <td>
                <OrderStatusBadge status={order.status} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
