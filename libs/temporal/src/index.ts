export * from './temporal-cli';
export * from './dev-server';
export * from './temporal-server';
export * from './namespace';
export * from './temporal';
export * from './search-attributes';
export * from './payload-codec';
export * from './tls';
