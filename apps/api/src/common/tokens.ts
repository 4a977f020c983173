/** Injection tokens for what the API is given at start. */

/** All the caller handed in (ApiDependencies): injected only by the config, database and Temporal modules. */
export const API_DEPENDENCIES = Symbol('API_DEPENDENCIES');
/** The validated configuration (AppConfig), provided by the config module. */
export const APP_CONFIG = Symbol('APP_CONFIG');
