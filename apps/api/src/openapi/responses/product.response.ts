import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import type { ProductView } from '../../products/products.service';

/** `implements ProductView`: a field added to the view and not documented here fails the build. */
@ApiSchema({ name: 'Product', description: 'A catalog entry.' })
export class ProductResponse implements ProductView {
  @ApiProperty({ type: String, format: 'uuid' })
  id!: string;

  @ApiProperty({ type: String, example: 'MUG-IDEM' })
  sku!: string;

  @ApiProperty({ type: String, example: 'Idempotent mug' })
  name!: string;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'Unit price in minor units (cents).', example: 1200 })
  priceCents!: number;

  @ApiProperty({ type: String, description: 'ISO 4217 code.', example: 'EUR' })
  currency!: string;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'Units left.', example: 250 })
  stock!: number;
}
