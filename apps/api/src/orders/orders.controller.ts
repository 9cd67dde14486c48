import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser } from '../auth/authenticated-user';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { ADMISSION_PROBLEMS, AUTHENTICATION_PROBLEMS, SERVER_PROBLEMS } from '../openapi/problem-groups';
import { OrderPageResponse } from '../openapi/responses/order-page.response';
import { OrderResponse } from '../openapi/responses/order.response';
import { ListOrdersQuery } from './dto/list-orders.query';
import { decodeOrderCursor } from './order-cursor';
import type { OrderPageView } from './order-page.representation';
import { OrderView } from './order.representation';
import { OrdersService } from './orders.service';

/** The caller's orders, read-only; `POST /orders`, the checkout, is checkout/checkout.controller.ts. */
@ApiTags('orders')
@ApiBearerAuth()
@Controller('orders')
export class OrdersController {
  constructor(private readonly orders: OrdersService) {}

  @Get()
  @ApiOperation({
    operationId: 'listOrders',
    summary: "The caller's orders, newest first, a page at a time",
    description: 'Send `nextCursor` back as `cursor` for the next (older) page; it is `null` on the last page.',
  })
  @ApiOkResponse({ type: OrderPageResponse })
  @ApiProblems(AUTHENTICATION_PROBLEMS, ADMISSION_PROBLEMS, SERVER_PROBLEMS, 'validation-failed')
  list(@CurrentUser() caller: AuthenticatedUser, @Query() query: ListOrdersQuery): Promise<OrderPageView> {
    return this.orders.list(caller.id, query.limit, decodeOrderCursor(query.cursor));
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getOrder', summary: 'One of the caller’s orders' })
  @ApiParam({ name: 'id', format: 'uuid', description: 'Any case; answered in lower case.' })
  @ApiOkResponse({ type: OrderResponse })
  @ApiProblems(AUTHENTICATION_PROBLEMS, ADMISSION_PROBLEMS, SERVER_PROBLEMS, 'not-found')
  get(@CurrentUser() caller: AuthenticatedUser, @Param('id') id: string): Promise<OrderView> {
    return this.orders.get(caller.id, id);
  }
}
