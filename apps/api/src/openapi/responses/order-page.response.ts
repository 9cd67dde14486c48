import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import type { OrderPageView } from '../../orders/order-page.representation';
import { OrderResponse } from './order.response';

@ApiSchema({ name: 'OrderPage', description: 'One page of the caller\'s orders, newest first (http-contract.md "Orders").' })
export class OrderPageResponse implements OrderPageView {
  @ApiProperty({ type: [OrderResponse], description: 'At most `limit` orders, newest first.' })
  data!: OrderResponse[];

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Opaque: send it back as `cursor` to get the next (older) page. `null` on the last page.',
    example: 'MjAyNi0xMi0wN1QxMjowMDowMC4wMDBaXzVjMGU0ZjFhLTk5YjItNGQ3Mi1iZGY1LWE3YzY0M2E1ZjE4Mg',
  })
  nextCursor!: string | null;
}
