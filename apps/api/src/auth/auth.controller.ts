import { Body, Controller, Get, HttpCode, Ip, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AllowedBeforePasswordChange, CurrentUser, Public, User } from '../common/current-user';
import { ChangePasswordDto, LoginDto, LoginResponse } from './auth.dto';
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
  login(@Body() body: LoginDto, @Ip() ip: string): Promise<LoginResponse> {
    return this.auth.login(body.username, body.password, ip);
  }

  @ApiBearerAuth()
  @AllowedBeforePasswordChange()
  @Post('auth/password')
  @HttpCode(204)
  async changePassword(@User() user: CurrentUser, @Body() body: ChangePasswordDto): Promise<void> {
    await this.auth.changePassword(user, body.currentPassword, body.newPassword);
  }

  @ApiBearerAuth()
  @AllowedBeforePasswordChange()
  @Get('me')
  me(@User() user: CurrentUser) {
    return { username: user.username, displayName: user.displayName, roles: user.roles, mustChangePassword: user.mustChangePassword };
  }
}
