import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsUUID } from 'class-validator';
import { canonicalUuid } from './canonical-uuid';

/**
 * A DTO property that must be a UUID (any case on input) and reaches the handler in its canonical
 * lower-case form (see {@link canonicalUuid}). Needs the ValidationPipe's `transform: true`.
 *
 * @example
 * class OrderItemDto { @CanonicalUuid() productId!: string; }
 */
export function CanonicalUuid(): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }) => canonicalUuid(value)),
    IsUUID(),
  );
}
