// 附件 attachments: survey photos and evidence kept beside their case, bytes included. Every statement on the
// table lives here.

import type { Queryable } from '../sql';

/** A row of `attachments`, as PostgreSQL returns it. */
export interface AttachmentRow {
  id: string;
  case_id: string;
  file_name: string;
  content_type: string;
  size: number;
  sha256: string;
  content: Buffer;
  uploaded_by: string;
  uploaded_at: Date;
}

/** What a list shows of an attachment: everything but its bytes. */
export type AttachmentMetadata = Omit<AttachmentRow, 'content'>;

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

export class AttachmentsRepository {
  async insert(db: Queryable, attachment: NewAttachment): Promise<AttachmentMetadata> {
    const [row] = await db.query(
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
  async findOfCase(db: Queryable, caseId: string): Promise<AttachmentMetadata[]> {
    return db.query(
      `SELECT ${METADATA_COLUMNS} FROM attachments WHERE case_id = $1 ORDER BY uploaded_at, id`,
      [caseId],
    );
  }

  /** One attachment with its bytes, only when it belongs to that case. */
  async findWithContent(
    db: Queryable,
    caseId: string,
    attachmentId: string,
  ): Promise<AttachmentRow | undefined> {
    if (!UUID.test(attachmentId)) return undefined;
    const [row] = await db.query(
      `SELECT ${METADATA_COLUMNS}, content FROM attachments WHERE id = $1 AND case_id = $2`,
      [attachmentId, caseId],
    );
    return row;
  }

  /** Which of `ids` are attachments of the case. */
  async findIdsOfCase(db: Queryable, caseId: string, ids: string[]): Promise<string[]> {
    const rows: Pick<AttachmentRow, 'id'>[] = await db.query(
      `SELECT id FROM attachments WHERE case_id = $1 AND id = ANY($2::uuid[])`,
      [caseId, ids],
    );
    return rows.map((row) => row.id);
  }
}
