// Input validation for every request: unknown fields refused, types enforced, text that may not be
// stored refused, and each problem reported in Chinese with the field's path (members[0].idNumber).

import {
  type ArgumentMetadata,
  BadRequestException,
  ValidationPipe,
  type ValidationError,
} from '@nestjs/common';
import { fieldPath, textProblems } from '@libs/domain';

const CONSTRAINT_MESSAGES: Record<string, string> = {
  whitelistValidation: '不允许的字段',
  isDefined: '必填',
  isNotEmpty: '不能为空',
  isString: '应为字符串',
  isBoolean: '应为布尔值 true/false',
  isInt: '应为整数',
  isNumber: '应为数字',
  isArray: '应为数组',
  isObject: '应为对象',
  isEnum: '取值不在允许范围内',
  isIn: '取值不在允许范围内',
  isDateString: '应为 ISO 8601 日期',
  isIso8601: '应为 ISO 8601 日期时间（如 2026-12-01T08:00:00+08:00）',
  isUrl: '应为网址',
  isPositive: '应为正数',
  arrayMinSize: '数量过少',
  arrayUnique: '有重复项',
  arrayMaxSize: '数量过多',
  maxLength: '过长',
  minLength: '过短',
  min: '过小',
  max: '过大',
  matches: '格式不正确',
  nestedValidation: '应为对象',
  equals: '取值不正确',
  isUuid: '应为 UUID',
};

/** Rules that only a string can pass: a value of another type fails them for being no string. */
const STRING_ONLY = new Set(['maxLength', 'minLength', 'isLength', 'matches']);

export interface FieldError {
  field: string;
  message: string;
}

export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = fieldPath(prefix, error.property);
    const constraints = Object.entries(error.constraints ?? {});
    // A missing field is simply required, whatever else its decorators would have said.
    const own =
      constraints.length > 0 &&
      error.value === undefined &&
      !('whitelistValidation' in (error.constraints ?? {}))
        ? [{ field, message: '必填' }]
        : constraints.map(([constraint, english]) => ({
            field,
            message:
              // Decorators run bottom-up and stop at the first failure: a number sent for a text field
              // fails its length rule before IsString, and is told what is really wrong.
              STRING_ONLY.has(constraint) && typeof error.value !== 'string'
                ? CONSTRAINT_MESSAGES.isString
                : chineseMessage(constraint, english),
          }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/** What a built-in rule says when it fails, in Chinese; undefined for a rule the table lacks. */
export function constraintMessage(constraint: string): string | undefined {
  return CONSTRAINT_MESSAGES[constraint];
}

function chineseMessage(constraint: string, fallback: string): string {
  // Custom validators and decorators given a message already speak Chinese.
  if (/[\u4e00-\u9fff]/.test(fallback)) return fallback;
  return constraintMessage(constraint) ?? `校验未通过 (${constraint})`;
}

/** The 400 for a request's field problems. */
export function validationFailed(fields: FieldError[]): BadRequestException {
  return new BadRequestException({
    code: 'VALIDATION_FAILED',
    message: `输入有误：${fields.map((f) => `${f.field} ${f.message}`).join('；')}`,
    errors: fields,
  });
}

// Enough to show what is wrong with a hostile body without echoing thousands of fields back.
const MAX_TEXT_PROBLEMS = 20;

/**
 * The DTO validation pipe, which first refuses text that may not be stored (control characters, lone
 * surrogates, direction overrides) and nesting too deep, anywhere in a body, query or path parameter,
 * whatever its DTO says: one check for every field, before any of it is transformed or stored.
 */
class RequestValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'custom') {
      const problems = textProblems(value, metadata.data ?? '');
      if (problems.length > 0) throw validationFailed(problems.slice(0, MAX_TEXT_PROBLEMS));
    }
    return super.transform(value, metadata);
  }
}

export function createValidationPipe(): ValidationPipe {
  return new RequestValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    stopAtFirstError: true,
    exceptionFactory: (errors) => validationFailed(flattenValidationErrors(errors)),
  });
}
