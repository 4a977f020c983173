import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { JurisdictionLevel } from '../../../domain/src';

@Entity('jurisdictions')
export class JurisdictionEntity {
  @PrimaryColumn({ type: 'varchar' }) id!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'varchar' }) level!: JurisdictionLevel;
  @Column({ name: 'parent_id', type: 'varchar', nullable: true }) parentId!: string | null;
  @Column({ type: 'text' }) path!: string;
}
