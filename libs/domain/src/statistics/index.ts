export * from './reporting-period';
export * from './sla-compliance';
