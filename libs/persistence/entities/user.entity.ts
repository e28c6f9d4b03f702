import { Column, CreateDateColumn, Entity, OneToMany, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { UserRoleEntity } from './user-role.entity';
import { Bool, Timestamp, Varchar } from '../columns';

@Entity('users')
@Unique('uq_users_username', ['username'])
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Varchar() username!: string;

  @Varchar('display_name') displayName!: string;

  @Varchar('password_hash') passwordHash!: string;

  @Bool('must_change_password', { default: false }) mustChangePassword!: boolean;

  @Timestamp('password_changed_at', { nullable: true }) passwordChangedAt!: Date | null;

  @Bool({ default: true }) active!: boolean;

  /** Carried in every access token; incremented by a password change or a disable, so older tokens get 401. */
  @Column({ name: 'token_version', type: 'integer', default: 0 })
  tokenVersion!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @OneToMany(() => UserRoleEntity, (grant) => grant.user, { cascade: true, eager: true })
  roles!: UserRoleEntity[];
}
