'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { formatDateTime, formatMoney, shortId } from '@/lib/format';
import { useApi } from '../providers/api-provider';
import { Loading } from '../ui/loading';
import { useSignedInSession } from '../ui/signed-in-only';
import { ProblemNotice } from '../ui/problem-notice';
import { ChargeAttemptList } from './charge-attempt-list';
import { OrderPayment } from './order-payment';
import { OrderStatusBadge } from './order-status-badge';
import { useProductNames } from './use-product-names';
import styles from './orders.module.css';

/** One order: its status, lines at the prices it was placed at, its payment and the shop's attempts at the provider. */
export function OrderDetail({ orderId }: { orderId: string }) {
  const api = useApi();
  const session = useSignedInSession();
  const order = useQuery({ queryKey: ['order', orderId], queryFn: () => api.getOrder(session, orderId) });
  const names = useProductNames();

  return (
    <>
      <p>
        <Link href="/orders">← All orders</Link>
      </p>
      {order.isPending && <Loading label="Loading the order…" />}
      {order.isError && <ProblemNotice error={order.error} onRetry={() => void order.refetch()} />}
      {order.isSuccess && (
        <article className="card" aria-labelledby="order-title">
          <header className={styles.detailHeader}>
            <h1 id="order-title">Order {shortId(order.data.id)}</h1>
            <OrderStatusBadge status={order.data.status} />
          </header>
          <p className="muted">
            Placed {formatDateTime(order.data.createdAt)} · <code>{order.data.id}</code>
          </p>
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">Order lines</caption>
              <thead>
                <tr>
                  <th scope="col">Product</th>
                  {['Quantity', 'Unit price', 'Line total'].map((heading) => (
                    <th key={heading} scope="col" className="numeric">
                      {heading}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {order.data.items.map((line) => (
                  <tr key={line.productId}>
                    <td>{names.get(line.productId) ?? line.productId}</td>
                    <td className="numeric">{line.quantity}</td>
                    <td className="numeric">{formatMoney({ cents: line.unitPriceCents, currency: order.data.currency })}</td>
                    <td className="numeric">{formatMoney({ cents: line.unitPriceCents * line.quantity, currency: order.data.currency })}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row" colSpan={3}>
                    Total
                  </th>
                  <td className="numeric">
                    <strong>{formatMoney({ cents: order.data.totalCents, currency: order.data.currency })}</strong>
                  </td>
                </tr>
              </tfoot>
            </table>
          </div>
          <OrderPayment order={order.data} />
          {order.data.chargeAttempts && <ChargeAttemptList chargeAttempts={order.data.chargeAttempts} />}
        </article>
      )}
    </>
  );
}
