/**
 * A function body under construction: statements, fresh local names, and constants (validators, regular
 * expressions, default values) passed in as parameters rather than spelled in source.
 */
export class CodeWriter {
  readonly lines: string[] = [];
  readonly constantNames: string[] = [];
  readonly constantValues: unknown[] = [];
  readonly #constants = new Map<unknown, string>();
  #counter = 0;

  write(line: string): void {
    this.lines.push(line);
  }

  variable(prefix = 'v'): string {
    return `${prefix}${this.#counter++}`;
  }

  /** A parameter holding `value`; the same value always gets the same name. */
  constant(value: unknown): string {
    let name = this.#constants.get(value);
    if (name === undefined) {
      name = `k${this.constantNames.length}`;
      this.#constants.set(value, name);
      this.constantNames.push(name);
      this.constantValues.push(value);
    }
    return name;
  }
}

/** A string literal for generated source. */
export function literal(value: string): string {
  return JSON.stringify(value);
}
