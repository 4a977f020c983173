export * from './overdue';
export * from './reports';
export * from './surname';
export * from './thresholds';
