export * from './id-number';
export * from './roles';
export * from './case-steps';
export * from './case-policy';
export * from './canonical-json';
export * from './household';
export * from './calendar';
export * from './policy';
