export * from './id-number';
export * from './roles';
export * from './case-steps';
export * from './policy';
export * from './canonical-json';
export * from './household';
