import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { Department, Role } from '../../domain/roles';
import { UserEntity } from './user.entity';

@Entity('user_roles')
@Unique('uq_user_roles_grant', ['userId', 'role', 'department'])
export class UserRoleEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'user_id' })
  userId!: string;

  @ManyToOne(() => UserEntity, (user) => user.roles, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user!: UserEntity;

  @Column({ type: 'varchar' })
  role!: Role;

  @Column({ type: 'varchar', nullable: true })
  department!: Department | null;
}
