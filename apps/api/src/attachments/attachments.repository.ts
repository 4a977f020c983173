// SQL over attachments: the case they hang on, their metadata, and their bytes.

import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

export interface AttachmentRow {
  id: string;
  case_id: string;
  file_name: string;
  content_type: string;
  size: number;
  sha256: string;
  uploaded_by: string;
  uploaded_at: Date;
}

export interface AttachmentContentRow extends AttachmentRow {
  content: Buffer;
}

export interface NewAttachment {
  id: string;
  caseId: string;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  content: Buffer;
  uploadedBy: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const METADATA_COLUMNS = 'id, case_id, file_name, content_type, size, sha256, uploaded_by, uploaded_at';

@Injectable()
export class AttachmentsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The case's status, locked against a concurrent close until the caller's transaction ends. */
  async lockCaseStatus(manager: EntityManager, caseId: string): Promise<string | undefined> {
    const [row] = await manager.query('SELECT status FROM cases WHERE id = $1 FOR SHARE', [caseId]);
    return row?.status;
  }

  async insertAttachment(manager: EntityManager, attachment: NewAttachment): Promise<AttachmentRow> {
    const [row] = await manager.query(
      `INSERT INTO attachments (id, case_id, file_name, content_type, size, sha256, content, uploaded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${METADATA_COLUMNS}`,
      [
        attachment.id,
        attachment.caseId,
        attachment.fileName,
        attachment.contentType,
        attachment.size,
        attachment.sha256,
        attachment.content,
        attachment.uploadedBy,
      ],
    );
    return row;
  }

  /** Metadata only, oldest first; the bytes stay in the database. */
  findAttachmentsOfCase(caseId: string): Promise<AttachmentRow[]> {
    return this.dataSource.query(
      `SELECT ${METADATA_COLUMNS} FROM attachments WHERE case_id = $1 ORDER BY uploaded_at, id`,
      [caseId],
    );
  }

  /** One attachment with its bytes, only when it belongs to that case. */
  async findAttachmentContent(
    caseId: string,
    attachmentId: string,
  ): Promise<AttachmentContentRow | undefined> {
    if (!UUID.test(attachmentId)) return undefined;
    const [row] = await this.dataSource.query(
      `SELECT ${METADATA_COLUMNS}, content FROM attachments WHERE id = $1 AND case_id = $2`,
      [attachmentId, caseId],
    );
    return row;
  }
}
