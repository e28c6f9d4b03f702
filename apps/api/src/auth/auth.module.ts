import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { ThrottlerModule } from '@nestjs/throttler';
import { jwtSecret, settings } from '../../../../libs/config/settings';
import { TokenGuard } from './auth.guard';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { JwtStrategy } from './jwt.strategy';
import { LoginFailureLimiter } from './login-failure-limiter';

@Module({
  imports: [
    PassportModule,
    JwtModule.registerAsync({ useFactory: () => ({ secret: jwtSecret() }) }),
    ThrottlerModule.forRootAsync({ useFactory: () => [{ name: 'login', ttl: 60_000, limit: settings().LOGIN_RATE_LIMIT }] }),
  ],
  controllers: [AuthController],
  providers: [AuthService, JwtStrategy, LoginFailureLimiter, { provide: APP_GUARD, useClass: TokenGuard }],
})
export class AuthModule {}
