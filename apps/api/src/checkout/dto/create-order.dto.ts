import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsObject, IsString, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { CanonicalUuid } from '../../http/canonical-uuid.decorator';

// 1–255 visible ASCII characters (payments.md §2); which ids exist is the provider's to say.
const PAYMENT_METHOD_ID = /^[\x21-\x7e]+$/;

export class OrderItemDto {
  /** Any case on input; the handler gets it lower-case, as the catalog stores it. */
  @ApiProperty({ type: String, format: 'uuid', description: 'Any case; answered in lower case.' })
  @CanonicalUuid()
  productId!: string;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 1000, example: 1 })
  @IsInt()
  @Min(1)
  @Max(1000)
  quantity!: number;
}

/** `POST /orders` body: 1–50 lines, each 1–1000 units, and the payment method to charge (http-contract.md "Orders", payments.md §2). */
export class CreateOrderDto {
  @ApiProperty({ type: [OrderItemDto], minItems: 1, maxItems: 50 })
  // IsObject: without it a line that is itself an array (`[[{…}]]`) passes ValidateNested.
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => OrderItemDto)
  items!: OrderItemDto[];

  @ApiProperty({
    type: String,
    minLength: 1,
    maxLength: 255,
    pattern: PAYMENT_METHOD_ID.source,
    example: 'pm_card_visa',
    description:
      "The provider's payment method id (the sandbox's test methods: pm_card_visa, pm_card_mastercard, pm_card_chargeDeclined, pm_card_chargeDeclinedInsufficientFunds)",
  })
  @IsString()
  @Length(1, 255)
  @Matches(PAYMENT_METHOD_ID, { message: 'paymentMethod must be a payment method id such as pm_card_visa' })
  paymentMethod!: string;
}
