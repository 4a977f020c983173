import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validate } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { CaseReasonDto } from '../cases/dto/create-case.dto';
import { constraintMessage, flattenValidationErrors } from './validation';

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

describe('every rule of every request DTO', () => {
  it('fails in Chinese: a built-in rule has its message here, a custom one its own', async () => {
    // Every DTO module, so that its decorators register.
    const root = join(__dirname, '..');
    for (const file of readdirSync(root, { recursive: true, encoding: 'utf8' })) {
      if (file.endsWith('.dto.ts')) await import(join(root, file));
    }
    const storage = getMetadataStorage() as unknown as {
      validationMetadatas: Map<object, ValidationMetadata[]>;
    };
    const untold = new Set<string>();
    let rules = 0;
    for (const metadatas of storage.validationMetadatas.values()) {
      for (const metadata of metadatas) {
        if (metadata.type !== 'customValidation') continue;
        rules += 1;
        const name = metadata.name ?? '';
        const given = typeof metadata.message === 'string' ? metadata.message : '';
        const own = (new (
          metadata.constraintCls as new () => { defaultMessage?: (a: object) => string }
        )().defaultMessage?.({ property: 'x', constraints: metadata.constraints ?? [] } as object) ??
          '') as string;
        if (!constraintMessage(name) && !/[\u4e00-\u9fff]/.test(given + own)) untold.add(name);
      }
    }
    expect(rules).toBeGreaterThan(100);
    expect([...untold]).toEqual([]);
  });
});
