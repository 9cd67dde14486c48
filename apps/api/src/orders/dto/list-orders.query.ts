import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Max, Min, ValidateBy } from 'class-validator';
import { decodeOrderCursor } from '../order-cursor';

/** Orders per page when the request names no `limit` (http-contract.md "Orders"). */
export const DEFAULT_ORDER_PAGE_SIZE = 20;
/** The most orders one page holds: bounds the work and the size of every answer. */
export const MAX_ORDER_PAGE_SIZE = 100;

/** `GET /orders` query: which page of the caller's orders (http-contract.md "Orders"). */
export class ListOrdersQuery {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_ORDER_PAGE_SIZE, default: DEFAULT_ORDER_PAGE_SIZE, description: 'Orders per page.' })
  // Only plain digits become a number: `1e1`, ` 20` or `0x14` stay text and fail IsInt.
  @Transform(({ value }) => (typeof value === 'string' && /^[0-9]{1,4}$/.test(value) ? Number(value) : value))
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_ORDER_PAGE_SIZE)
  limit: number = DEFAULT_ORDER_PAGE_SIZE;

  @ApiPropertyOptional({
    type: String,
    description: 'The `nextCursor` of the previous page, as it was: opaque. Absent: the first page (the newest orders).',
  })
  @IsOptional()
  @ValidateBy({
    name: 'isOrderCursor',
    validator: { validate: (value) => decodeOrderCursor(value) !== undefined, defaultMessage: () => 'cursor must be the nextCursor of a previous page' },
  })
  cursor?: string;
}
