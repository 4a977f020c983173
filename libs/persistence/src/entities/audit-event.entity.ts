import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('audit_events')
export class AuditEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ name: 'event_key', type: 'text' }) eventKey!: string;
  @Column({ name: 'occurred_at', type: 'timestamptz' }) occurredAt!: Date;
  @Column({ name: 'actor_id', type: 'text' }) actorId!: string;
  @Column({ name: 'actor_username', type: 'text' }) actorUsername!: string;
  @Column({ name: 'actor_role', type: 'varchar' }) actorRole!: string;
  @Column({ name: 'actor_jurisdiction_id', type: 'text' }) actorJurisdictionId!: string;
  @Column({ type: 'varchar' }) action!: string;
  @Column({ name: 'entity_type', type: 'varchar' }) entityType!: string;
  @Column({ name: 'entity_id', type: 'text' }) entityId!: string;
  @Column({ name: 'case_id', type: 'uuid', nullable: true }) caseId!: string | null;
  @Column({ type: 'jsonb', nullable: true }) before!: unknown;
  @Column({ type: 'jsonb', nullable: true }) after!: unknown;
  @Column({ type: 'text', nullable: true }) reason!: string | null;
  @Column({ name: 'prev_hash', type: 'char' }) prevHash!: string;
  @Column({ type: 'char' }) hash!: string;
}
