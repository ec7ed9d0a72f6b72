/**
 * Path segments that change what a URL's path means. WHATWG URL parsers (and so most servers and proxies) read `.`
 * and `..` segments as "this folder" and "the parent", written plainly or with `%2e` for a dot. A request must never
 * carry one: `/proxy/../../admin/keys` is `/admin/keys` to the server. Pure.
 */

/** How many rounds of percent-decoding a server might apply before it resolves dot segments (catalog data). */
const DECODING_ROUNDS = 3;

/**
 * The first segment of `path` (before any `?`) that a WHATWG URL parser reads as `.` or `..`, as written; else
 * undefined. Exactly the parser's rule (`.`, `..`, `%2e` in either case for any dot), so an id that merely looks odd
 * (`%252e%252e`, one segment to such a parser) still reaches its own resource.
 */
export function findDotSegment(path: string): string | undefined {
  // Nearly every path has neither a dot nor a percent sign: no split needed to tell.
  if (!path.includes('.') && !path.includes('%')) return undefined;
  const query = path.indexOf('?');
  const pathOnly = query === -1 ? path : path.slice(0, query);
  for (const segment of pathOnly.split('/')) {
    if (segment.length > 6) continue;
    const dots = segment.replace(/%2e/gi, '.');
    if (dots === '.' || dots === '..') return segment;
  }
  return undefined;
}

/**
 * Why a piece of catalog data cannot be a path segment, or undefined when it can. Stricter than `findDotSegment`, as
 * catalog data never needs these: besides dot segments after any rounds of percent-decoding (a server that decodes
 * twice reads `%252e%252e` as `..`), a backslash (a separator to some servers),
 * a control character, or a `/`, `?` or `#` that only appears once percent-escapes are decoded would all change
 * which resource the path names.
 */
export function describeUnsafeSegment(segment: string): string | undefined {
  const decoded = decodeRepeatedly(segment);
  if (decoded === '.' || decoded === '..') return `"${segment}" is a "${decoded}" segment, which names another folder`;
  // Java servers drop `;parameters` from a segment before resolving dots: `..;` is `..` to them.
  const withoutParameters = decoded.split(';')[0];
  if (withoutParameters === '.' || withoutParameters === '..') {
    return `"${segment}" is a "${withoutParameters}" segment once its ";" parameters are dropped, as Java servers do`;
  }
  if (decoded.includes('\\')) return `"${segment}" holds a backslash, which some servers read as "/"`;
  if (/[\u0000-\u001f\u007f]/.test(decoded)) return `"${segment}" holds a control character`;
  if (decoded !== segment && /[/?#]/.test(decoded)) {
    return `"${segment}" decodes to "${decoded}", which a server that decodes paths reads as more than one segment`;
  }
  return undefined;
}

function decodeRepeatedly(segment: string): string {
  let current = segment;
  for (let round = 0; round < DECODING_ROUNDS && current.includes('%'); round++) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      // Not valid percent-encoding as a whole: still decode the dots a server would see.
      next = current.replace(/%2e/gi, '.').replace(/%25/g, '%');
    }
    if (next === current) break;
    current = next;
  }
  return current;
}
