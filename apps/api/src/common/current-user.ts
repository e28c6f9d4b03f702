import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { RoleGrant } from '../../../../libs/domain/roles';

/** Who is calling, as the JWT strategy loaded them from the database for this request. */
export interface CurrentUser {
  id: string;
  username: string;
  displayName: string;
  roles: RoleGrant[];
  mustChangePassword: boolean;
}

export const User = createParamDecorator((_data: unknown, ctx: ExecutionContext): CurrentUser => ctx.switchToHttp().getRequest().user);

export const IS_PUBLIC = 'isPublic';
/** Login and health: the only endpoints without a token. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

export const ALLOWED_BEFORE_PASSWORD_CHANGE = 'allowedBeforePasswordChange';
/** `/auth/*` and `/me` stay reachable while a password change is due. */
export const AllowedBeforePasswordChange = () => SetMetadata(ALLOWED_BEFORE_PASSWORD_CHANGE, true);
