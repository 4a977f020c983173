export * from './temporal-cli';
export * from './dev-server';
export * from './temporal';
export * from './search-attributes';
export * from './payload-codec';
export * from './tls';
