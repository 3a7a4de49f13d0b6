/** The connector SDK: the contract every connector implements and the layers it stands on. */
export * from './contract.js';
export * from './errors.js';
export * from './quarantine.js';
export * from './http-client.js';
export * from './request-budget.js';
export * from './retry-after.js';
export * from './backoff.js';
export * from './cookie-jar.js';
export * from './xml.js';
export * from './dates.js';
