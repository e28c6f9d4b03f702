import { Body, Controller, Get, HttpCode, Ip, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-error.dto';
import { ApiErrorCode } from '../common/api-exception';
import { AllowedBeforePasswordChange, CurrentUser, Public, User } from '../common/current-user';
import { ChangePasswordDto, LoginDto, LoginResponse, MeResponse } from './auth.dto';
import { AuthService } from './auth.service';
import { LoginThrottlerGuard } from './login-throttler.guard';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @UseGuards(LoginThrottlerGuard)
  @Post('auth/login')
  @HttpCode(200)
  @ApiOkResponse({ type: LoginResponse })
  @ApiErrors(ApiErrorCode.VALIDATION_FAILED, ApiErrorCode.UNAUTHENTICATED, ApiErrorCode.TOO_MANY_REQUESTS, ApiErrorCode.UNAVAILABLE)
  login(@Body() body: LoginDto, @Ip() ip: string): Promise<LoginResponse> {
    return this.auth.login(body.username, body.password, ip);
  }

  @ApiBearerAuth()
  @AllowedBeforePasswordChange()
  @Post('auth/password')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'changed' })
  @ApiErrors(ApiErrorCode.VALIDATION_FAILED, ApiErrorCode.UNAUTHENTICATED, ApiErrorCode.UNAVAILABLE)
  async changePassword(@User() user: CurrentUser, @Body() body: ChangePasswordDto): Promise<void> {
    await this.auth.changePassword(user, body.currentPassword, body.newPassword);
  }

  @ApiBearerAuth()
  @AllowedBeforePasswordChange()
  @Get('me')
  @ApiOkResponse({ type: MeResponse })
  @ApiErrors(ApiErrorCode.UNAUTHENTICATED, ApiErrorCode.UNAVAILABLE)
  me(@User() user: CurrentUser): MeResponse {
    return { username: user.username, displayName: user.displayName, roles: user.roles, mustChangePassword: user.mustChangePassword };
  }
}
