import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

@Entity('households')
export class HouseholdEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ name: 'village_id', type: 'varchar' }) villageId!: string;
  @Column({ type: 'text' }) address!: string;
  @Column({ type: 'varchar', nullable: true }) phone!: string | null;
  @Column({ type: 'boolean' }) urban!: boolean;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

@Entity('household_members')
export class HouseholdMemberEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ name: 'household_id', type: 'uuid' }) householdId!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ name: 'id_number', type: 'char' }) idNumber!: string;
  @Column({ type: 'varchar' }) relation!: string;
  @Column({ name: 'annual_income', type: 'numeric' }) annualIncome!: string;
}
