import { Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { Department, Role } from '../../domain/roles';
import { UserEntity } from './user.entity';
import { Varchar } from '../columns';

@Entity('user_roles')
@Unique('uq_user_roles_grant', ['userId', 'role', 'department'])
export class UserRoleEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Varchar('user_id') userId!: string;

  @ManyToOne(() => UserEntity, (user) => user.roles, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user!: UserEntity;

  @Varchar() role!: Role;

  @Varchar({ nullable: true }) department!: Department | null;
}
