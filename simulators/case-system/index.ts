/** The fake case system that receives skolbrygga's webhooks (platforms README §7.1). */
export { createCaseSystem, CASE_SYSTEM_DEFAULT_PORT, behaviourSchema, endpointSecretsSchema } from './receiver.js';
export type { Behaviour, CaseSystem, CaseSystemOptions, Delivery, EndpointSecrets } from './receiver.js';
export { verifyWebhook, isWebhookSecret, DEFAULT_TOLERANCE_SECONDS, SECRET_PREFIX } from './signature.js';
export type { VerificationFailure, VerificationResult, WebhookHeaders } from './signature.js';
