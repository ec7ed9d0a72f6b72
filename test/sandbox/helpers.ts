/** Shared helpers for the sandbox tests: real HTTP against a sandbox on a random loopback port. */
import type { Sandbox } from 'truto-langchainjs-toolset/sandbox';

/** 2026-11-25T12:00:00Z, a Wednesday: "now" for every test that depends on it. */
export const FIXED_NOW_MS = Date.parse('2026-11-25T12:00:00Z');
export const fixedClock = () => FIXED_NOW_MS;

/** 2026-10-01T00:00:00Z, a Thursday. */
export const OCTOBER_FIRST = Date.parse('2026-10-01T00:00:00Z') / 1000;

export interface JsonAnswer<Body = any> {
  status: number;
  headers: Headers;
  body: Body;
}

export function authorization(sandbox: Sandbox): Record<string, string> {
  return { authorization: `Bearer ${sandbox.apiKey}` };
}

/** `/proxy/<path>?integrated_account_id=...&<query>` */
export function proxyUrl(sandbox: Sandbox, path: string, query = ''): string {
  const account = `integrated_account_id=${encodeURIComponent(sandbox.integratedAccountId)}`;
  return `${sandbox.baseUrl}/proxy/${path}?${account}${query === '' ? '' : `&${query}`}`;
}

export function toolsUrl(sandbox: Sandbox, query = ''): string {
  return `${sandbox.baseUrl}/integrated-account/${sandbox.integratedAccountId}/tools${query === '' ? '' : `?${query}`}`;
}

export async function requestJson<Body = any>(url: string, init: RequestInit = {}): Promise<JsonAnswer<Body>> {
  const response = await fetch(url, init);
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text === '' ? undefined : JSON.parse(text) };
}

/** An authorised JSON request; `body` objects are sent as JSON. */
export function call<Body = any>(
  sandbox: Sandbox,
  url: string,
  options: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<JsonAnswer<Body>> {
  const headers: Record<string, string> = { ...authorization(sandbox), ...options.headers };
  const init: RequestInit = { method: options.method ?? 'GET', headers };
  if (options.body !== undefined) {
    headers['content-type'] ??= 'application/json';
    init.body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  }
  return requestJson<Body>(url, init);
}

/** Every tool of the catalog, following next_cursor. */
export async function allTools(sandbox: Sandbox, query = ''): Promise<{ tools: any[]; pages: number }> {
  const tools: any[] = [];
  let cursor: string | null = '';
  let pages = 0;
  do {
    const separator = query === '' ? '' : '&';
    const answer: JsonAnswer = await call(
      sandbox,
      toolsUrl(sandbox, `${query}${separator}next_cursor=${encodeURIComponent(cursor ?? '')}`),
    );
    if (answer.status !== 200) throw new Error(`tools page answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    tools.push(...(answer.body.result ?? answer.body.results));
    cursor = answer.body.next_cursor;
    pages++;
  } while (cursor);
  return { tools, pages };
}
