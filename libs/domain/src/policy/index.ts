export * from './poverty-line';
export * from './criteria';
export * from './gradual-exit';
