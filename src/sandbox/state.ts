/** Everything one running sandbox holds, shared by the router, the control endpoints and the `Sandbox` handle. */
import type { TrutoToolDefinition } from '../catalog/tool-definition';
import { AccountLimiter } from './account-limiter';
import { AccountTokens } from './account-tokens';
import { FailureQueue } from './failure';
import { createSyntheticResources, createToolNameIndex } from './handlers';
import type { ResolvedOptions } from './options';
import { RequestLog } from './request-log';
import type { SandboxSource, SourceResource } from './sources/types';
import { ToolCatalog } from './tools/catalog';

export class SandboxState {
  readonly options: ResolvedOptions;
  readonly source: SandboxSource;
  readonly catalog: ToolCatalog;
  readonly toolNames: Map<string, string>;
  readonly log: RequestLog;
  readonly limiter: AccountLimiter;
  readonly failures = new FailureQueue();
  /** Integrated-account tokens issued by `POST /integrated-account/token`. */
  readonly accountTokens: AccountTokens;
  /** Aborted by `close()`: pending delays and streams stop instead of keeping the process alive. */
  readonly closing = new AbortController();
  /** The exact header value a correct client sends, compared first because it is the common case. */
  readonly expectedAuthorization: string;
  baseUrl = '';
  readonly #synthetic: Map<string, SourceResource>;
  /** Resource names that contain `/` (a saved catalog's `audio/transcriptions`), longest first, for routing. */
  readonly #nestedResources: string[];
  #requestSequence = 0;

  constructor(options: ResolvedOptions, source: SandboxSource) {
    this.options = options;
    this.source = source;
    this.catalog = new ToolCatalog({
      tools: source.tools,
      ...(source.entries ? { entries: source.entries } : {}),
      syntheticTools: options.syntheticTools,
      includeMalformedTool: options.includeMalformedTool,
    });
    this.#synthetic = createSyntheticResources(this.catalog.tools);
    this.toolNames = createToolNameIndex(this.catalog.tools);
    this.#nestedResources = [...new Set(this.catalog.tools.map((tool) => tool.resource))]
      .filter((resource) => resource.includes('/'))
      .sort((left, right) => right.length - left.length);
    this.log = new RequestLog(options.requestLogSize);
    this.limiter = new AccountLimiter(options.accountLimit, options.clock);
    this.expectedAuthorization = `Bearer ${options.apiKey}`;
    this.accountTokens = new AccountTokens(options.accountTokenTtlSeconds, options.clock);
  }

  get tools(): readonly TrutoToolDefinition[] {
    return this.catalog.tools;
  }

  /** The handlers of a resource: the source's own, else a synthetic tool's. */
  resource(name: string): SourceResource | undefined {
    return this.source.resource(name) ?? this.#synthetic.get(name);
  }

  /**
   * Splits the decoded segments after `/proxy/` into the resource and the rest (an id or a custom method). A
   * resource is one segment, unless the catalog has a longer one that matches (`audio/transcriptions`).
   */
  splitProxyPath(segments: readonly string[]): { resource: string; rest: string[] } {
    if (this.#nestedResources.length > 0 && segments.length > 1) {
      for (const resource of this.#nestedResources) {
        const parts = resource.split('/');
        if (parts.length <= segments.length && parts.every((part, index) => part === segments[index])) {
          return { resource, rest: segments.slice(parts.length) };
        }
      }
    }
    return { resource: segments[0]!, rest: segments.slice(1) };
  }

  /** An upstream-style request id for the next proxied answer. */
  nextRequestId(): string {
    return `req_${(++this.#requestSequence).toString(16).padStart(12, '0')}`;
  }

  isAuthorized(header: string | undefined): boolean {
    if (header === this.expectedAuthorization) return true;
    if (header === undefined) return false;
    const match = /^bearer\s+(.+)$/i.exec(header.trim());
    return match?.[1] === this.options.apiKey;
  }

  reset(): void {
    this.failures.clear();
    this.log.clear();
    this.limiter.reset();
    this.source.reset();
  }
}
