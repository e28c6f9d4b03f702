import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { jwtSecret } from '../../../../libs/config/settings';
import { ApiErrorCode, ApiException } from '../common/api-exception';
import type { CurrentUser } from '../common/current-user';
import { AuthService, JwtPayload } from './auth.service';

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy) {
  constructor(private readonly auth: AuthService) {
    super({ jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(), ignoreExpiration: false, secretOrKey: jwtSecret() });
  }

  async validate(payload: JwtPayload): Promise<CurrentUser> {
    const user = await this.auth.userForToken(payload);
    if (!user) throw new ApiException(ApiErrorCode.UNAUTHENTICATED, 'the account is disabled, or the token was revoked by a password change');
    return user;
  }
}
