import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import * as bcrypt from 'bcryptjs';
import { DataSource } from 'typeorm';
import { settings } from '../../../../libs/config/settings';
import { appendAudit } from '../../../../libs/persistence/audit-log';
import { UserEntity } from '../../../../libs/persistence/entities';
import { ApiErrorCode, ApiException } from '../common/api-exception';
import type { CurrentUser } from '../common/current-user';
import type { LoginResponse } from './auth.dto';

export interface JwtPayload {
  sub: string;
  username: string;
}

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
  ) {}

  async login(username: string, password: string, clientAddress: string): Promise<LoginResponse> {
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ username });
    // Compare even for unknown users so the response time does not reveal who exists.
    const ok = await bcrypt.compare(password, user?.passwordHash ?? '$2b$10$invalidinvalidinvalidinvalidinvalidinvalidinvalidinva');
    if (!user || !ok || !user.active) {
      await appendAudit(this.dataSource.manager, { actor: username, action: 'login-failed', detail: { clientAddress } });
      throw new ApiException(ApiErrorCode.UNAUTHENTICATED, 'wrong username or password');
    }
    await appendAudit(this.dataSource.manager, { actor: username, action: 'login', detail: { clientAddress } });
    const expiresIn = settings().JWT_TTL;
    const payload: JwtPayload = { sub: user.id, username: user.username };
    return { accessToken: await this.jwt.signAsync(payload, { expiresIn }), expiresIn, mustChangePassword: user.mustChangePassword };
  }

  async changePassword(user: CurrentUser, currentPassword: string, newPassword: string): Promise<void> {
    const users = this.dataSource.getRepository(UserEntity);
    const stored = await users.findOneByOrFail({ id: user.id });
    if (!(await bcrypt.compare(currentPassword, stored.passwordHash))) {
      throw new ApiException(ApiErrorCode.UNAUTHENTICATED, 'current password is wrong');
    }
    if (currentPassword === newPassword) {
      throw ApiException.validation([{ field: 'newPassword', message: 'newPassword must differ from the current password' }]);
    }
    await this.dataSource.transaction(async (tx) => {
      await tx.update(UserEntity, { id: user.id }, { passwordHash: await bcrypt.hash(newPassword, 10), mustChangePassword: false, passwordChangedAt: new Date() });
      await appendAudit(tx, { actor: user.username, action: 'password-changed' });
    });
  }

  /** Roles are read per request, so a revoked role takes effect at once, not at token expiry. */
  async userForToken(payload: JwtPayload): Promise<CurrentUser | undefined> {
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ id: payload.sub });
    if (!user || !user.active) return undefined;
    return {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      mustChangePassword: user.mustChangePassword,
      roles: user.roles.map((r) => (r.department ? { role: r.role, department: r.department } : { role: r.role })),
    };
  }
}
