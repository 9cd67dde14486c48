/** What POST /orders asked for: the state of the checkout's first phase. */
export interface CheckoutInput {
  userId: string;
  items: { productId: string; quantity: number }[];
  paymentMethod: string;
}
