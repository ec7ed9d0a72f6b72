/**
 * Control endpoints, so a sandbox in another process (a benchmark's, a fleet test's) can be steered like the
 * in-process handle. All but `health` need the sandbox's Bearer key.
 *
 * | endpoint                        | does                                                                        |
 * |---------------------------------|-----------------------------------------------------------------------------|
 * | `GET /__sandbox/health`         | `{ ok: true }`, no key needed: a readiness probe                            |
 * | `GET /__sandbox/info`           | base URL, account id, tool count, options in effect, pending failures       |
 * | `POST /__sandbox/fail-next`     | body `{ count?: 1, failure: SandboxFailure }` → `{ queued, pending }`       |
 * | `GET /__sandbox/requests`       | `{ result: SandboxRequestRecord[], last_id }`; `?since=<id>` for newer ones |
 * | `DELETE /__sandbox/requests`    | empties the request log                                                     |
 * | `POST /__sandbox/reset`         | same as `sandbox.reset()`                                                   |
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { trutoErrorBody } from './errors';
import { readBody, writeJson } from './http-io';
import { parseQuery } from './query';
import type { SandboxState } from './state';

const CONTROL_BODY_LIMIT = 1024 * 1024;

export async function handleControl(
  state: SandboxState,
  request: IncomingMessage,
  response: ServerResponse,
  path: string,
  rawQuery: string,
): Promise<void> {
  const method = request.method ?? 'GET';
  const endpoint = path.slice('/__sandbox/'.length).replace(/\/$/, '');
  if (endpoint === 'health') {
    writeJson(response, 200, { ok: true });
    return;
  }
  if (!state.isAuthorized(request.headers.authorization)) {
    writeJson(
      response,
      401,
      trutoErrorBody(401, 'Control endpoints need the sandbox API key as "Authorization: Bearer <token>".'),
    );
    return;
  }
  const allow = (methods: string) => {
    writeJson(response, 405, trutoErrorBody(405, `${method} is not supported on /__sandbox/${endpoint}.`), {
      allow: methods,
    });
  };
  switch (endpoint) {
    case 'info':
      if (method !== 'GET') return allow('GET');
      writeJson(response, 200, info(state));
      return;
    case 'fail-next': {
      if (method !== 'POST') return allow('POST');
      const payload = await readJson(request);
      if (payload instanceof Error) {
        writeJson(response, 400, trutoErrorBody(400, payload.message));
        return;
      }
      const { count = 1, failure, ...inline } = payload as { count?: number; failure?: unknown };
      try {
        state.failures.add(count, (failure ?? inline) as never);
      } catch (error) {
        writeJson(response, 400, trutoErrorBody(400, (error as Error).message));
        return;
      }
      writeJson(response, 200, { queued: count, pending: state.failures.pending });
      return;
    }
    case 'requests': {
      if (method === 'DELETE') {
        state.log.clear();
        response.writeHead(204).end();
        return;
      }
      if (method !== 'GET') return allow('GET, DELETE');
      const since = Number(parseQuery(rawQuery).since ?? 0);
      const result = state.log.entries.filter((record) => record.id > since);
      writeJson(response, 200, { result, last_id: result.at(-1)?.id ?? (Number.isFinite(since) ? since : 0) });
      return;
    }
    case 'reset':
      if (method !== 'POST') return allow('POST');
      state.reset();
      writeJson(response, 200, { reset: true });
      return;
    default:
      writeJson(response, 404, trutoErrorBody(404, `No control endpoint /__sandbox/${endpoint}.`));
  }
}

function info(state: SandboxState) {
  const options = state.options;
  return {
    baseUrl: state.baseUrl,
    integratedAccountId: options.integratedAccountId,
    source: state.source.kind,
    integration: state.source.integration,
    ...(state.source.describe ? state.source.describe() : {}),
    toolCount: state.catalog.entries.length,
    pendingFailures: state.failures.pending,
    options: {
      toolsEnvelope: options.toolsEnvelope,
      toolsPageSize: options.toolsPageSize,
      includeMalformedTool: options.includeMalformedTool,
      syntheticTools: options.syntheticTools,
      rateLimitDialect: options.rateLimitDialect,
      accountLimit: options.accountLimit ?? null,
      upstreamRateLimitHeaders: options.upstreamRateLimitHeaders,
      requestLogSize: options.requestLogSize,
      seed: options.seed,
    },
  };
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown> | Error> {
  const result = await readBody(request, CONTROL_BODY_LIMIT);
  if ('tooLarge' in result) return new Error('The control request body is too large.');
  if (result.bytes.length === 0) return {};
  try {
    const value: unknown = JSON.parse(result.bytes.toString('utf8'));
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return new Error('Send a JSON object.');
    return value as Record<string, unknown>;
  } catch {
    return new Error('The control request body is not valid JSON.');
  }
}
