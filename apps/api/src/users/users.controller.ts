import { Body, Controller, Get, Headers, Param, Put, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { LimitedPerUser } from '../admission/new-write-admission.guard';
import { AuthenticatedUser, CurrentUser } from '../auth/authenticated-user';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { ADMISSION_PROBLEMS, AUTHENTICATION_PROBLEMS, JSON_BODY_PROBLEMS, SERVER_PROBLEMS } from '../openapi/problem-groups';
import { RESPONSE_HEADERS } from '../openapi/response-headers';
import { UserProfileResponse } from '../openapi/responses/user-profile.response';
import { UpdateUserDto } from './dto/update-user.dto';
import { UserProfile } from './user.representation';
import { UsersService } from './users.service';

const OWN_USER_ID = { name: 'id', format: 'uuid', description: "The caller's own id (any case); another user's is 403." } as const;

/** Profiles: idempotent by nature (PUT replaces the whole profile; no Idempotency-Key needed). */
@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get(':id')
  @ApiOperation({ operationId: 'getUserProfile', summary: "The caller's profile, with its ETag" })
  @ApiParam(OWN_USER_ID)
  @ApiOkResponse({ type: UserProfileResponse, headers: RESPONSE_HEADERS.etag })
  @ApiProblems(AUTHENTICATION_PROBLEMS, ADMISSION_PROBLEMS, SERVER_PROBLEMS, 'forbidden')
  async get(@CurrentUser() caller: AuthenticatedUser, @Param('id') id: string, @Res({ passthrough: true }) response: Response): Promise<UserProfile> {
    const { profile, etag } = await this.users.get(caller.id, id);
    response.setHeader('ETag', etag);
    return profile;
  }

  @Put(':id')
  @LimitedPerUser()
  @ApiOperation({
    operationId: 'replaceUserProfile',
    summary: "Replace the caller's profile (idempotent: no Idempotency-Key needed)",
    description:
      'Sending the same PUT again leaves the same state and gives the same 200 and body; a PUT that changes nothing changes neither `updatedAt` nor the ETag.',
  })
  @ApiParam(OWN_USER_ID)
  @ApiHeader({
    name: 'If-Match',
    required: false,
    description: 'The ETag from GET (or `*`): the PUT applies only if the profile still has it; a stale one is 412 `precondition-failed`.',
    schema: { type: 'string' },
  })
  @ApiOkResponse({ type: UserProfileResponse, headers: RESPONSE_HEADERS.etag })
  @ApiProblems(JSON_BODY_PROBLEMS, AUTHENTICATION_PROBLEMS, ADMISSION_PROBLEMS, SERVER_PROBLEMS, 'forbidden', 'email-taken', 'precondition-failed')
  async replace(
    @CurrentUser() caller: AuthenticatedUser,
    @Param('id') id: string,
    @Body() body: UpdateUserDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<UserProfile> {
    const { profile, etag } = await this.users.replace(caller.id, id, body, ifMatch);
    response.setHeader('ETag', etag);
    return profile;
  }
}
