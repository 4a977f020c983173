import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CaseStage, Decision, Role, TaskKind } from '../../../domain/src';

@Entity('tasks')
export class TaskEntity {
  @PrimaryColumn({ type: 'text' }) id!: string;
  @Column({ name: 'case_id', type: 'uuid' }) caseId!: string;
  @Column({ type: 'varchar' }) kind!: TaskKind;
  @Column({ type: 'varchar' }) stage!: CaseStage;
  @Column({ type: 'varchar' }) status!: 'open' | 'completed';
  @Column({ name: 'candidate_role', type: 'varchar' }) candidateRole!: Role;
  @Column({ name: 'jurisdiction_id', type: 'varchar' }) jurisdictionId!: string;
  @Column({ name: 'jurisdiction_path', type: 'text' }) jurisdictionPath!: string;
  @Column({ name: 'assignee_id', type: 'uuid', nullable: true }) assigneeId!: string | null;
  @Column({ type: 'boolean' }) urgent!: boolean;
  @Column({ name: 'due_at', type: 'timestamptz' }) dueAt!: Date;
  @Column({ name: 'escalation_level', type: 'smallint' }) escalationLevel!: number;
  @Column({ name: 'opened_at', type: 'timestamptz' }) openedAt!: Date;
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true }) closedAt!: Date | null;
  @Column({ type: 'varchar', nullable: true }) decision!: Decision | null;
  @Column({ type: 'text', nullable: true }) reason!: string | null;
  @Column({ type: 'jsonb', nullable: true }) form!: Record<string, unknown> | null;
  @Column({ name: 'decided_by', type: 'uuid', nullable: true }) decidedBy!: string | null;
  @Column({ name: 'completion_key', type: 'text', nullable: true }) completionKey!: string | null;
  @Column({ type: 'integer' }) version!: number;
}
