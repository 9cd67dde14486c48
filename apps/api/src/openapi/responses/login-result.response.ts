import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import type { LoginResult } from '../../auth/auth.service';
import { UserSummaryResponse } from './user-profile.response';

/** `implements LoginResult`: a field added to the result and not documented here fails the build. */
@ApiSchema({ name: 'LoginResult' })
export class LoginResultResponse implements LoginResult {
  @ApiProperty({
    type: String,
    description: 'Send as `Authorization: Bearer <accessToken>`. An HS256 JWT naming the user; it expires (JWT_TTL_SECONDS, default 1 h).',
  })
  accessToken!: string;

  @ApiProperty({ type: UserSummaryResponse })
  user!: UserSummaryResponse;
}
