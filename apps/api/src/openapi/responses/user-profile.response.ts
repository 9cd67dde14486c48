import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import type { ShippingAddress, UserProfile, UserSummary } from '../../users/user.representation';

/** `implements UserSummary`: a field added to the view and not documented here fails the build. */
@ApiSchema({ name: 'UserSummary', description: 'Who a user is: what `POST /auth/login` and `GET /auth/me` say.' })
export class UserSummaryResponse implements UserSummary {
  @ApiProperty({ type: String, format: 'uuid' })
  id!: string;

  @ApiProperty({ type: String, format: 'email', description: 'Lower case.', example: 'alice@example.com' })
  email!: string;

  @ApiProperty({ type: String, example: 'Alice Example' })
  name!: string;
}

@ApiSchema({ name: 'ShippingAddress' })
export class ShippingAddressResponse implements ShippingAddress {
  @ApiProperty({ type: String, example: '1 Retry Road' })
  line1!: string;

  @ApiPropertyOptional({ type: String, description: 'Absent when the address has no second line.', example: 'Flat 3' })
  line2?: string;

  @ApiProperty({ type: String, example: 'Backoff' })
  city!: string;

  @ApiProperty({ type: String, example: '10101' })
  postalCode!: string;

  @ApiProperty({ type: String, description: 'ISO 3166-1 alpha-2 code.', example: 'GB' })
  country!: string;
}

/** The `GET`/`PUT /users/{id}` body; its strong ETag travels in the `ETag` header. */
@ApiSchema({ name: 'UserProfile', description: 'The caller\'s profile (http-contract.md "Users").' })
export class UserProfileResponse extends UserSummaryResponse implements UserProfile {
  @ApiProperty({ type: ShippingAddressResponse })
  shippingAddress!: ShippingAddressResponse;

  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    description: 'When a PUT last changed the profile; absent if none ever did. A PUT that changes nothing keeps it.',
  })
  updatedAt?: string;
}
