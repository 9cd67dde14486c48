import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { ClientAddresses } from '../admission/client-addresses';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { ADMISSION_PROBLEMS, AUTHENTICATION_PROBLEMS, JSON_BODY_PROBLEMS, SERVER_PROBLEMS } from '../openapi/problem-groups';
import { LoginResultResponse } from '../openapi/responses/login-result.response';
import { UserSummaryResponse } from '../openapi/responses/user-profile.response';
import { AuthenticatedUser, CurrentUser } from './authenticated-user';
import { AuthService, LoginResult } from './auth.service';
import { LoginDto } from './dto/login.dto';
import { Public } from './public.decorator';
import { UserSummary } from '../users/user.representation';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly addresses: ClientAddresses,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ operationId: 'login', summary: 'Exchange email and password for a bearer token' })
  @ApiOkResponse({ type: LoginResultResponse })
  @ApiProblems(JSON_BODY_PROBLEMS, ADMISSION_PROBLEMS, SERVER_PROBLEMS, 'invalid-credentials')
  login(@Body() body: LoginDto, @Req() request: Request): Promise<LoginResult> {
    return this.auth.login(body.email, body.password, this.addresses.of(request));
  }

  @ApiBearerAuth()
  @Get('me')
  @ApiOperation({ operationId: 'getMe', summary: 'The user the bearer token names' })
  @ApiOkResponse({ type: UserSummaryResponse })
  @ApiProblems(AUTHENTICATION_PROBLEMS, ADMISSION_PROBLEMS, SERVER_PROBLEMS)
  me(@CurrentUser() user: AuthenticatedUser): Promise<UserSummary> {
    return this.auth.me(user.id);
  }
}
