/**
 * Names the way Truto spells them: snake_case resources, singular parents, an integration name from the document's
 * title. Pure string functions; the singulariser is small on purpose (the converter is exported from the sandbox
 * entry and must load no package, see the README), and covers the plural forms REST paths actually use.
 */

/** `addFollowers` → `add_followers`, `url-slugs` → `url_slugs`, `APIKeys` → `api_keys`, `v3` → `v3`. */
export function snakeCase(text: string): string {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/**
 * The integration name used in tool names: the title lower-cased with words joined by `_`, without camel-case
 * splitting (Truto writes "PagerDuty" as `pagerduty`) and without a trailing "API" / "REST API".
 */
export function integrationNameFromTitle(title: string | undefined): string {
  const words = (title ?? '')
    .replace(/\b(rest(ful)?\s+)?api(s)?\b\s*(reference|specification|spec|v?\d+(\.\d+)*)?\s*$/i, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  return words.length === 0 ? 'api' : words.join('_');
}

/** Words whose singular is not made by a suffix rule, or that look plural and are not. */
const IRREGULAR: Readonly<Record<string, string>> = {
  people: 'person',
  children: 'child',
  men: 'man',
  women: 'woman',
  data: 'data',
  media: 'media',
  criteria: 'criterion',
  indices: 'index',
  matrices: 'matrix',
  vertices: 'vertex',
  analyses: 'analysis',
  bases: 'base',
  cases: 'case',
  databases: 'database',
  responses: 'response',
  releases: 'release',
  leaves: 'leaf',
  movies: 'movie',
  cookies: 'cookie',
  pies: 'pie',
  ties: 'tie',
  news: 'news',
  series: 'series',
  species: 'species',
  analytics: 'analytics',
  metrics: 'metric',
  status: 'status',
  campus: 'campus',
  alias: 'alias',
  bus: 'bus',
  gas: 'gas',
  canvas: 'canvas',
  atlas: 'atlas',
  bonus: 'bonus',
  virus: 'virus',
  corpus: 'corpus',
  census: 'census',
  consensus: 'consensus',
  focus: 'focus',
  radius: 'radius',
  stimulus: 'stimulus',
  syllabus: 'syllabus',
  apparatus: 'apparatus',
  axis: 'axis',
  basis: 'basis',
  crisis: 'crisis',
  thesis: 'thesis',
  diagnosis: 'diagnosis',
  ellipsis: 'ellipsis',
  emphasis: 'emphasis',
  hypothesis: 'hypothesis',
  parenthesis: 'parenthesis',
  synopsis: 'synopsis',
  this: 'this',
  its: 'its',
  has: 'has',
  was: 'was',
  is: 'is',
  us: 'us',
  yes: 'yes',
  ids: 'id',
  sms: 'sms',
  dns: 'dns',
  os: 'os',
  ios: 'ios',
  https: 'https',
};

/** The singular of one lower-case word (`tasks` → `task`, `policies` → `policy`, `statuses` → `status`). */
export function singularWord(word: string): string {
  const irregular = IRREGULAR[word];
  if (irregular !== undefined) return irregular;
  if (word.length <= 2) return word;
  if (/[^aeiou]ies$/.test(word)) return `${word.slice(0, -3)}y`;
  if (/(ss|sh|ch|x|zz)es$/.test(word)) return word.slice(0, -2);
  if (/(stat|sinus|prospect|camp|foc|bon|vir|radi|cens)uses$/.test(word)) return word.slice(0, -2);
  if (/(alias|canvas|atlas|gas|bus)es$/.test(word)) return word.slice(0, -2);
  if (/[^s]ses$/.test(word) && /(analy|ba|cri|diagno|the|ellip|empha|synop|parenthe|hypothe)ses$/.test(word))
    return `${word.slice(0, -3)}sis`;
  if (/(ss|us|is|ous)$/.test(word)) return word;
  if (word.endsWith('s')) return word.slice(0, -1);
  return word;
}

/** Singularises the last word of a snake_case name: `project_tasks` → `project_task`. */
export function singularName(name: string): string {
  const index = name.lastIndexOf('_');
  if (index === -1) return singularWord(name);
  const last = name.slice(index + 1);
  // `tags_2` (a disambiguated resource): singularise the word before the number.
  if (/^\d+$/.test(last) && index > 0) return `${singularName(name.slice(0, index))}_${last}`;
  return `${name.slice(0, index + 1)}${singularWord(last)}`;
}

/** The CRUD methods whose routes the SDK builds itself; a custom method must never be named like one. */
export const CRUD_METHODS: ReadonlySet<string> = new Set(['list', 'get', 'create', 'update', 'delete']);

/** Tool names by Truto's patterns. */
export function toolName(integration: string, resource: string, method: string): string {
  const singular = singularName(resource);
  switch (method) {
    case 'list':
      return `list_all_${integration}_${resource}`;
    case 'get':
      return `get_single_${integration}_${singular}_by_id`;
    case 'create':
      return `create_a_${integration}_${singular}`;
    case 'update':
      return `update_a_${integration}_${singular}_by_id`;
    case 'delete':
      return `delete_a_${integration}_${singular}_by_id`;
    default:
      return `${integration}_${resource}_${method}`;
  }
}
