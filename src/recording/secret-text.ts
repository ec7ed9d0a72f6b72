/**
 * Removes secrets (the API key, a proxy's token) from text in every encoding an echo is likely to use. The finding is
 * the HTTP layer's `SecretRedactor` (plain, JSON and HTML escapes, percent-encoding, hex, base64 at any alignment, in
 * any mix), so a recording and the SDK's own answers are cleaned by the same rules; this only combines several
 * secrets into one function.
 */
import { MIN_REDACTED_SECRET_LENGTH, SecretRedactor } from '../http/redact-secret.js';

/** Replaces every known secret in `text`; returns `text` itself when none is there (the usual case). */
export type SecretTextRedactor = (text: string) => string;

/** A redactor for `secrets`; shorter ones than `MIN_REDACTED_SECRET_LENGTH` are ignored, as everywhere in the SDK. */
export function createSecretTextRedactor(secrets: readonly (string | undefined)[]): SecretTextRedactor {
  const usable = [...new Set(secrets.filter((secret): secret is string => isRedactable(secret)))];
  const redactors = usable.map((secret) => new SecretRedactor(secret));
  if (redactors.length === 0) return (text) => text;
  if (redactors.length === 1) {
    const [only] = redactors as [SecretRedactor];
    return (text) => only.text(text);
  }
  return (text) => {
    let result = text;
    for (const redactor of redactors) result = redactor.text(result);
    return result;
  };
}

function isRedactable(secret: string | undefined): secret is string {
  return typeof secret === 'string' && secret.length >= MIN_REDACTED_SECRET_LENGTH;
}
