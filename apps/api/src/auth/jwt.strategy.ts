import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { ApiErrorCode, ApiException } from '../common/api-exception';
import type { CurrentUser } from '../common/current-user';
import type { ApiEnv } from '../config';
import { AuthService, JwtPayload } from './auth.service';

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy) {
  constructor(
    config: ConfigService<ApiEnv, true>,
    private readonly auth: AuthService,
  ) {
    super({ jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(), ignoreExpiration: false, secretOrKey: config.get('JWT_SECRET', { infer: true }) });
  }

  async validate(payload: JwtPayload): Promise<CurrentUser> {
    const user = await this.auth.userForToken(payload);
    if (!user) throw new ApiException(ApiErrorCode.UNAUTHENTICATED, 'the account no longer exists or is disabled');
    return user;
  }
}
