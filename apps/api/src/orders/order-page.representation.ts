import type { OrderView } from './order.representation';

/**
 * One page of `GET /orders` (http-contract.md "Orders"). A body envelope rather than a bare array
 * with `Link: <…>; rel="next"`: the next page is then part of the typed answer that the OpenAPI
 * document describes and the storefront's generated types check, instead of a header every
 * client parses by hand (and that CORS must expose).
 */
export interface OrderPageView {
  /** The caller's orders on this page, newest first. */
  data: OrderView[];
  /** Pass as `cursor` for the next (older) page; `null` on the last page. */
  nextCursor: string | null;
}
