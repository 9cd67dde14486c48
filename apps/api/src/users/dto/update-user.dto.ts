import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsEmail, IsObject, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';

// Blank text ("", " ") is no name or address; stored, every view of the profile would show nothing.
const NOT_BLANK = /\S/;

export class ShippingAddressDto {
  @ApiProperty({ example: '1 Retry Road' })
  @IsString() @Matches(NOT_BLANK, { message: '$property must not be blank' }) @MaxLength(200)
  line1!: string;

  @ApiPropertyOptional({ example: 'Flat 3' })
  @IsOptional() @IsString() @MaxLength(200)
  line2?: string;

  @ApiProperty({ example: 'Backoff' })
  @IsString() @Matches(NOT_BLANK, { message: '$property must not be blank' }) @MaxLength(100)
  city!: string;

  @ApiProperty({ example: '10101' })
  @IsString() @Matches(NOT_BLANK, { message: '$property must not be blank' }) @MaxLength(20)
  postalCode!: string;

  @ApiProperty({ example: 'GB', description: 'ISO 3166-1 alpha-2 country code' })
  @IsString() @Matches(/^[A-Z]{2}$/, { message: 'country must be an ISO 3166-1 alpha-2 code such as GB' })
  country!: string;
}

/** The full profile a `PUT /users/:id` replaces the stored one with. */
export class UpdateUserDto {
  @ApiProperty({ example: 'Alice Example' })
  @IsString() @Matches(NOT_BLANK, { message: '$property must not be blank' }) @MaxLength(100)
  name!: string;

  @ApiProperty({ example: 'alice@example.com' })
  @IsEmail() @MaxLength(254)
  email!: string;

  @ApiProperty({ type: ShippingAddressDto })
  // IsObject: ValidateNested alone lets an array through (`[]` validates as zero addresses).
  @IsDefined() @IsObject() @ValidateNested() @Type(() => ShippingAddressDto)
  shippingAddress!: ShippingAddressDto;
}
