import { Module } from '@nestjs/common';
import { DatabaseModule } from '../database/database.module';
import { AttachmentsController } from './attachments.controller';
import { AttachmentsService } from './attachments.service';

/** 附件 attachments of a case: survey photos and evidence, uploaded, listed and downloaded. */
@Module({
  imports: [DatabaseModule],
  controllers: [AttachmentsController],
  providers: [AttachmentsService],
})
export class AttachmentsModule {}
