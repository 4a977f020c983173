import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { registerDecorator, type ValidationOptions } from 'class-validator';
import { idNumberProblem } from '@libs/domain';

/**
 * 居民身份证号码: 18 characters, a real birth date and the right check character. A lower-case x as the
 * check character is taken as the X it stands for (people type it so), and stored as X.
 */
export function IsIdNumber(options?: ValidationOptions): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }) => (typeof value === 'string' ? value.replace(/x$/, 'X') : value)),
    isValidIdNumber(options),
  );
}

function isValidIdNumber(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isIdNumber',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && idNumberProblem(value) === null,
        defaultMessage: (args) =>
          typeof args?.value === 'string'
            ? `身份证号码无效：${idNumberProblem(args.value)}`
            : '身份证号码无效：应为字符串',
      },
    });
}
