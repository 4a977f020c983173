import type { AttachmentMetadata, AuditEventEntry } from '@libs/persistence';
import { caseHistoryEntry } from './audit-event-view';

const CASE = '0f8fad5b-d9cb-469f-a165-70867728950e';
const PHOTO = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const GONE = '16fd2706-8baf-433b-82eb-8c7fada847da';

function event(action: string, after: Record<string, unknown> | null = null): AuditEventEntry {
  return {
    id: '42',
    occurred_at: new Date('2026-03-01T02:00:00Z'),
    actor_username: 'co_county',
    actor_role: 'countyOfficer',
    actor_jurisdiction_id: '370323',
    action,
    entity_type: 'case',
    entity_id: CASE,
    case_id: CASE,
    before: null,
    after,
    reason: null,
  };
}

const attachments = new Map<string, AttachmentMetadata>([
  [
    PHOTO,
    {
      id: PHOTO,
      case_id: CASE,
      file_name: '三轮车.png',
      content_type: 'image/png',
      size: 68,
      sha256: 'ab'.repeat(32),
      uploaded_by: 'u',
      uploaded_at: new Date(),
    },
  ],
]);

describe('caseHistoryEntry', () => {
  it('flags an override and names and links the evidence it cites', () => {
    const entry = caseHistoryEntry(event('dataCheck.overridden', { attachmentIds: [PHOTO] }), attachments);
    expect(entry).toMatchObject({ id: 42, kind: 'override', flagged: true });
    expect(entry.attachments).toEqual([
      {
        id: PHOTO,
        fileName: '三轮车.png',
        contentType: 'image/png',
        href: `/cases/${CASE}/attachments/${PHOTO}`,
      },
    ]);
  });

  it("takes a decision form's attachments once each, and keeps an id the case no longer has, unnamed", () => {
    const entry = caseHistoryEntry(
      event('task.completed', { decision: 'approve', form: { attachmentIds: [PHOTO, GONE, PHOTO] } }),
      attachments,
    );
    expect(entry).toMatchObject({ kind: 'decision', flagged: false });
    expect(entry.attachments.map((a) => [a.id, a.fileName])).toEqual([
      [PHOTO, '三轮车.png'],
      [GONE, null],
    ]);
  });

  it('sorts reveals, reassignments, urgent marks and refusals, and everything else as a record', () => {
    const kind = (action: string) => caseHistoryEntry(event(action), attachments);
    expect(kind('personalData.revealed')).toMatchObject({ kind: 'personalData', flagged: false });
    expect(kind('personalData.revealRefused')).toMatchObject({ kind: 'personalData', flagged: true });
    expect(kind('task.delegated')).toMatchObject({ kind: 'reassignment' });
    expect(kind('case.markedUrgent')).toMatchObject({ kind: 'urgency' });
    expect(kind('task.relativeRefused')).toMatchObject({ kind: 'refusal', flagged: true });
    expect(kind('ledger.recorded')).toMatchObject({ kind: 'record', flagged: false, attachments: [] });
  });
});
