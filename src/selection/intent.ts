/**
 * What a request wants to do, and what a tool does, in four classes: read (list, get, search, preview...), create,
 * update and delete. A question ("who is on call?") wants a read; "add", "send", "open", "file" want a create;
 * "change", "move", "mark" an update; "remove", "delete" a delete. Tools are classed by their method, and a
 * custom method by its verb (`add_followers` creates, `remove_members` deletes, `snooze` updates) or, when it names
 * none (`issues`, a converter's name for `GET projects/{id}/issues`), by its description's first verb.
 */
import { RANKER_PARAMETERS } from './parameters.js';
import { stem } from './stem.js';
import { wordsOf } from './words.js';

export type IntentClass = 'read' | 'create' | 'update' | 'delete';

const QUESTION_WORDS = new Set([
  'who',
  'whom',
  'whose',
  'what',
  'which',
  'when',
  'where',
  'why',
  'how',
  'is',
  'are',
  'was',
  'were',
  'do',
  'does',
  'did',
  'has',
  'have',
  'any',
  'anyone',
  'anything',
  // "Everything labelled X", "All open tickets": a noun phrase asks to see.
  'everything',
  'everyone',
  'everybody',
  'all',
  'every',
]);

/** Verbs by the class of change they ask for (stemmed when compiled). */
const VERBS: Readonly<Record<IntentClass, readonly string[]>> = {
  read: [
    'show',
    'list',
    'find',
    'search',
    'look',
    'get',
    'fetch',
    'see',
    'view',
    'display',
    'give',
    'tell',
    'check',
    'count',
    'pull',
    'read',
    'lookup',
    'retrieve',
    'everything',
    'everyone',
    'browse',
    'preview',
    'report',
    'summarize',
    'summarise',
  ],
  create: [
    'add',
    'create',
    'new',
    'make',
    'open',
    'start',
    'set',
    'spin',
    'log',
    'record',
    'jot',
    'write',
    'file',
    'raise',
    'register',
    'book',
    'schedule',
    'post',
    'send',
    'submit',
    'upload',
    'attach',
    'invite',
    'onboard',
    'draft',
    'put',
    'bring',
    'leave',
    'comment',
    'link',
    'connect',
    'subscribe',
    'enroll',
    'enrol',
    'label',
    'tag',
    'install',
    'establish',
    'copy',
    'duplicate',
    'clone',
    'import',
    'export',
    'buy',
    'purchase',
    'provision',
    'order',
    'request',
    'run',
    'trigger',
    'fire',
    'wake',
    'page',
    'email',
    'text',
    'call',
    'message',
    'dm',
    'notify',
    'remind',
    'grant',
    'associate',
    'assign',
    'save',
    'rerun',
    'retry',
    'redo',
    'ring',
    'dial',
    'share',
    'cut',
    'publish',
    'generate',
    'resend',
    'kick',
  ],
  update: [
    'change',
    'update',
    'edit',
    'modify',
    'rename',
    'move',
    'mark',
    'push',
    'reassign',
    'hand',
    'switch',
    'adjust',
    'turn',
    'close',
    'resolve',
    'acknowledge',
    'ack',
    'fix',
    'pin',
    'snooze',
    'silence',
    'mute',
    'pause',
    'resume',
    'enable',
    'disable',
    'reopen',
    'merge',
    'combine',
    'postpone',
    'reschedule',
    'approve',
    'reject',
    'archive',
    'restore',
    'replace',
    'escalate',
    'unlock',
    'freeze',
    'unblock',
    'ban',
    'protect',
    'unprotect',
    'suspend',
  ],
  delete: [
    'delete',
    'remove',
    'erase',
    'drop',
    'wipe',
    'purge',
    'destroy',
    'trash',
    'discard',
    'unlink',
    'disconnect',
    'unsubscribe',
    'revoke',
    // Stopping something is removing it in most REST APIs: DELETE /subscriptions/{id} cancels, `remove_followers`
    // stops notifications, custom `cancel` methods end a payout or a request.
    'stop',
    'cancel',
    'end',
    'terminate',
    'void',
    'halt',
    'abort',
    'deactivate',
    'detach',
    'rid',
    'offboard',
    'uninstall',
    'forget',
    'kill',
  ],
};

let verbClasses: Map<string, IntentClass> | undefined;

/** Stem → the class its verb asks for; the first class listing a verb wins, in the order create, update, delete, read. */
function verbClassOf(stemmed: string): IntentClass | undefined {
  if (!verbClasses) {
    verbClasses = new Map();
    for (const intent of ['create', 'update', 'delete', 'read'] as const) {
      for (const verb of VERBS[intent]) if (!verbClasses.has(stem(verb))) verbClasses.set(stem(verb), intent);
    }
  }
  return verbClasses.get(stemmed);
}

/** Whether a stemmed word is a verb of change or of reading ("add", "remove", "show"). */
export function isVerbWord(stemmed: string): boolean {
  return verbClassOf(stemmed) !== undefined;
}

const POLITE_OPENERS = new Set([
  'please',
  'can',
  'could',
  'would',
  'will',
  'you',
  'kindly',
  'i',
  'we',
  'need',
  'want',
  'to',
  'let',
  'lets',
  "let's",
  'go',
  'ahead',
  'and',
  'just',
  'also',
  'now',
  'then',
  'quickly',
  'd',
  'like',
  'help',
  'me',
  'us',
]);

/**
 * The class a request asks for, from its words (lower-cased, not stemmed): a leading question word or a question
 * mark reads; otherwise the first verb decides ("please add", "can you close"). Undefined when nothing says.
 */
export function requestIntent(words: readonly string[], text: string): IntentClass | undefined {
  const command = commandAfterContext(text);
  if (command)
    return sentenceIntent(
      wordsOf(command.sentence).map((word) => word.toLowerCase()),
      command.sentence,
    );
  return sentenceIntent(words, text);
}

/**
 * "The customer closed their account. Disconnect their bank link": a statement of what happened, then the command.
 * Returns the command and how many words (as `wordsOf` counts them) the context before it has; undefined when the
 * request opens with its command or a question.
 */
export function commandAfterContext(text: string): { sentence: string; contextWords: number } | undefined {
  const sentences = text.split(/(?<=[.!?;])\s+|\s+[—–-]\s+/).filter((sentence) => sentence.trim() !== '');
  // A comma ends a statement about what happened too: "I deleted file 9001 by accident, bring it back".
  const comma = sentences[0]?.indexOf(', ') ?? -1;
  if (comma > 0 && STATEMENT_OPENERS.has(wordsOf(sentences[0]!)[0]?.toLowerCase() ?? '')) {
    sentences.splice(0, 1, sentences[0]!.slice(0, comma), sentences[0]!.slice(comma + 2));
  }
  if (sentences.length < 2) return undefined;
  // A question first is the request itself ("What does message X say? Open it up"); a statement is context.
  const opening = sentences[0]!;
  const asks = /\?\s*$/.test(opening) || QUESTION_WORDS.has(wordsOf(opening)[0]?.toLowerCase() ?? '');
  if (asks || (startsWithVerb(opening) && !isStatement(opening))) return undefined;
  let contextWords = wordsOf(opening).length;
  for (const sentence of sentences.slice(1)) {
    const sentenceWords = wordsOf(sentence).map((word) => word.toLowerCase());
    const opener = sentenceWords.findIndex((word) => !POLITE_OPENERS.has(word));
    const verb = opener < 0 ? undefined : sentenceWords[opener];
    if (verb !== undefined && verbClassOf(stem(verb)) !== undefined && !QUESTION_WORDS.has(verb)) {
      return { sentence, contextWords };
    }
    contextWords += sentenceWords.length;
  }
  return undefined;
}

/** Words a statement about what happened starts with ("I deleted…", "We received…", "The customer closed…"). */
const STATEMENT_OPENERS = new Set(['i', 'we', 'they', 'he', 'she', 'it', 'the', 'our', 'my', 'their', 'someone']);

/** "I deleted…", "We just merged…", "They never got…": what happened, told before the command. */
function isStatement(sentence: string): boolean {
  const [first, second] = wordsOf(sentence).map((word) => word.toLowerCase());
  if (first === undefined || second === undefined || !STATEMENT_OPENERS.has(first)) return false;
  return /ed$/.test(second) || PAST_OR_ADVERB.has(second);
}

const PAST_OR_ADVERB = new Set([
  'just',
  'already',
  'accidentally',
  'never',
  'was',
  'were',
  'had',
  'have',
  'got',
  'sent',
  'left',
  'made',
  'paid',
  'lost',
]);

function startsWithVerb(sentence: string): boolean {
  const words = wordsOf(sentence).map((word) => word.toLowerCase());
  const first = words.find((word) => !POLITE_OPENERS.has(word));
  return first !== undefined && verbClassOf(stem(first)) !== undefined;
}

function sentenceIntent(words: readonly string[], text: string): IntentClass | undefined {
  let index = 0;
  while (index < words.length - 1 && POLITE_OPENERS.has(words[index]!)) index++;
  const first = words[index];
  if (first === undefined) return undefined;
  const phrasal = phrasalIntent(words, index);
  if (phrasal) return phrasal;
  // "Give me the list" reads; "give Dana access", "give Maya her money back" grant something.
  if (first === 'give' && !GIVE_TO_ME.has(words[index + 1] ?? '')) return 'create';
  // "Can you add ..." opens like a question but asks for a change: the verb after the opener wins.
  // "Have acme/shop ping this URL every time someone pushes": a standing rule (a webhook, a subscription) is made.
  if (/\b(whenever|every time|each time|any time|anytime)\b/i.test(text) && !/\?\s*$/.test(text)) {
    return 'create';
  }
  const firstVerb = verbClassOf(stem(first));
  // "Drop the price of product 77 to $30", "cut the seat limit to 5": lowered to a value, not removed.
  if (firstVerb === 'delete' && setsToAValue(text)) return 'update';
  if (firstVerb) return firstVerb;
  if (QUESTION_WORDS.has(first) || /\?\s*$/.test(text)) return 'read';
  for (let at = index + 1; at < Math.min(words.length, index + 4); at++) {
    const found = verbClassOf(stem(words[at]!));
    if (found) return found;
  }
  return undefined;
}

/**
 * Verbs whose particle decides ("kick off" starts, "kick Sam out" removes, "get rid of" deletes), found within a
 * few words of the verb.
 */
const PARTICLES: Readonly<Record<string, Readonly<Record<string, IntentClass>>>> = {
  get: { rid: 'delete' },
  kick: { out: 'delete', off: 'create' },
  take: { off: 'delete', out: 'delete', over: 'update', down: 'delete' },
  turn: { off: 'update', on: 'update', into: 'create' },
  hand: { over: 'update', off: 'update' },
  close: { out: 'update' },
  pull: { in: 'create' },
  look: { up: 'read', at: 'read', into: 'read' },
  bring: { in: 'create', into: 'create', onto: 'create', on: 'create', back: 'update' },
  sign: { up: 'create', off: 'update', out: 'update' },
  log: { out: 'update', off: 'update' },
  call: { off: 'update' },
  hang: { up: 'update' },
  wrap: { up: 'update' },
  set: { up: 'create' },
  spin: { up: 'create' },
  write: { down: 'create' },
  jot: { down: 'create' },
  fill: { in: 'update' },
  switch: { off: 'update', on: 'update' },
};

const GIVE_TO_ME = new Set(['me', 'us']);
/** "… the price to $30", "… to 20%": the new value of something changed; not a range ("rows 10 to 20", "2 to 5 pm"). */
function setsToAValue(text: string): boolean {
  for (const match of text.matchAll(/(\S+)\s+to\s+([$€£]?)\d[\d,.]*\s*(\w*)/gi)) {
    const [, before, currency, after] = match;
    if (currency || after === '%' || after?.toLowerCase() === 'percent') return true;
    if (/\d/.test(before!) || TIME_UNITS.has((after ?? '').toLowerCase())) continue;
    if (after === '' || /^[a-z]{1,3}$/i.test(after!)) return true;
  }
  return false;
}
const TIME_UNITS = new Set(['am', 'pm', 'h', 'min', 'mins', 'o']);

function phrasalIntent(words: readonly string[], index: number): IntentClass | undefined {
  const particles = PARTICLES[words[index]!];
  if (!particles) return undefined;
  for (let at = index + 1; at < Math.min(words.length, index + 5); at++) {
    const found = particles[words[at]!];
    if (found) return found;
  }
  return undefined;
}

const READ_METHOD_WORDS =
  /^(get|list|search|query|find|preview|status|me|count|counts|task|export|read|fetch|lookup|view|show|download|stats|usage|details|all|api|info|history|balance|retrieve|check|pdf)/;
const CREATE_METHOD_WORDS =
  /^(add|create|post|insert|instantiate|duplicate|copy|clone|send|enroll|enrol|associate|subscribe|invite|save|import|upload|responder|run|trigger|invoke|execute|start|instances|render|ping|test|grant|apply|assign|set_metric$|publish|submit|schedule|share|pin|star|join|open|attach|watch|generate|login|accumulate)/;
const DELETE_METHOD_WORDS =
  /^(remove|delete|unsubscribe|disassociate|dissociate|revoke|cancel|detach|unlink|purge|gdpr|sessions|void|kick|leave|unpin|unstar|unwatch|unshare|unassign|expire|terminate|trash|destroy|disconnect|uninstall|dequeue|end|stop|reverse)/;
/** Verbs written into a resource's name by RPC-style APIs (`chat.delete`, `conversations.kick`): words, not stems. */
const RESOURCE_VERBS: Readonly<Record<string, IntentClass>> = Object.fromEntries([
  ...[
    'list',
    'get',
    'info',
    'search',
    'lookup',
    'find',
    'fetch',
    'retrieve',
    'read',
    'count',
    'view',
    'export',
    'download',
    'preview',
  ].map((verb) => [verb, 'read']),
  ...[
    'add',
    'create',
    'post',
    'send',
    'upload',
    'invite',
    'join',
    'open',
    'publish',
    'submit',
    'share',
    'pin',
    'star',
    'copy',
    'duplicate',
    'import',
    'attach',
    'assign',
    'subscribe',
    'watch',
    'schedule',
    'unfurl',
    'generate',
  ].map((verb) => [verb, 'create']),
  ...[
    'update',
    'edit',
    'modify',
    'rename',
    'set',
    'mark',
    'move',
    'complete',
    'finalize',
    'approve',
    'accept',
    'confirm',
    'verify',
    'capture',
    'pause',
    'resume',
    'restore',
    'archive',
    'close',
    'reject',
    'decline',
    'unarchive',
    'hide',
    'unhide',
    'enable',
    'disable',
    'activate',
    'deactivate',
    'reactivate',
    'reopen',
    'lock',
    'unlock',
    'mute',
    'unmute',
    'snooze',
    'promote',
    'redeem',
    'adjust',
    'merge',
    'replace',
  ].map((verb) => [verb, 'update']),
  ...[
    'delete',
    'remove',
    'kick',
    'leave',
    'revoke',
    'cancel',
    'void',
    'unpin',
    'unstar',
    'unsubscribe',
    'unwatch',
    'unshare',
    'detach',
    'unassign',
    'expire',
    'terminate',
    'purge',
    'trash',
    'destroy',
    'uninstall',
    'disconnect',
    'unlink',
    'reverse',
    'stop',
    'end',
  ].map((verb) => [verb, 'delete']),
]) as Record<string, IntentClass>;

/** The class of change a verb written into a resource or a method name makes; undefined for other words. */
export function resourceVerbClass(word: string): IntentClass | undefined {
  return Object.hasOwn(RESOURCE_VERBS, word) ? RESOURCE_VERBS[word] : undefined;
}

const HTTP_VERBS = new Set(['get', 'post', 'put', 'patch', 'delete']);

/** The class a tool's method belongs to; custom methods by their leading verb, else update. */
export function methodIntent(method: string): IntentClass {
  switch (method) {
    case 'list':
    case 'get':
      return 'read';
    case 'create':
      return 'create';
    case 'update':
      return 'update';
    case 'delete':
      return 'delete';
  }
  const lower = method.toLowerCase();
  if (DELETE_METHOD_WORDS.test(lower)) return 'delete';
  if (READ_METHOD_WORDS.test(lower)) return 'read';
  if (CREATE_METHOD_WORDS.test(lower)) return 'create';
  return 'update';
}

/** What `toolIntent` reads from a tool definition. */
export interface ToolShape {
  method?: string;
  resource?: string;
  required?: readonly string[];
  /** Its first word says what the tool does when the method does not ("Get a list of project issues"). */
  description?: string;
}

/**
 * What a description's first word says a tool does ("Get a list...", "Returns...", "Create..."): read only when the
 * method names no verb, as converters name a sub-collection's GET after its path (`projects/{id}/issues` → `issues`).
 */
const DESCRIPTION_VERBS: Readonly<Record<string, IntentClass>> = Object.fromEntries([
  ...'get gets list lists retrieve retrieves return returns show shows fetch fetches search searches find finds query read download downloads view count check'
    .split(' ')
    .map((verb) => [verb, 'read']),
  ...'create creates add adds post posts make upload uploads send sends generate generates register submit start trigger triggers fork'
    .split(' ')
    .map((verb) => [verb, 'create']),
  ...'update updates set sets edit edits modify modifies change changes move moves rename mark marks reset resets replace enable disable approve archive unarchive protect unprotect block unblock transfer'
    .split(' ')
    .map((verb) => [verb, 'update']),
  ...'delete deletes remove removes erase erases revoke revokes unsubscribe destroy'
    .split(' ')
    .map((verb) => [verb, 'delete']),
]) as Record<string, IntentClass>;

function descriptionIntent(description: string | undefined): IntentClass | undefined {
  const first = /^\s*([A-Za-z]+)/.exec(description ?? '')?.[1]?.toLowerCase();
  return first !== undefined && Object.hasOwn(DESCRIPTION_VERBS, first) ? DESCRIPTION_VERBS[first] : undefined;
}

/** Whether a method names a verb `methodIntent` knows, rather than falling back to update. */
function namesVerb(method: string): boolean {
  const lower = method.toLowerCase();
  return DELETE_METHOD_WORDS.test(lower) || READ_METHOD_WORDS.test(lower) || CREATE_METHOD_WORDS.test(lower);
}

const CRUD = new Set(['list', 'get', 'create', 'update', 'delete']);

/**
 * The class of change a tool makes, from its method, and where the method says little, from its resource and
 * whether it works on one record:
 *
 * - a custom method named after the HTTP verb (`post`, `put`: Stripe and Twilio update records by POSTing to them)
 *   updates when it takes a record's `id` and creates otherwise; `post_cancel`, `get_cash_balance`, `delete_discount`
 *   are classed by the verb after the HTTP one when there is one (`cancel`), else by the HTTP verb;
 * - CRUD methods over a resource whose name ends in a verb (`chat_delete`, `conversations_kick`: RPC-style APIs
 *   POST every call, so the converter calls them all `create`) are classed by that verb.
 */
export function toolIntent(tool: ToolShape): IntentClass {
  const method = (tool.method ?? '').replace(/_\d+$/, '');
  const takesId = tool.required?.includes('id') === true;
  const words = method
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  if (words.length > 0 && HTTP_VERBS.has(words[0]!)) {
    for (const word of words.slice(1)) {
      const verb = resourceVerbClass(word);
      if (verb) return verb;
    }
    if (words[0] === 'get') return 'read';
    if (words[0] === 'delete') return 'delete';
    if (words[0] === 'post') return takesId ? 'update' : 'create';
    return 'update';
  }
  if (method === 'create' || method === 'update' || method === 'delete') {
    const resourceWords = (tool.resource ?? '')
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter(Boolean);
    // The first word names the thing; a verb after it (`chat_delete`, `conversations_set_topic`) says the action.
    for (let at = resourceWords.length - 1; at >= 1; at--) {
      const verb = resourceVerbClass(resourceWords[at]!);
      if (verb) return verb;
    }
  }
  if (!CRUD.has(method) && !namesVerb(method)) {
    const described = descriptionIntent(tool.description);
    if (described) return described;
  }
  return methodIntent(method);
}

/**
 * How much a tool's score is multiplied by, given the request's intent: tools that do what was asked rise; tools
 * that would change something when the user only asked a question sink. Reads stay close to even for changes,
 * because a change usually needs a lookup first.
 */
export function intentFactor(request: IntentClass | undefined, tool: IntentClass): number {
  return request === undefined ? 1 : RANKER_PARAMETERS.intent[request][tool];
}
