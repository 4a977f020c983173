import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { CaseStage } from '../../../domain/src';

@Entity('cases')
export class CaseEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ name: 'household_id', type: 'uuid' }) householdId!: string;
  @Column({ name: 'workflow_id', type: 'text' }) workflowId!: string;
  @Column({ type: 'varchar' }) channel!: string;
  @Column({ type: 'varchar' }) stage!: CaseStage;
  @Column({ type: 'varchar' }) status!: 'open' | 'closed';
  @Column({ type: 'boolean' }) urgent!: boolean;
  @Column({ name: 'village_id', type: 'varchar' }) villageId!: string;
  @Column({ name: 'jurisdiction_path', type: 'text' }) jurisdictionPath!: string;
  @Column({ name: 'per_capita_income', type: 'numeric' }) perCapitaIncome!: string;
  @Column({ type: 'jsonb' }) application!: Record<string, unknown>;
  @Column({ name: 'created_by', type: 'uuid' }) createdBy!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true }) closedAt!: Date | null;
}
