import { Module } from '@nestjs/common';

/** 督办 supervision: SLA breaches, due-soon counts, trends and the supervisor's actions. */
@Module({})
export class SupervisionModule {}
