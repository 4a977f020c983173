export * from './config';
export * from './jwt-secret';
