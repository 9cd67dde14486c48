import { Body, Controller, Get, Headers, Param, Put, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AuthenticatedUser, CurrentUser } from '../auth/authenticated-user';
import { UpdateUserDto } from './dto/update-user.dto';
import { UserProfile } from './user.representation';
import { UsersService } from './users.service';

/** Profiles: idempotent by nature (PUT replaces the whole profile; no Idempotency-Key needed). */
@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get(':id')
  async get(
    @CurrentUser() caller: AuthenticatedUser,
    @Param('id') id: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<UserProfile> {
    const { profile, etag } = await this.users.get(caller.id, id);
    response.setHeader('ETag', etag);
    return profile;
  }

  @Put(':id')
  @ApiHeader({ name: 'If-Match', required: false, description: 'ETag from GET; a stale one gives 412' })
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
