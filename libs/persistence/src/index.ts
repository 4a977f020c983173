export * from './audit';
export * from './data-source';
export * from './migrations';
export * from './sql';
export * from './holiday-calendars';
export * from './notifications';
export * from './lifecycle-policies';
export * from './database-errors';
