import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { Role } from '../../../domain/src';

@Entity('users')
export class UserEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'varchar' }) username!: string;
  @Column({ name: 'display_name', type: 'text' }) displayName!: string;
  @Column({ name: 'password_hash', type: 'text' }) passwordHash!: string;
  @Column({ type: 'varchar' }) role!: Role;
  @Column({ name: 'jurisdiction_id', type: 'varchar' }) jurisdictionId!: string;
  @Column({ type: 'varchar', nullable: true }) department!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
