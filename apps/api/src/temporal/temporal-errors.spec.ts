import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { DECISION_NOT_ALLOWED, FORM_INVALID, STAGE_NOT_ALLOWED, TASK_NOT_OPEN } from '@libs/contracts';
import {
  WorkflowGone,
  WorkflowRefusal,
  updateFailureMessage,
  updateFailureType,
  updateRefusal,
} from './temporal-errors';

const refused = (type: string, message: string) =>
  new WorkflowUpdateFailedError('Workflow Update failed', ApplicationFailure.create({ type, message }));

describe('update failures', () => {
  it('reads the type and message a workflow raised', () => {
    const error = refused(STAGE_NOT_ALLOWED, '公示期已结束，不能再提出异议');
    expect(updateFailureType(error)).toBe(STAGE_NOT_ALLOWED);
    expect(updateFailureMessage(error)).toBe('公示期已结束，不能再提出异议');
    expect(updateFailureType(new Error('connection refused'))).toBeUndefined();
  });

  it('reports a refusal that does not fit the stage as 409 with the workflow message', () => {
    expect(updateRefusal(refused(STAGE_NOT_ALLOWED, '案件已认定，不能撤回'))).toMatchObject({
      code: 'STAGE_NOT_ALLOWED',
      status: 409,
      message: '案件已认定，不能撤回',
    });
  });

  it('reports a form the workflow refused as 400 on the field form', () => {
    const message = '帮扶已满一年，继续帮扶须填写理由（justification）';
    const error = updateRefusal(refused(FORM_INVALID, message));
    expect(error).toMatchObject({ code: 'FORM_INVALID', status: 400, message });
    expect(error?.details).toEqual({ errors: [{ field: 'form', message }] });
  });

  it('reports a decision the step does not allow with a generic message', () => {
    expect(
      updateRefusal(refused(DECISION_NOT_ALLOWED, 'return is not allowed on publicNotice')),
    ).toMatchObject({
      code: 'DECISION_NOT_ALLOWED',
      status: 400,
      message: '此步骤不允许该办理结果',
    });
  });

  it('leaves other failures to the caller', () => {
    expect(updateRefusal(refused(TASK_NOT_OPEN, 'task closed'))).toBeUndefined();
    expect(updateRefusal(new Error('deadline exceeded'))).toBeUndefined();
  });
});

describe('the exceptions a call to Temporal raises', () => {
  it('reports a refusal as updateRefusal does, keeping its type for the caller', () => {
    const error = new WorkflowRefusal(refused(STAGE_NOT_ALLOWED, '案件已认定，不能撤回'));
    expect(error).toMatchObject({ code: 'STAGE_NOT_ALLOWED', status: 409, failureType: STAGE_NOT_ALLOWED });
  });

  it('reports a refusal no caller maps as the service being unavailable, keeping its type', () => {
    const error = new WorkflowRefusal(refused(TASK_NOT_OPEN, 'task closed'));
    expect(error).toMatchObject({ code: 'WORKFLOW_UNAVAILABLE', status: 503, failureType: TASK_NOT_OPEN });
  });

  it('reports a workflow that has ended as unavailable unless its caller says more', () => {
    const error = new WorkflowGone(new WorkflowNotFoundError('not found', 'case-1', undefined));
    expect(error).toMatchObject({
      code: 'WORKFLOW_UNAVAILABLE',
      status: 503,
      message: '流程服务暂不可用，请稍后重试；本次操作未生效',
    });
  });
});
