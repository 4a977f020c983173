export * from './household-case';
export * from './activities';
export * from './search-attributes';
export * from './forms';
