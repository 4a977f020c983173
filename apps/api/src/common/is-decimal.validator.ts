// A number with at most so many decimal places (yuan to the fen, a ratio to the millionth). class-validator's
// IsNumber({ maxDecimalPlaces }) reads the places from String(value) and throws on exponent notation
// (1e-308 has no '.'), which answered 500; this reads them from the number itself.

import { registerDecorator, type ValidationOptions } from 'class-validator';

/** True for a finite number that rounding to `places` decimals leaves unchanged. */
export function hasAtMostDecimalPlaces(value: unknown, places: number): value is number {
  return typeof value === 'number' && Number.isFinite(value) && Number(value.toFixed(places)) === value;
}

export function IsDecimal(places: number, options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isDecimal',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: `应为数字，至多 ${places} 位小数`, ...options },
      validator: { validate: (value: unknown) => hasAtMostDecimalPlaces(value, places) },
    });
}
