import { Column, CreateDateColumn, Entity, OneToMany, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { UserRoleEntity } from './user-role.entity';

@Entity('users')
@Unique('uq_users_username', ['username'])
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column()
  username!: string;

  @Column({ name: 'display_name' })
  displayName!: string;

  @Column({ name: 'password_hash' })
  passwordHash!: string;

  @Column({ name: 'must_change_password', default: false })
  mustChangePassword!: boolean;

  @Column({ name: 'password_changed_at', type: 'timestamptz', nullable: true })
  passwordChangedAt!: Date | null;

  @Column({ default: true })
  active!: boolean;

  /** Carried in every access token; incremented by a password change or a disable, so older tokens get 401. */
  @Column({ name: 'token_version', type: 'integer', default: 0 })
  tokenVersion!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @OneToMany(() => UserRoleEntity, (grant) => grant.user, { cascade: true, eager: true })
  roles!: UserRoleEntity[];
}
