import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsEmail, IsISO31661Alpha2, IsObject, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';

// Blank text ("", " ") is no name or address; stored, every view of the profile would show nothing.
const NOT_BLANK = /\S/;
const COUNTRY = /^[A-Z]{2}$/;
const COUNTRY_MESSAGE = 'country must be an ISO 3166-1 alpha-2 code such as GB';

export class ShippingAddressDto {
  @ApiProperty({ type: String, maxLength: 200, pattern: NOT_BLANK.source, example: '1 Retry Road' })
  @IsString()
  @Matches(NOT_BLANK, { message: '$property must not be blank' })
  @MaxLength(200)
  line1!: string;

  @ApiPropertyOptional({ type: String, maxLength: 200, example: 'Flat 3' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  line2?: string;

  @ApiProperty({ type: String, maxLength: 100, pattern: NOT_BLANK.source, example: 'Backoff' })
  @IsString()
  @Matches(NOT_BLANK, { message: '$property must not be blank' })
  @MaxLength(100)
  city!: string;

  @ApiProperty({ type: String, maxLength: 20, pattern: NOT_BLANK.source, example: '10101' })
  @IsString()
  @Matches(NOT_BLANK, { message: '$property must not be blank' })
  @MaxLength(20)
  postalCode!: string;

  @ApiProperty({
    type: String,
    pattern: COUNTRY.source,
    example: 'GB',
    description: 'An assigned ISO 3166-1 alpha-2 country code, in capitals (two letters that name no country, such as XX, are refused)',
  })
  @IsString()
  // Two capitals alone would store "GE" (Georgia) for a mistyped "Germany", or "XX" for nothing.
  @Matches(COUNTRY, { message: COUNTRY_MESSAGE })
  @IsISO31661Alpha2({ message: COUNTRY_MESSAGE })
  country!: string;
}

/** The full profile a `PUT /users/:id` replaces the stored one with. */
export class UpdateUserDto {
  @ApiProperty({ type: String, maxLength: 100, pattern: NOT_BLANK.source, example: 'Alice Example' })
  @IsString()
  @Matches(NOT_BLANK, { message: '$property must not be blank' })
  @MaxLength(100)
  name!: string;

  @ApiProperty({ type: String, format: 'email', maxLength: 254, example: 'alice@example.com' })
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiProperty({ type: ShippingAddressDto })
  // IsObject: ValidateNested alone lets an array through (`[]` validates as zero addresses).
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => ShippingAddressDto)
  shippingAddress!: ShippingAddressDto;
}
