/**
 * Least-privilege credentials over HTTP against the sandbox: its token endpoint, expiry and scope; a manager on an
 * integrated-account token alone (saved catalog, `getToken` renewed before expiry and after a 401); a manager that
 * exchanges its API key for tokens (single-flight); and tokens redacted like the key.
 */
import { createHash } from 'node:crypto';
import {
  AuthenticationError,
  createMemoryStore,
  PermissionDeniedError,
  type StateStore,
  TrutoConfigError,
  TrutoToolManager,
  type TrutoToolManagerOptions,
} from 'truto-langchainjs-toolset';
import { type Sandbox, startSandbox } from 'truto-langchainjs-toolset/sandbox';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

let sandbox: Sandbox;
const managers: TrutoToolManager[] = [];

beforeAll(async () => {
  sandbox = await startSandbox();
});

afterEach(async () => {
  await Promise.all(managers.splice(0).map((manager) => manager.close()));
  sandbox.reset();
});

afterAll(async () => {
  await sandbox.close();
});

function manager(options: TrutoToolManagerOptions): TrutoToolManager {
  const created = new TrutoToolManager({
    integratedAccountId: sandbox.integratedAccountId,
    baseUrl: sandbox.baseUrl,
    onWarning: () => {},
    // Every test starts from its own catalog load: no copy shared with another test's manager.
    cache: { shared: false },
    ...options,
  });
  managers.push(created);
  return created;
}

/** What the sandbox answers, without the SDK. */
async function request(
  path: string,
  init: { method?: string; authorization?: string; body?: unknown } = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${sandbox.baseUrl}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      ...(init.authorization ? { authorization: init.authorization } : {}),
      ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function issueToken(target: Sandbox = sandbox): Promise<string> {
  const response = await fetch(`${target.baseUrl}/integrated-account/token`, {
    method: 'POST',
    headers: { authorization: `Bearer ${target.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ integrated_account_id: target.integratedAccountId }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { integrated_account_token: string }).integrated_account_token;
}

const projectsPath = () => `/proxy/projects?integrated_account_id=${sandbox.integratedAccountId}`;
const proxyRequests = () => sandbox.requests.filter((record) => record.route === 'proxy');
const tokenRequests = () => sandbox.requests.filter((record) => record.route === 'account-token');

describe('the sandbox issues integrated-account tokens as Truto does', () => {
  it('exchanges the API key for a token that the Proxy API accepts for that account only', async () => {
    const token = await issueToken();
    expect(token).toMatch(/^[0-9a-f-]{36}$/);
    expect(sandbox.accountTokens).toContain(token);

    const ok = await request(projectsPath(), { authorization: `Bearer ${token}` });
    expect(ok.status).toBe(200);
    expect(sandbox.requests.at(-1)).toMatchObject({ credential: 'account-token', authenticated: true });

    const otherAccount = await request('/proxy/projects?integrated_account_id=00000000-0000-4000-8000-000000000000', {
      authorization: `Bearer ${token}`,
    });
    expect(otherAccount.status).toBe(403);
    expect(otherAccount.body).toMatchObject({ statusCode: 403, error: 'Forbidden' });
    expect(otherAccount.body.message).toContain(`scoped to integrated account ${sandbox.integratedAccountId}`);

    // Tokens reach the Proxy API only: not the tools catalog, not the token endpoint.
    const tools = await request(`/integrated-account/${sandbox.integratedAccountId}/tools`, {
      authorization: `Bearer ${token}`,
    });
    expect(tools.status).toBe(403);
    const mint = await request('/integrated-account/token', {
      method: 'POST',
      authorization: `Bearer ${token}`,
      body: { integrated_account_id: sandbox.integratedAccountId },
    });
    expect(mint.status).toBe(403);
  });

  it('refuses unknown accounts, bad bodies and other methods in Truto’s error shape', async () => {
    const key = `Bearer ${sandbox.apiKey}`;
    const unknown = await request('/integrated-account/token', {
      method: 'POST',
      authorization: key,
      body: { integrated_account_id: 'nope' },
    });
    expect(unknown).toMatchObject({ status: 404, body: { statusCode: 404, error: 'Not Found' } });
    const empty = await request('/integrated-account/token', { method: 'POST', authorization: key, body: {} });
    expect(empty.status).toBe(400);
    const get = await request('/integrated-account/token', { authorization: key });
    expect(get.status).toBe(405);
    const anonymous = await request('/integrated-account/token', {
      method: 'POST',
      body: { integrated_account_id: sandbox.integratedAccountId },
    });
    expect(anonymous.status).toBe(401);
  });

  it('expires tokens after accountTokenTtlSeconds by its clock, and revokes them on request', async () => {
    let now = Date.parse('2026-11-25T12:00:00Z');
    const timed = await startSandbox({ clock: () => now, accountTokenTtlSeconds: 900 });
    try {
      const token = await issueToken(timed);
      const path = `/proxy/projects?integrated_account_id=${timed.integratedAccountId}`;
      const call = () =>
        fetch(`${timed.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } }).then(async (response) => ({
          status: response.status,
          body: (await response.json()) as { message: string },
        }));
      now += 899_000;
      expect((await call()).status).toBe(200);
      now += 1_000;
      const expired = await call();
      expect(expired.status).toBe(401);
      expect(expired.body.message).toContain('expired');

      const fresh = await issueToken(timed);
      expect((await call()).status).toBe(401);
      timed.revokeAccountTokens();
      const revoked = await fetch(`${timed.baseUrl}${path}`, { headers: { authorization: `Bearer ${fresh}` } });
      expect(revoked.status).toBe(401);
    } finally {
      await timed.close();
    }
  });
});

describe('a manager on an integrated-account token alone', () => {
  it('calls the Proxy API with the token and reads its catalog from a saved catalog', async () => {
    const token = await issueToken();
    const worker = manager({ integratedAccountToken: token, catalog: sandbox.tools });
    const projects = (await worker.invoke('list_all_open_ai_projects', { limit: 2 })) as { result: unknown[] };
    expect(projects.result).toHaveLength(2);
    expect(proxyRequests().map((record) => record.credential)).toEqual(['account-token']);
    // The catalog never came from Truto: tokens are not accepted there.
    expect(sandbox.requests.some((record) => record.route === 'tools')).toBe(false);
  });

  it('reads no API key from the environment, and says where the catalog must come from', async () => {
    const token = await issueToken();
    const previous = process.env.TRUTO_API_KEY;
    process.env.TRUTO_API_KEY = sandbox.apiKey;
    try {
      const worker = manager({ integratedAccountToken: token });
      await expect(worker.getToolDefinitions()).rejects.toThrow(TrutoConfigError);
      await expect(worker.getToolDefinitions()).rejects.toThrow(/catalog/);
    } finally {
      if (previous === undefined) delete process.env.TRUTO_API_KEY;
      else process.env.TRUTO_API_KEY = previous;
    }
    expect(sandbox.requests.filter((record) => record.route !== 'account-token')).toHaveLength(0);
  });

  it('takes its catalog from a function, asked again on refresh (a key-holding process, a shared cache)', async () => {
    const token = await issueToken();
    let asked = 0;
    const worker = manager({
      integratedAccountToken: token,
      catalog: async () => {
        asked++;
        return { result: sandbox.tools };
      },
      methods: ['read'],
    });
    const names = (await worker.getToolDefinitions()).map((tool) => tool.name);
    expect(names).toContain('list_all_open_ai_projects');
    expect(names).not.toContain('delete_a_open_ai_model_by_id'); // Truto's server filter, applied to the saved catalog
    await worker.refresh();
    expect(asked).toBe(2);
  });

  it('fails with an AuthenticationError once a fixed token is refused, and sends nothing with a key', async () => {
    const token = await issueToken();
    const worker = manager({ integratedAccountToken: token, catalog: sandbox.tools });
    await worker.invoke('list_all_open_ai_projects', {});
    sandbox.revokeAccountTokens();
    await expect(worker.invoke('list_all_open_ai_projects', {})).rejects.toThrow(AuthenticationError);
    expect(proxyRequests().every((record) => record.headers.authorization === 'Bearer [redacted]')).toBe(true);
    expect(proxyRequests().some((record) => record.credential === 'api-key')).toBe(false);
  });

  it('asks getToken once for concurrent calls, again when a token nears expiry, and after a 401', async () => {
    const reasons: string[] = [];
    let expiresAt = Date.now() + 10 * 60_000;
    const worker = manager({
      catalog: sandbox.tools,
      getToken: async ({ reason, integratedAccountId }) => {
        expect(integratedAccountId).toBe(sandbox.integratedAccountId);
        reasons.push(reason);
        return { token: await issueToken(), expiresAt };
      },
      accountTokens: { refreshBeforeSeconds: 60 },
    });
    await Promise.all(Array.from({ length: 8 }, () => worker.invoke('list_all_open_ai_projects', {})));
    expect(reasons).toEqual(['initial']);

    // Revoked behind the manager's back: the 401 is answered by one new token, and every call still succeeds.
    sandbox.revokeAccountTokens();
    await Promise.all(Array.from({ length: 4 }, () => worker.invoke('list_all_open_ai_projects', {})));
    expect(reasons).toEqual(['initial', 'rejected']);

    // Thirty seconds left, sixty asked for: the call goes on with the current token while the next is fetched.
    expiresAt = Date.now() + 30_000;
    sandbox.revokeAccountTokens();
    await worker.invoke('list_all_open_ai_projects', {}); // 401 → a token that expires in 30 s
    expect(reasons.at(-1)).toBe('rejected');
    await worker.invoke('list_all_open_ai_projects', {});
    await expect.poll(() => reasons.length).toBe(4);
    expect(reasons.at(-1)).toBe('expiring');
    expect(proxyRequests().every((record) => record.credential === 'account-token' || record.status === 401)).toBe(
      true,
    );
  });

  it('refuses contradictory credential options at construction', () => {
    expect(() => manager({ integratedAccountToken: 'a'.repeat(36), getToken: async () => 'x' })).toThrow(
      TrutoConfigError,
    );
    expect(() => manager({ integratedAccountToken: '' })).toThrow(TrutoConfigError);
  });
});

describe('a manager that exchanges its API key for account tokens', () => {
  it('fetches the catalog with the key, sends proxy calls with one token, and renews it once for concurrent 401s', async () => {
    const exchanging = manager({ apiKey: sandbox.apiKey, accountTokens: true });
    await Promise.all(Array.from({ length: 10 }, () => exchanging.invoke('list_all_open_ai_projects', {})));
    expect(tokenRequests()).toHaveLength(1);
    expect(tokenRequests()[0]).toMatchObject({ method: 'POST', credential: 'api-key', status: 200 });
    expect(sandbox.requests.filter((record) => record.route === 'tools').every((r) => r.credential === 'api-key')).toBe(
      true,
    );
    expect(proxyRequests()).toHaveLength(10);
    expect(proxyRequests().every((record) => record.credential === 'account-token')).toBe(true);

    sandbox.revokeAccountTokens();
    await Promise.all(Array.from({ length: 6 }, () => exchanging.invoke('list_all_open_ai_projects', {})));
    expect(tokenRequests()).toHaveLength(2);
  });

  it('surfaces a refused exchange as the API error it is', async () => {
    const exchanging = manager({ apiKey: 'not-the-sandbox-key', accountTokens: true, catalog: sandbox.tools });
    await expect(exchanging.invoke('list_all_open_ai_projects', {})).rejects.toThrow(AuthenticationError);
  });

  it('is refused for another account: a token is scoped to the account it was issued for', async () => {
    const token = await issueToken();
    const elsewhere = manager({
      integratedAccountToken: token,
      integratedAccountId: '00000000-0000-4000-8000-000000000000',
      catalog: sandbox.tools,
    });
    await expect(elsewhere.invoke('list_all_open_ai_projects', {})).rejects.toThrow(PermissionDeniedError);
  });
});

describe('tokens are secrets like the key', () => {
  it('are redacted from answers and errors in every encoding, and never shown in dry runs or hooks', async () => {
    const token = await issueToken();
    const seen: string[] = [];
    const worker = manager({
      integratedAccountToken: token,
      catalog: sandbox.tools,
      hooks: {
        beforeRequest: (info) => {
          seen.push(JSON.stringify(info));
        },
        afterResponse: (info) => {
          seen.push(JSON.stringify(info.headers), JSON.stringify(info.body));
        },
      },
    });
    const encodings = [
      token,
      Buffer.from(`Bearer ${token}`).toString('base64'),
      encodeURIComponent(token).replace(/-/g, '%2D'),
      token
        .split('')
        .map((character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`)
        .join(''),
      Buffer.from(token).toString('hex'),
    ];
    sandbox.failNext(1, {
      status: 200,
      body: `{"echo": ["${encodings.join('", "')}"]}`,
      headers: { 'content-type': 'application/json', 'x-echo': token },
    });
    const echoed = await worker.invokeWithDetails('list_all_open_ai_projects', {});
    sandbox.failNext(1, {
      status: 400,
      body: { statusCode: 400, error: 'Bad Request', message: `bad token ${token}` },
    });
    const failure = await worker.invoke('list_all_open_ai_projects', {}).catch((error: unknown) => error);
    const dryRun = await worker.invoke('list_all_open_ai_projects', {}, { dryRun: true });

    const visible = [
      JSON.stringify(echoed),
      JSON.stringify(failure),
      String((failure as Error).message),
      JSON.stringify(dryRun),
      ...seen,
    ].join('\n');
    expect(visible).toContain('[redacted]');
    for (const form of [token, ...encodings.slice(1)]) expect(visible).not.toContain(form);
  });
});

describe('a catalog shared under catalogCacheKey', () => {
  type SharingOptions = ConstructorParameters<typeof TrutoToolManager>[0];
  const base = () => ({
    integratedAccountId: sandbox.integratedAccountId,
    baseUrl: sandbox.baseUrl,
    onWarning: () => {},
  });
  function shared(options: SharingOptions): TrutoToolManager {
    const created = new TrutoToolManager({ ...base(), ...options });
    managers.push(created);
    return created;
  }
  const toolRequests = () => sandbox.requests.filter((record) => record.route === 'tools');
  let names = 0;
  /** A name of its own per test: the process-wide cache and memory store outlive a test. */
  const uniqueName = () => `acme-prod-${++names}-${Date.now()}`;

  /** A store the way a worker sees it, recording every key and value, and every lock taken. */
  function recordingStore(inner: StateStore) {
    const seen: string[] = [];
    const locks: string[] = [];
    const store: StateStore = {
      name: 'recording',
      admit: (request) => inner.admit(request),
      takeBudget: (key, max, windowSeconds) => inner.takeBudget(key, max, windowSeconds),
      publishLimit: (key, observation) => inner.publishLimit(key, observation),
      readLimit: (key) => inner.readLimit(key),
      getCatalog: async (key) => {
        seen.push(key);
        return inner.getCatalog(key);
      },
      setCatalog: async (key, value, ttlMs) => {
        seen.push(key, value);
        await inner.setCatalog(key, value, ttlMs);
      },
      acquireLock: async (key, ttlMs) => {
        locks.push(key);
        return inner.acquireLock(key, ttlMs);
      },
      releaseLock: (key, token) => inner.releaseLock(key, token),
    };
    return { store, seen, locks };
  }

  it('lets a token-only worker read, through a shared memory store, the catalog a key holder loaded', async () => {
    const store = createMemoryStore();
    const catalogCacheKey = uniqueName();
    const holder = shared({ apiKey: sandbox.apiKey, store, catalogCacheKey, cache: { shared: false } });
    const catalog = (await holder.getToolDefinitions()).map((tool) => tool.name);
    const { token } = await holder.issueAccountToken();

    const fetched = toolRequests().length;

    const worker = shared({ integratedAccountToken: token, store, catalogCacheKey, cache: { shared: false } });
    expect((await worker.getToolDefinitions()).map((tool) => tool.name)).toEqual(catalog);
    await worker.invoke('list_all_open_ai_projects', { limit: 1 });
    // The catalog's pages were fetched once, by the key holder, with the key.
    expect(toolRequests()).toHaveLength(fetched);
    expect(toolRequests().every((record) => record.credential === 'api-key')).toBe(true);
    expect(sandbox.requests.filter((record) => record.route === 'proxy').map((record) => record.credential)).toEqual([
      'account-token',
    ]);
  });

  it('never shows a worker the key or its fingerprint, and a worker never takes the fetch lock or writes', async () => {
    const { store, seen, locks } = recordingStore(createMemoryStore());
    const catalogCacheKey = uniqueName();
    const holder = shared({ apiKey: sandbox.apiKey, store, catalogCacheKey, cache: { shared: false } });
    await holder.getToolDefinitions();
    const { token } = await holder.issueAccountToken();
    const holderLocks = locks.length;
    seen.length = 0;

    const worker = shared({ integratedAccountToken: token, store, catalogCacheKey, cache: { shared: false } });
    expect((await worker.getToolDefinitions()).length).toBeGreaterThan(0);
    expect(locks).toHaveLength(holderLocks);
    expect(seen.length).toBeGreaterThan(0);
    const fingerprint = createHash('sha256').update(sandbox.apiKey).digest('hex').slice(0, 16);
    for (const text of seen) {
      expect(text).not.toContain(sandbox.apiKey);
      expect(text).not.toContain(fingerprint);
    }
  });

  it('fails a worker that finds no copy with a message that says why, and holds up no key holder', async () => {
    const store = createMemoryStore();
    const catalogCacheKey = uniqueName();
    const worker = shared({
      getToken: async () => (await holder.issueAccountToken()).token,
      store,
      catalogCacheKey,
      cache: { shared: false },
    });
    const holder = shared({ apiKey: sandbox.apiKey, store, catalogCacheKey, cache: { shared: false } });
    const failure = await worker.getToolDefinitions().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TrutoConfigError);
    expect((failure as Error).message).toContain(`catalogCacheKey "${catalogCacheKey}"`);
    expect(toolRequests()).toHaveLength(0);

    // The worker took no lock, so the key holder fetches at once; the worker then finds its copy.
    await holder.getToolDefinitions();
    const fetched = toolRequests().length;
    const answer = await worker.invoke<{ result: unknown[] }>('list_all_open_ai_projects', { limit: 1 });
    expect(answer.result).toHaveLength(1);
    expect(toolRequests()).toHaveLength(fetched);
  });

  it('serves a worker the newest copy even after the cache TTL, since it cannot fetch one', async () => {
    const store = createMemoryStore();
    const catalogCacheKey = uniqueName();
    let now = Date.parse('2026-12-01T09:00:00Z');
    const cache = { shared: false, clock: () => now };
    const holder = shared({ apiKey: sandbox.apiKey, store, catalogCacheKey, cache });
    await holder.getToolDefinitions();
    const { token } = await holder.issueAccountToken();
    const fetched = toolRequests().length;
    now += 3 * 60 * 60_000;
    const worker = shared({ integratedAccountToken: token, store, catalogCacheKey, cache });
    expect((await worker.getToolDefinitions()).length).toBeGreaterThan(0);
    expect(toolRequests()).toHaveLength(fetched);
  });

  it('shares within one process through the default cache and store, with nothing to configure but the name', async () => {
    const catalogCacheKey = uniqueName();
    const holder = shared({ apiKey: sandbox.apiKey, catalogCacheKey });
    await holder.getToolDefinitions();
    const worker = shared({ integratedAccountToken: (await holder.issueAccountToken()).token, catalogCacheKey });
    expect((await worker.getToolDefinitions()).length).toBeGreaterThan(0);
    // Without the name, the worker has no way to the key holder's catalog.
    const stranger = shared({ integratedAccountToken: (await holder.issueAccountToken()).token });
    await expect(stranger.getToolDefinitions()).rejects.toThrow(TrutoConfigError);
  });

  it('refuses an empty name', () => {
    expect(() => new TrutoToolManager({ ...base(), apiKey: sandbox.apiKey, catalogCacheKey: ' ' })).toThrow(
      TrutoConfigError,
    );
  });
});
