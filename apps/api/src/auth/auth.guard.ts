import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { ApiErrorCode, ApiException } from '../common/api-exception';
import { ALLOWED_BEFORE_PASSWORD_CHANGE, CurrentUser, IS_PUBLIC } from '../common/current-user';

/** Global: a valid token on every endpoint but the @Public ones, and a due password change enforced. */
@Injectable()
export class TokenGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    await super.canActivate(context);
    const user: CurrentUser = context.switchToHttp().getRequest().user;
    if (user.mustChangePassword && !this.reflector.getAllAndOverride<boolean>(ALLOWED_BEFORE_PASSWORD_CHANGE, targets)) {
      throw new ApiException(ApiErrorCode.PASSWORD_CHANGE_REQUIRED, 'change your password first (POST /api/auth/password)');
    }
    return true;
  }

  override handleRequest<T>(error: unknown, user: T): T {
    if (error) throw error;
    if (!user) throw new ApiException(ApiErrorCode.UNAUTHENTICATED, 'a valid bearer token is required');
    return user;
  }
}
