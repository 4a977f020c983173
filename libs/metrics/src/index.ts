export * from './metrics-access';
export * from './metrics-server';
