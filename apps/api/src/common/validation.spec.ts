import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { CaseReasonDto } from '../cases/dto/create-case.dto';
import { flattenValidationErrors } from './validation';

async function problems(body: unknown) {
  const errors = await validate(plainToInstance(CaseReasonDto, body) as object, { stopAtFirstError: true });
  return flattenValidationErrors(errors);
}

describe('field problems in Chinese', () => {
  it('tells a number or an array sent for a text field that it should be text, not that it is too long', async () => {
    for (const reason of [12, 2 ** 53 + 1, ['撤回理由'], { text: '撤回理由' }]) {
      expect(await problems({ reason })).toEqual([{ field: 'reason', message: '应为字符串' }]);
    }
  });

  it('still says too short or too long for text', async () => {
    expect(await problems({ reason: '撤' })).toEqual([{ field: 'reason', message: '过短' }]);
    expect(await problems({ reason: '撤'.repeat(2001) })).toEqual([{ field: 'reason', message: '过长' }]);
    expect(await problems({})).toEqual([{ field: 'reason', message: '必填' }]);
  });
});
