import { Module } from '@nestjs/common';

/** Administration: users, jurisdictions, holiday calendars, declared relatives. */
@Module({})
export class AdminModule {}
