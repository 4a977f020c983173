import type { TaskViewRow } from '@libs/persistence';
import { taskView } from './case-view';

const row: TaskViewRow = {
  id: 'case-1:dataCheckAnswer:civilAffairs:1',
  case_id: 'case-1',
  kind: 'dataCheckAnswer',
  stage: 'dataCheck',
  status: 'open',
  candidate_role: 'departmentOfficer',
  jurisdiction_id: '370323',
  jurisdiction_name: '某县',
  jurisdiction_path: '370323',
  village_id: '370323101201',
  village_name: '某村',
  assignee_id: null,
  assignee_name: null,
  claimed_at: null,
  urgent: false,
  priority: 0,
  due_at: new Date('2025-03-10T00:00:00Z'),
  escalation_level: 0,
  opened_at: new Date('2025-03-03T00:00:00Z'),
  closed_at: null,
  decision: null,
  reason: null,
  decided_by: null,
  decided_by_name: null,
  completion_key: null,
  version: 1,
  head_name: '王建国',
  head_id_number: '370323197803150018',
  workflow_id: 'dataCheck-case-1-1',
  department: 'civilAffairs',
  payload: { members: [{ name: '王建国', idNumber: '370323197803150018' }] },
};

describe('taskView', () => {
  it("shows a department's task with its department, payload, workflow and decisions (masked later, by the interceptor)", () => {
    expect(taskView(row, new Date('2025-03-04T00:00:00Z'))).toMatchObject({
      department: 'civilAffairs',
      departmentLabel: '民政局',
      workflowId: 'dataCheck-case-1-1',
      payload: row.payload,
      allowedDecisions: [{ decision: 'approve', label: '办结' }],
      householdHeadIdNumber: '370323197803150018',
      statusLabel: '待办',
    });
  });

  it('lists the decisions of a review step in order, and labels a cancelled task', () => {
    const view = taskView({
      ...row,
      kind: 'townshipReview',
      status: 'cancelled',
      workflow_id: null,
      department: null,
      payload: null,
    });
    expect(view.allowedDecisions).toEqual([
      { decision: 'approve', label: '通过' },
      { decision: 'reject', label: '不予通过' },
      { decision: 'return', label: '退回' },
    ]);
    expect(view).toMatchObject({
      statusLabel: '已撤销',
      overdue: false,
      department: null,
      departmentLabel: null,
    });
  });
});
