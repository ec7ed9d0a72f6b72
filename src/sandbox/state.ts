/** Everything one running sandbox holds, shared by the router, the control endpoints and the `Sandbox` handle. */
import type { TrutoToolDefinition } from '../catalog/tool-definition';
import { AccountLimiter } from './account-limiter';
import { OpenAiAccountState } from './data/account-state';
import { FailureQueue } from './failure';
import { createResourceRegistry, createToolNameIndex } from './handlers';
import type { ResourceHandlers } from './handlers/types';
import type { ResolvedOptions } from './options';
import { RequestLog } from './request-log';
import { ToolCatalog } from './tools/catalog';

export class SandboxState {
  readonly options: ResolvedOptions;
  readonly catalog: ToolCatalog;
  readonly resources: Map<string, ResourceHandlers>;
  readonly toolNames: Map<string, string>;
  readonly log: RequestLog;
  readonly limiter: AccountLimiter;
  readonly failures = new FailureQueue();
  readonly account = new OpenAiAccountState();
  /** Aborted by `close()`: pending delays and streams stop instead of keeping the process alive. */
  readonly closing = new AbortController();
  /** The exact header value a correct client sends, compared first because it is the common case. */
  readonly expectedAuthorization: string;
  baseUrl = '';
  #requestSequence = 0;

  constructor(options: ResolvedOptions) {
    this.options = options;
    this.catalog = new ToolCatalog({
      syntheticTools: options.syntheticTools,
      includeMalformedTool: options.includeMalformedTool,
    });
    this.resources = createResourceRegistry(this.catalog.tools);
    this.toolNames = createToolNameIndex(this.catalog.tools);
    this.log = new RequestLog(options.requestLogSize);
    this.limiter = new AccountLimiter(options.accountLimit, options.clock);
    this.expectedAuthorization = `Bearer ${options.apiKey}`;
  }

  get tools(): readonly TrutoToolDefinition[] {
    return this.catalog.tools;
  }

  /** An OpenAI-style request id for the next proxied answer. */
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
    this.account.reset();
  }
}
