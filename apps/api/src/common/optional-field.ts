import { ValidateIf } from 'class-validator';

/** The field may be left out, but not sent as null (IsOptional would let null through to the database). */
export const OptionalField = () => ValidateIf((_object: unknown, value: unknown) => value !== undefined);
