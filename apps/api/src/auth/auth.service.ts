import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import * as bcrypt from 'bcryptjs';
import { DataSource } from 'typeorm';
import { settings } from '../../../../libs/config/settings';
import { appendAudit } from '../../../../libs/persistence/audit-log';
import { UserEntity } from '../../../../libs/persistence/entities';
import { setPassword } from '../../../../libs/persistence/user-accounts';
import { ApiErrorCode, ApiException } from '../common/api-exception';
import type { CurrentUser } from '../common/current-user';
import type { LoginResponse } from './auth.dto';
import { LoginFailureLimiter } from './login-failure-limiter';
import { passwordProblems } from './password-policy';

export interface JwtPayload {
  sub: string;
  username: string;
  /** The user's token version at login; a token of an older version is refused. */
  ver: number;
}

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    private readonly failures: LoginFailureLimiter,
  ) {}

  async login(username: string, password: string, clientAddress: string): Promise<LoginResponse> {
    if (this.failures.isBlocked(clientAddress)) {
      throw new ApiException(ApiErrorCode.TOO_MANY_REQUESTS, 'too many failed logins from this address, try again later');
    }
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ username });
    // Compare even for unknown users so the response time does not reveal who exists.
    const ok = await bcrypt.compare(password, user?.passwordHash ?? '$2b$10$invalidinvalidinvalidinvalidinvalidinvalidinvalidinva');
    if (!user || !ok || !user.active) {
      this.failures.recordFailure(clientAddress);
      await appendAudit(this.dataSource.manager, { actor: username, action: 'login-failed', detail: { clientAddress } });
      throw new ApiException(ApiErrorCode.UNAUTHENTICATED, 'wrong username or password');
    }
    await appendAudit(this.dataSource.manager, { actor: username, action: 'login', detail: { clientAddress } });
    const expiresIn = settings().JWT_TTL;
    const payload: JwtPayload = { sub: user.id, username: user.username, ver: user.tokenVersion };
    return { accessToken: await this.jwt.signAsync(payload, { expiresIn }), expiresIn, mustChangePassword: user.mustChangePassword };
  }

  /** The policy is checked after the current password, so it tells nothing to someone who lacks it. */
  async changePassword(user: CurrentUser, currentPassword: string, newPassword: string): Promise<void> {
    const stored = await this.dataSource.getRepository(UserEntity).findOneByOrFail({ id: user.id });
    if (!(await bcrypt.compare(currentPassword, stored.passwordHash))) {
      throw new ApiException(ApiErrorCode.UNAUTHENTICATED, 'current password is wrong');
    }
    const problems = passwordProblems(newPassword, stored.username, currentPassword);
    if (problems.length) throw ApiException.validation(problems.map((message) => ({ field: 'newPassword', message })));
    const passwordHash = await bcrypt.hash(newPassword, 10);
    await this.dataSource.transaction(async (tx) => {
      await setPassword(tx, user.id, passwordHash);
      await appendAudit(tx, { actor: user.username, action: 'password-changed' });
    });
  }

  /** Roles are read per request, so a revoked role takes effect at once, not at token expiry. */
  async userForToken(payload: JwtPayload): Promise<CurrentUser | undefined> {
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ id: payload.sub });
    if (!user || !user.active || user.tokenVersion !== payload.ver) return undefined;
    return {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      mustChangePassword: user.mustChangePassword,
      roles: user.roles.map((r) => (r.department ? { role: r.role, department: r.department } : { role: r.role })),
    };
  }
}
