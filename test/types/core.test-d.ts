/** Options, rate-limit facts, errors and the type generator. */
import {
  generateToolTypes,
  parseRateLimitHeaders,
  RateLimitError,
  type RateLimitInfo,
  type TrutoToolManagerOptions,
} from 'truto-langchainjs-toolset';
import { describe, expectTypeOf, it } from 'vitest';

declare const error: unknown;

describe('public types', () => {
  it('reads rate limits into RateLimitInfo, with the policy name', () => {
    const info = parseRateLimitHeaders({ ratelimit: '"default";r=0;t=30' });
    expectTypeOf(info).toEqualTypeOf<RateLimitInfo>();
    expectTypeOf(info.policyName).toEqualTypeOf<string | undefined>();
    expectTypeOf(info.policy).toEqualTypeOf<string | undefined>();
    expectTypeOf(info.resetAt).toEqualTypeOf<Date | undefined>();
  });

  it('types the errors an agent loop reads', () => {
    if (error instanceof RateLimitError) {
      expectTypeOf(error.retryAfterSeconds).toEqualTypeOf<number | undefined>();
      expectTypeOf(error.rateLimit).toEqualTypeOf<RateLimitInfo>();
      expectTypeOf(error.status).toEqualTypeOf<number>();
    }
  });

  it('takes every option as documented', () => {
    expectTypeOf<TrutoToolManagerOptions['apiKey']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<TrutoToolManagerOptions['integratedAccountId']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<TrutoToolManagerOptions['baseUrl']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<{ discovery: 'auto'; errorMode: 'return' }>().toExtend<TrutoToolManagerOptions>();
  });

  it('generates a module as a string', () => {
    expectTypeOf(generateToolTypes).returns.toEqualTypeOf<string>();
    expectTypeOf(generateToolTypes)
      .parameter(1)
      .toExtend<{ typeName?: string; importFrom?: string | false } | undefined>();
  });
});
