import { TrutoError } from '../errors/index.js';

export interface WritableText {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface CliIo {
  stdout: WritableText;
  stderr: WritableText;
  env: NodeJS.ProcessEnv;
}

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const SPINNER_INTERVAL_MS = 80;

/**
 * Everything the CLI prints goes through here: results on stdout (JSON with `--json`), progress and messages
 * on stderr. Every line is scrubbed of the API key, whatever produced it: an upstream error body that
 * echoes a header, say.
 */
export class Output {
  readonly json: boolean;
  readonly quiet: boolean;
  readonly #io: CliIo;
  readonly #secrets: string[] = [];

  constructor(io: CliIo, options: { json: boolean; quiet?: boolean }) {
    this.#io = io;
    this.json = options.json;
    this.quiet = options.quiet ?? false;
  }

  /** Strings never to print (the API key). Short strings are skipped: scrubbing `a` would mangle everything. */
  addSecret(secret: string | undefined): void {
    if (secret && secret.length >= 6) this.#secrets.push(secret);
  }

  /** Result text for humans, on stdout. */
  print(text: string): void {
    this.#io.stdout.write(this.#scrub(text.endsWith('\n') ? text : `${text}\n`));
  }

  /** A machine-readable value on stdout: one JSON document. */
  printJson(value: unknown): void {
    this.#io.stdout.write(this.#scrub(`${JSON.stringify(value, jsonReplacer, 2)}\n`));
  }

  /** A note for humans on stderr (never mixed into `--json` output). */
  note(text: string): void {
    if (!this.quiet) this.#write(text);
  }

  #write(text: string): void {
    this.#io.stderr.write(this.#scrub(text.endsWith('\n') ? text : `${text}\n`));
  }

  warn(text: string): void {
    this.note(`warning: ${text}`);
  }

  /** A readable error on stderr; with `--json`, also `{ "error": {...} }` on stdout for the caller to parse. */
  error(error: unknown, exitCode: number): void {
    const message = error instanceof Error ? error.message : String(error);
    this.#write(`error: ${message}`);
    if (this.json) {
      const detail = TrutoError.isInstance(error)
        ? error.toJSON()
        : { name: error instanceof Error ? error.name : 'Error', message };
      this.printJson({ error: { ...detail, exitCode } });
    }
  }

  /**
   * Shows `label` with a spinner on stderr while `work` runs, only when stderr is a terminal: pipes and CI
   * logs get no control characters. The line is erased when the work ends.
   */
  async progress<T>(label: string, work: () => Promise<T>): Promise<T> {
    const stderr = this.#io.stderr;
    if (!stderr.isTTY) return work();
    let frame = 0;
    const draw = () => stderr.write(`\r${SPINNER[frame++ % SPINNER.length]} ${label}`);
    draw();
    const timer = setInterval(draw, SPINNER_INTERVAL_MS);
    try {
      return await work();
    } finally {
      clearInterval(timer);
      stderr.write('\r\x1b[K');
    }
  }

  /** Terminal width for tables; 100 when not a terminal, so piped output is stable. */
  get width(): number {
    return this.#io.stdout.isTTY && this.#io.stdout.columns ? this.#io.stdout.columns : 100;
  }

  #scrub(text: string): string {
    let scrubbed = text;
    for (const secret of this.#secrets) scrubbed = scrubbed.split(secret).join('[redacted]');
    return scrubbed;
  }
}

/** Buffers become a size note: a JSON dump of audio bytes helps no one. */
function jsonReplacer(_key: string, value: unknown): unknown {
  if (value instanceof Uint8Array) return { binary: true, bytes: value.byteLength };
  if (isSerialisedBuffer(value)) return { binary: true, bytes: value.data.length };
  return value;
}

function isSerialisedBuffer(value: unknown): value is { type: 'Buffer'; data: unknown[] } {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { type?: unknown }).type === 'Buffer' &&
    Array.isArray((value as { data?: unknown }).data)
  );
}
