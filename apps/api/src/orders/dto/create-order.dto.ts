import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsObject, Max, Min, ValidateNested } from 'class-validator';
import { CanonicalUuid } from '../../http/canonical-uuid.decorator';

export class OrderItemDto {
  /** Any case on input; the handler gets it lower-case, as the catalog stores it. */
  @ApiProperty({ format: 'uuid' })
  @CanonicalUuid()
  productId!: string;

  @ApiProperty({ minimum: 1, maximum: 1000, example: 1 })
  @IsInt() @Min(1) @Max(1000)
  quantity!: number;
}

/** `POST /orders` body: 1–50 lines, each 1–1000 units (http-contract.md "Orders"). */
export class CreateOrderDto {
  @ApiProperty({ type: [OrderItemDto] })
  // IsObject: without it a line that is itself an array (`[[{…}]]`) passes ValidateNested.
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50) @IsObject({ each: true }) @ValidateNested({ each: true }) @Type(() => OrderItemDto)
  items!: OrderItemDto[];
}
