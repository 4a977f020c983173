import { registerDecorator, type ValidationOptions } from 'class-validator';
import { idNumberProblem } from '../../../../libs/domain/src';

/** 居民身份证号码: 18 characters, a real birth date and the right check character. */
export function IsIdNumber(options?: ValidationOptions): PropertyDecorator {
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
