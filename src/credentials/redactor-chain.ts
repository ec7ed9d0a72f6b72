/**
 * A call made with an integrated-account token has two secrets to keep out of what comes back: the API key (when the
 * manager has one) and the token. Each `SecretRedactor` finds one secret in every encoding; a chain applies them in
 * turn, so a token is redacted exactly as thoroughly as the key.
 */
import type { PlainHeaders } from '../errors/index.js';
import type { SecretRedactor } from '../http/redact-secret.js';

/** What the HTTP client asks of a redactor. */
export type Redactor = Pick<SecretRedactor, 'text' | 'bytes' | 'headers'>;

/** One redactor for several secrets; undefined when none of them is long enough to redact. */
export function chainRedactors(redactors: ReadonlyArray<Redactor | undefined>): Redactor | undefined {
  const present = redactors.filter((redactor): redactor is Redactor => redactor !== undefined);
  if (present.length <= 1) return present[0];
  return {
    text: (text: string) => present.reduce((result, redactor) => redactor.text(result), text),
    bytes: (bytes: Buffer) => present.reduce((result, redactor) => redactor.bytes(result), bytes),
    headers: (headers: PlainHeaders) => present.reduce((result, redactor) => redactor.headers(result), headers),
  };
}
