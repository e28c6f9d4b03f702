import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { Department, DEPARTMENTS, Role, ROLES } from '../../../../libs/domain/roles';

export class LoginDto {
  @ApiProperty({ example: 'service_clerk_1' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  username!: string;

  @ApiProperty({ example: 'demo-pass-2026' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  password!: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  currentPassword!: string;

  /** The policy (password-policy.ts) is checked by the service, after the current password. */
  @ApiProperty({ minLength: 10, description: 'at least 10 characters, not containing the username, not a common password, not the current one' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  newPassword!: string;
}

export class LoginResponse {
  @ApiProperty() accessToken!: string;
  @ApiProperty({ description: 'seconds' }) expiresIn!: number;
  @ApiProperty() mustChangePassword!: boolean;
}

export class RoleGrantDto {
  @ApiProperty({ enum: ROLES, enumName: 'Role' }) role!: Role;
  @ApiPropertyOptional({ enum: DEPARTMENTS, enumName: 'Department', description: 'for a role scoped to a department (dept_head)' }) department?: Department;
}

export class MeResponse {
  @ApiProperty() username!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ type: [RoleGrantDto] }) roles!: RoleGrantDto[];
  @ApiProperty({ description: 'every call but /auth/* and /me answers PASSWORD_CHANGE_REQUIRED until it is changed' }) mustChangePassword!: boolean;
}
