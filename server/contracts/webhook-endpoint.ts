/**
 * A webhook endpoint's id, as config and `webhooks:update` both take it (the outbox scripts build
 * keys from it without escaping, so nothing else may pass).
 */
export const ENDPOINT_ID = /^[A-Za-z0-9_-]{1,64}$/;
