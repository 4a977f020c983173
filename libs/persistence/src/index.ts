export * from './data-source';
export * from './migrations';
export * from './sql';
export * from './repositories';
export * from './database-errors';
