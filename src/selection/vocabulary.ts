/**
 * The bridge between the words users say and the words APIs are written in. A user "texts" someone (the API has
 * `messages` and `sms`), asks "who is this shared with" (`collaborations`, `permissions`, `members`), wants to
 * "stop" a payout (`cancel`), "fix" an incident (`resolve`). BM25 alone cannot cross that gap; this table does.
 *
 * It is general on purpose: SaaS vocabulary across domains (people, messaging, files, payments, CRM, project and
 * incident management, HR, support, code), never one catalog's names. Each entry maps phrases a user might say to
 * terms an API might use; the request keeps its own words and gains the API's at a lower weight, so a catalog that
 * does use the user's word still ranks first. Phrases match on stems, so "texted", "texting" and "texts" all match
 * "text".
 */
import { stem } from './stem.js';
import { bareWord, wordsOf } from './words.js';

export interface Bridge {
  /** What users say: words or phrases (each phrase matched as a run of words). */
  say: readonly string[];
  /** What APIs call it. */
  api: readonly string[];
  /** How much an API term counts against a word of the request itself (1). @default EXPANSION_WEIGHT */
  weight?: number;
}

/** An API term's weight when it came from the bridge rather than from the request. */
export const EXPANSION_WEIGHT = 0.45;
/** How much more a multi-word phrase's terms weigh, and the most they may. */
const PHRASE_FACTOR = 1.6;
const PHRASE_WEIGHT_CAP = 0.85;
/** Later API terms of an entry weigh a little less than the first. */
const ORDER_DECAY = 0.1;
const MIN_ORDER_FACTOR = 0.6;

// The table. Keep entries general: would this mapping help in a catalog you have never seen?
export const BRIDGES: readonly Bridge[] = [
  // People and identity.
  {
    say: [
      'who',
      'whom',
      'whose',
      'someone',
      'somebody',
      'anyone',
      'anybody',
      'everyone',
      'everybody',
      'people',
      'person',
      'folks',
      'colleague',
      'coworker',
      'teammate',
      'staff',
      'engineer',
      'developer',
      'human',
    ],
    api: ['user', 'member', 'people', 'person'],
  },
  {
    say: ['who am i', 'logged in as', 'my profile', 'my account', 'about me', 'myself', 'current user'],
    api: ['me', 'current', 'profile', 'user'],
    weight: 0.7,
  },
  { say: ['customer', 'client', 'buyer', 'shopper', 'patron'], api: ['customer', 'client', 'contact', 'account'] },
  { say: ['lead', 'prospect'], api: ['lead', 'contact', 'prospect'] },
  {
    say: [
      'sign up',
      'signed up',
      'signup',
      'register',
      'registration',
      'joined',
      'onboard',
      'new user',
      'new customer',
    ],
    api: ['create', 'customer', 'user', 'contact', 'account', 'signup'],
  },
  {
    say: ['newest', 'latest', 'most recent', 'recently', 'recent', 'oldest', 'earliest'],
    api: ['created', 'sort', 'date', 'order', 'since'],
    weight: 0.3,
  },
  { say: ['owner', 'owns', 'owned', 'responsible', 'in charge'], api: ['owner', 'assignee', 'user'] },
  // Messaging and telephony.
  { say: ['text', 'texted', 'sms', 'mms', 'txt'], api: ['message', 'sms', 'text'], weight: 0.6 },
  {
    say: ['message', 'chat', 'dm', 'im', 'conversation', 'thread'],
    api: ['message', 'chat', 'conversation', 'thread'],
  },
  { say: ['call', 'phone', 'phoned', 'ring', 'rang', 'dial', 'voice'], api: ['call', 'phone', 'voice'] },
  { say: ['voicemail', 'voice mail', 'voicemails'], api: ['recording', 'call', 'voicemail', 'transcription'] },
  {
    say: ['hang up', 'hangup', 'end the call', 'drop the call', 'cut the call'],
    api: ['call', 'status', 'completed', 'update'],
  },
  { say: ['email', 'mail', 'e-mail', 'inbox', 'mailbox'], api: ['email', 'mail', 'message'] },
  { say: ['phone number', 'mobile number', 'cell'], api: ['phone', 'number', 'contact', 'method'] },
  {
    say: [
      'notify',
      'notified',
      'notification',
      'alert me',
      'ping me',
      'let me know',
      'tell me when',
      'keep me posted',
      'heads up',
      'get notified',
      'gets notified',
    ],
    api: ['notification', 'notify', 'subscription', 'subscribe', 'webhook', 'alert', 'follower', 'rule'],
    weight: 0.35,
  },
  {
    say: [
      'unfollow',
      'stop following',
      'stop watching',
      'stop notifying',
      'stop notifications',
      'no longer notify',
      'stop updates',
    ],
    api: ['remove', 'follower', 'unsubscribe', 'unfollow'],
    weight: 0.6,
  },
  { say: ['invite', 'invited', 'bring aboard'], api: ['add', 'user', 'member', 'invite'] },
  {
    say: ['keep an eye on', 'watch', 'follow', 'following', 'watcher', 'cc'],
    api: ['follower', 'follow', 'watch', 'subscribe', 'subscriber'],
  },
  // Sharing and access.
  {
    say: [
      'shared with',
      'share',
      'sharing',
      'access',
      'can see',
      'can view',
      'has access',
      'permission',
      'invite',
      'invited',
      'collaborator',
      'collaborate',
      'who can',
    ],
    api: ['collaboration', 'collaborator', 'permission', 'member', 'membership', 'access', 'share', 'invite'],
  },
  {
    say: ['grant', 'allow', 'approve', 'accept', 'sign off'],
    api: ['approve', 'grant', 'accept', 'approval', 'permission'],
  },
  { say: ['deny', 'reject', 'decline', 'refuse'], api: ['reject', 'deny', 'decline'] },
  // Verbs of change.
  {
    say: ['stop', 'halt', 'pause', 'suspend', 'freeze', 'hold'],
    api: ['cancel', 'pause', 'stop', 'suspend', 'disable', 'end', 'unsubscribe'],
  },
  {
    say: ['cancel', 'call off', 'abort', 'void', 'revoke', 'undo', 'reverse', 'withdraw'],
    api: ['cancel', 'void', 'revoke', 'reverse', 'delete', 'refund'],
  },
  {
    say: [
      'turn off',
      'switch off',
      'disable',
      'deactivate',
      'mute',
      'silence',
      'quiet',
      'shush',
      'stop pages',
      'stop paging',
    ],
    api: ['disable', 'deactivate', 'pause', 'snooze', 'maintenance', 'mute', 'status'],
  },
  {
    say: ['turn on', 'switch on', 'enable', 'activate', 'resume', 'reactivate', 'unpause', 'restart'],
    api: ['enable', 'activate', 'resume', 'status'],
  },
  {
    say: [
      'fix',
      'fixed',
      'close',
      'closed',
      'close out',
      'resolve',
      'resolved',
      'solved',
      'done',
      'complete',
      'completed',
      'finish',
      'finished',
      'wrap up',
      'all clear',
    ],
    api: ['resolve', 'close', 'complete', 'done', 'status', 'state'],
  },
  { say: ['ack', 'acknowledge', 'acknowledged', 'on it'], api: ['acknowledge', 'status', 'state'] },
  { say: ['reopen', 're-open'], api: ['reopen', 'open', 'status', 'state'] },
  {
    say: [
      'remove',
      'delete',
      'erase',
      'get rid of',
      'drop',
      'wipe',
      'purge',
      'destroy',
      'trash',
      'discard',
      'kick',
      'kick out',
      'take off',
      'take out',
      'left the company',
      'offboard',
      'leaver',
    ],
    api: ['delete', 'remove', 'archive', 'deactivate'],
  },
  { say: ['archive', 'shelve', 'retire'], api: ['archive', 'archived', 'delete', 'update'] },
  { say: ['restore', 'undelete', 'recover', 'bring back', 'unarchive'], api: ['restore', 'unarchive', 'untrash'] },
  {
    say: ['add', 'put', 'include', 'append', 'insert', 'bring onto', 'bring on', 'onto', 'join'],
    api: ['add', 'create', 'insert', 'member'],
  },
  {
    say: [
      'create',
      'make',
      'new',
      'set up',
      'setup',
      'spin up',
      'start',
      'open',
      'file',
      'raise',
      'log',
      'record',
      'jot',
      'jot down',
      'write down',
      'submit',
      'draft',
      'book',
      'post',
      'register',
      'establish',
    ],
    // Verbs of change bring in only the verb APIs use for it: intent weighs the kind of change, and "add" would
    // otherwise pull every add_* method into every creation.
    api: ['create'],
    weight: 0.35,
  },
  {
    say: [
      'change',
      'edit',
      'modify',
      'update',
      'adjust',
      'tweak',
      'alter',
      'set',
      'mark',
      'push',
      'postpone',
      'reschedule',
      'bump',
      'flip',
      'toggle',
    ],
    api: ['update', 'edit', 'modify'],
    weight: 0.35,
  },
  { say: ['rename', 'retitle', 'call it'], api: ['name', 'title', 'update'] },
  { say: ['move', 'relocate', 'shift', 'reorder', 'into'], api: ['move', 'update', 'insert', 'add', 'position'] },
  { say: ['copy', 'duplicate', 'clone'], api: ['duplicate', 'copy', 'clone'], weight: 0.7 },
  {
    say: [
      'combine',
      'merge',
      'consolidate',
      'dedupe',
      'deduplicate',
      'same person',
      'same company',
      'same thing',
      'fold into',
    ],
    api: ['merge', 'combine', 'duplicate'],
    weight: 0.7,
  },
  {
    say: [
      'link',
      'connect',
      'relate',
      'associate',
      'tie',
      'relies',
      'rely',
      'relies on',
      'depends on',
      'contributing',
      'contributes',
      'feeding into',
      'feeds into',
      'supports',
    ],
    api: ['associate', 'association', 'link', 'relationship', 'relation', 'connect', 'dependency', 'supporting'],
  },
  { say: ['unlink', 'disconnect', 'dissociate', 'detach'], api: ['disassociate', 'unlink', 'remove', 'delete'] },
  {
    say: [
      'working on',
      'works on',
      'involved in',
      'involved',
      'part of',
      'belong to',
      'belongs to',
      'members of',
      'on board',
    ],
    api: ['member', 'membership', 'team'],
  },
  {
    say: [
      'check-in',
      'checkin',
      'check in',
      'check-ins',
      'checkins',
      'progress report',
      'status report',
      'weekly update',
    ],
    api: ['status', 'update', 'report'],
  },
  {
    say: ['choice', 'choices', 'option', 'options', 'dropdown', 'drop-down', 'picklist', 'pick list', 'select list'],
    api: ['enum', 'option', 'field', 'custom'],
  },
  {
    say: ['field', 'fields', 'attribute', 'attributes', 'property', 'properties', 'custom field'],
    api: ['field', 'custom', 'property', 'attribute'],
  },
  { say: ['turn into', 'make into', 'save as', 'convert', 'convert into'], api: ['save', 'convert', 'template'] },
  {
    say: [
      'assign',
      'hand',
      'hand over',
      'hand off',
      'handoff',
      'give',
      'reassign',
      'delegate',
      'take over',
      'transfer',
    ],
    api: ['assign', 'assignee', 'owner', 'reassign', 'transfer', 'handoff'],
  },
  {
    say: ['reminder', 'to-do', 'todo', 'to do', 'action item', 'chore', 'on my plate', 'my work', 'my plate'],
    api: ['task', 'todo', 'reminder', 'assignee'],
  },
  {
    say: [
      'comment',
      'remark',
      'reply',
      'respond',
      'note',
      'jot',
      'annotate',
      'conversation history',
      'discussion',
      'discussed',
      'discuss',
    ],
    api: ['comment', 'note', 'story', 'reply', 'message', 'post'],
  },
  // Files.
  {
    say: [
      'upload',
      'attach',
      'attachment',
      'file',
      'files',
      'pdf',
      'document',
      'doc',
      'image',
      'photo',
      'picture',
      'screenshot',
      'video',
    ],
    api: ['attachment', 'file', 'upload', 'document'],
  },
  {
    say: ['download', 'export', 'dump', 'backup', 'csv', 'spreadsheet', 'excel'],
    api: ['export', 'download', 'content', 'file', 'report'],
  },
  { say: ['import', 'load', 'ingest', 'spreadsheet'], api: ['import', 'upload', 'create'] },
  { say: ['folder', 'directory'], api: ['folder'] },
  { say: ['share link', 'shared link', 'public link', 'link to'], api: ['shared', 'link', 'url'] },
  { say: ['trash', 'recycle bin', 'bin', 'deleted'], api: ['trash', 'delete', 'archived'] },
  { say: ['version', 'revision', 'previous version', 'older version'], api: ['version', 'revision'] },
  // Finding and reporting.
  {
    say: [
      'search',
      'find',
      'look up',
      'lookup',
      'locate',
      'look for',
      'mention',
      'mentioning',
      'mentions',
      'containing',
      'named',
      'called',
      'whose name',
      'matching',
    ],
    api: ['search', 'query', 'filter', 'find', 'text', 'name', 'typeahead'],
  },
  { say: ['count', 'how many', 'number of', 'total', 'tally'], api: ['count', 'total', 'metric', 'aggregate'] },
  {
    say: [
      'summary',
      'stats',
      'statistics',
      'metrics',
      'report',
      'reporting',
      'analytics',
      'trend',
      'kpi',
      'mean',
      'average',
      'median',
      'mttr',
      'mtta',
      'time to resolve',
      'time to acknowledge',
      'most',
      'the most',
    ],
    api: ['analytics', 'metric', 'aggregate', 'report', 'stat', 'insight'],
  },
  {
    say: [
      'history',
      'timeline',
      'log',
      'activity',
      'happened',
      'trail',
      'changes',
      'changed',
      'what changed',
      'edited',
      'who did what',
    ],
    api: ['log', 'entry', 'event', 'audit', 'history', 'activity', 'story', 'record', 'change'],
  },
  {
    say: ['audit', 'security trail', 'compliance', 'who edited', 'who changed'],
    api: ['audit', 'log', 'record', 'event'],
  },
  {
    say: ['preview', 'simulate', 'what would', 'without saving', "don't save", 'dry run', 'look like'],
    api: ['preview', 'simulate', 'draft'],
  },
  { say: ['test', 'try', 'ping', 'check it works'], api: ['test', 'ping'] },
  // Organising work.
  {
    say: ['label', 'labelled', 'labeled', 'tag', 'tagged', 'category', 'categorize', 'categorise'],
    api: ['tag', 'label', 'category'],
    weight: 0.7,
  },
  {
    say: ['priority', 'severity', 'sev', 'urgent', 'urgency', 'critical', 'p1', 'sev-1', 'sev1', 'important'],
    api: ['priority', 'severity', 'urgency'],
  },
  {
    say: ['status', 'state', 'progress', 'stage', 'phase', 'on track', 'off track'],
    api: ['status', 'state', 'stage', 'progress'],
  },
  { say: ['column', 'lane', 'bucket', 'swimlane', 'heading'], api: ['section', 'column', 'stage', 'status', 'group'] },
  { say: ['board', 'initiative', 'effort', 'workstream'], api: ['project', 'board'] },
  {
    say: ['blueprint', 'template', 'boilerplate', 'preset', 'reusable', 'from scratch'],
    api: ['template', 'instantiate'],
  },
  {
    say: ['objective', 'okr', 'goal', 'target', 'key result', 'aim', 'quota'],
    api: ['goal', 'objective', 'target', 'metric'],
  },
  {
    say: ['sub-goal', 'subgoal', 'sub-goals', 'subgoals', 'child goal'],
    api: ['goal', 'relationship', 'supporting', 'parent'],
  },
  {
    say: [
      'vacation',
      'holiday',
      'leave',
      'pto',
      'time off',
      'away',
      'out of office',
      'ooo',
      'off sick',
      'sick',
      'absent',
      'absence',
    ],
    api: ['ooo', 'leave', 'vacation', 'absence', 'time', 'off', 'entry'],
  },
  {
    say: [
      'hours',
      'hours logged',
      'time spent',
      'spent',
      'worked',
      'timesheet',
      'timecard',
      'billable',
      'minutes',
      'how much time',
    ],
    api: ['time', 'tracking', 'entry', 'timesheet', 'hour', 'duration', 'minute'],
  },
  { say: ['billing rate', 'hourly', 'rate', 'per hour'], api: ['rate', 'billing', 'cost'] },
  { say: ['budget', 'spend', 'spending', 'cost', 'costs'], api: ['budget', 'cost', 'spend', 'amount'] },
  {
    say: ['capacity', 'allocate', 'allocation', 'book time', 'workload', 'reserve'],
    api: ['allocation', 'allocate', 'capacity', 'workload'],
  },
  {
    say: [
      'subtask',
      'sub-task',
      'sub-item',
      'subitem',
      'child',
      'smaller pieces',
      'break into',
      'step',
      'steps',
      'checklist',
    ],
    api: ['subtask', 'child', 'parent', 'task'],
  },
  { say: ['parent', 'under', 'nested', 'nest'], api: ['parent'] },
  {
    say: [
      'block',
      'blocked',
      'blocking',
      'blocker',
      'depend',
      'dependency',
      'waiting on',
      'prerequisite',
      "can't start until",
      'until',
    ],
    api: ['dependency', 'dependent', 'depend', 'block', 'blocker'],
  },
  { say: ['portfolio', 'collection', 'program', 'programme'], api: ['portfolio'] },
  { say: ['favourite', 'favorite', 'starred', 'bookmark', 'bookmarked', 'pinned'], api: ['favorite', 'star', 'pin'] },
  {
    say: ['reaction', 'react', 'reacted', 'emoji', 'thumbs up', 'like', 'liked', 'heart'],
    api: ['reaction', 'emoji', 'like', 'heart'],
  },
  { say: ['role', 'roles', 'permission level', 'access level'], api: ['role', 'permission', 'access'] },
  {
    say: ['workspace', 'organization', 'organisation', 'org', 'company', 'domain', 'tenant', 'account'],
    api: ['workspace', 'organization', 'account', 'domain', 'company'],
  },
  { say: ['team', 'group', 'squad', 'department', 'crew', 'unit'], api: ['team', 'group'] },
  { say: ['task', 'item', 'card', 'ticket', 'issue', 'work item'], api: ['task', 'item', 'ticket', 'issue'] },
  {
    say: ['meeting', 'appointment', 'calendar', 'invite', 'event'],
    api: ['meeting', 'event', 'calendar', 'appointment'],
  },
  {
    say: ['webhook', 'callback', 'hook', 'notify our server', 'endpoint', 'url', 'our server', 'callbacks'],
    api: ['webhook', 'subscription', 'callback', 'hook', 'url', 'endpoint', 'target'],
  },
  // Incidents and on-call.
  {
    say: [
      'on call',
      'oncall',
      'on duty',
      'carrying the pager',
      'pager',
      'rotation',
      'rota',
      'roster',
      'shift',
      'shifts',
      'cover',
      'covering',
      'coverage',
    ],
    api: ['oncall', 'schedule', 'rotation', 'shift', 'override', 'escalation', 'layer'],
  },
  { say: ['cover for', 'swap', 'fill in', 'stand in', 'take over shift'], api: ['override', 'schedule'] },
  {
    say: [
      'page',
      'paged',
      'paging',
      'pages',
      'alert',
      'alerting',
      'wake up',
      'on fire',
      'firing',
      'outage',
      'down',
      'broken',
      'incident',
      'emergency',
      'problem',
    ],
    api: ['incident', 'alert', 'page', 'trigger', 'notification'],
  },
  {
    say: ['escalate', 'escalation', 'chain', 'next person', 'nobody answers'],
    api: ['escalation', 'policy', 'rule', 'escalate'],
  },
  {
    say: ['responder', 'help', 'assist', 'pull in', 'loop in', 'backup', 'reinforcement'],
    api: ['responder', 'request', 'add', 'conference'],
  },
  {
    say: [
      'stakeholders',
      'announce',
      'broadcast',
      'communicate',
      'tell everyone',
      'tell stakeholders',
      'inform',
      'status page',
      'public',
    ],
    api: ['status', 'update', 'subscriber', 'notification', 'announcement', 'post'],
  },
  {
    say: [
      'deploy',
      'deployed',
      'deploys',
      'deployment',
      'release',
      'released',
      'ship',
      'shipped',
      'rollout',
      'rolled out',
      'rollback',
      'build',
    ],
    api: ['change', 'event', 'deploy', 'release', 'version'],
  },
  {
    say: ['maintenance', 'planned', 'downtime', 'quiet period', 'quiet', 'outage window'],
    api: ['maintenance', 'window'],
  },
  {
    say: ['monitor', 'monitors', 'integration', 'hook up', 'plug in', 'datadog', 'nagios', 'cloudwatch', 'sentry'],
    api: ['integration', 'vendor', 'service'],
  },
  {
    say: ['microservice', 'app', 'application', 'component', 'system', 'service', 'backend', 'api server'],
    api: ['service', 'application', 'component', 'technical'],
  },
  { say: ['capability', 'capabilities', 'business'], api: ['business', 'service', 'capability'] },
  { say: ['degraded', 'impacted', 'affected', 'impact', 'down'], api: ['impact', 'impacted', 'status'] },
  {
    say: ['playbook', 'runbook', 'workflow', 'automation', 'automate', 'script', 'routine'],
    api: [
      'workflow',
      'automation',
      'action',
      'runbook',
      'rule',
      'playbook',
      'script',
      'invocation',
      'enroll',
      'sequence',
    ],
  },
  { say: ['rule', 'routing', 'route', 'filter rule'], api: ['rule', 'routing', 'router', 'orchestration', 'event'] },
  {
    say: ['kick off', 'run', 'execute', 'trigger', 'invoke', 'launch'],
    api: ['run', 'trigger', 'invocation', 'instance', 'execute', 'start'],
    weight: 0.6,
  },
  {
    say: ['similar', 'something like', 'seen before', 'happened before', 'like this', 'same as', 'resembles'],
    api: ['similar', 'past', 'related'],
  },
  {
    say: [
      'phone number',
      'email address',
      'contact details',
      'contact info',
      'reach',
      'reachable',
      'get notified',
      'gets notified',
      'how do i reach',
    ],
    api: ['contact', 'method', 'notification', 'rule'],
  },
  {
    say: [
      'feature',
      'features',
      'capability',
      'ability',
      'abilities',
      'plan',
      'entitlement',
      'can we use',
      'allowed to use',
    ],
    api: ['ability', 'feature', 'capability', 'entitlement', 'plan', 'license'],
  },
  { say: ['seat', 'seats', 'license', 'licence', 'licenses'], api: ['license', 'seat', 'allocation'] },
  { say: ['ip', 'ip range', 'ip ranges', 'allowlist', 'whitelist'], api: ['ip', 'allow', 'allowlist'] },
  { say: ['login', 'session', 'logged in', 'sign in', 'signed in'], api: ['session', 'login', 'auth'] },
  { say: ['api key', 'token', 'credential', 'secret'], api: ['key', 'token', 'credential', 'oauth'] },
  { say: ['handed off', 'hands off', 'handoff', 'hand off'], api: ['handoff', 'oncall', 'notification'] },
  // Money.
  {
    say: ['invoice', 'bill', 'billing', 'charge', 'charged', 'pay', 'paid', 'payment', 'receipt', 'checkout'],
    api: ['invoice', 'charge', 'payment', 'bill', 'billing', 'receipt'],
  },
  {
    say: ['refund', 'money back', 'reimburse', 'give back', 'chargeback'],
    api: ['refund', 'reversal', 'credit', 'dispute'],
  },
  {
    say: ['payout', 'bank', 'withdraw', 'withdrawal', 'deposit', 'settle', 'settlement', 'wire'],
    api: ['payout', 'transfer', 'bank', 'balance', 'settlement'],
  },
  {
    say: ['subscription', 'recurring', 'renew', 'renewal', 'membership plan'],
    api: ['subscription', 'plan', 'recurring', 'renewal'],
  },
  { say: ['price', 'pricing', 'how much', 'fee', 'fees', 'cost'], api: ['price', 'amount', 'cost', 'fee', 'rate'] },
  { say: ['buy', 'purchase', 'order', 'provision'], api: ['purchase', 'order', 'buy', 'available'] },
  {
    say: ['payment link', 'checkout link', 'pay link', 'checkout page', 'payment page'],
    api: ['payment', 'link', 'checkout', 'session'],
  },
  {
    say: ['how much did we spend', 'spent on', 'spend on', 'bill for', 'charges for', 'cost of'],
    api: ['usage', 'cost', 'billing', 'record'],
  },
  { say: ['tax', 'vat', 'gst', 'sales tax'], api: ['tax', 'rate'] },
  { say: ['missed', 'unanswered', 'no answer', 'went unanswered'], api: ['status', 'missed', 'answer'] },
  {
    say: ['upgrade', 'upgrading', 'downgrade', 'switch plan', 'change plan', 'change their plan'],
    api: ['plan', 'subscription', 'price', 'upgrade'],
  },
  { say: ['trial', 'free trial', 'trial period'], api: ['trial', 'subscription'] },
  { say: ['discount', 'coupon', 'promo', 'promo code', 'voucher'], api: ['coupon', 'discount', 'promotion', 'promo'] },
  { say: ['card', 'credit card', 'payment method', 'debit card'], api: ['card', 'payment', 'method', 'source'] },
  { say: ['dispute', 'chargeback', 'contested'], api: ['dispute', 'chargeback'] },
  {
    say: ['balance', 'funds', 'money', 'revenue', 'income', 'earnings'],
    api: ['balance', 'amount', 'revenue', 'transaction', 'deal'],
  },
  {
    say: ['product', 'sku', 'catalog', 'catalogue', 'offering', 'plan'],
    api: ['product', 'sku', 'item', 'catalog', 'price'],
  },
  { say: ['quote', 'estimate', 'offer', 'quotation'], api: ['quote', 'estimate', 'proposal'] },
  {
    say: ['deal', 'opportunity', 'opportunities', 'sale', 'won', 'lost'],
    api: ['deal', 'opportunity', 'stage', 'pipeline'],
  },
  { say: ['currency', 'exchange rate', 'fx'], api: ['currency', 'exchange', 'rate'] },
  // Marketing, support, HR, code.
  { say: ['segment', 'audience', 'cohort', 'mailing list'], api: ['list', 'segment', 'audience', 'membership'] },
  { say: ['form', 'submitted', 'submission'], api: ['form', 'submission'] },
  {
    say: ['survey', 'feedback', 'satisfaction', 'nps', 'csat', 'rating', 'review'],
    api: ['feedback', 'survey', 'submission', 'rating'],
  },
  {
    say: ['unsubscribe', 'opt out', 'opt-out', 'no more emails'],
    api: ['unsubscribe', 'subscription', 'opt', 'preference', 'communication'],
  },
  {
    say: ['forget', 'forgotten', 'gdpr', 'personal data', 'privacy', 'erase'],
    api: ['gdpr', 'delete', 'privacy', 'erase'],
  },
  {
    say: ['usage', 'quota', 'limit', 'limits', 'api calls', 'consumption', 'used'],
    api: ['usage', 'limit', 'quota', 'rate'],
  },
  { say: ['recording', 'recorded'], api: ['recording'] },
  { say: ['transcript', 'transcription', 'transcribe', 'speech to text'], api: ['transcription', 'transcript'] },
  { say: ['conference', 'conference call', 'bridge'], api: ['conference', 'call'] },
  {
    say: ['employee', 'hire', 'hired', 'new hire', 'worker', 'headcount'],
    api: ['employee', 'hire', 'worker', 'person', 'user'],
  },
  {
    say: ['fire', 'fired', 'terminate', 'let go', 'offboarding'],
    api: ['terminate', 'termination', 'deactivate', 'delete'],
  },
  { say: ['salary', 'payroll', 'compensation', 'paycheck', 'wage'], api: ['payroll', 'compensation', 'salary', 'pay'] },
  { say: ['job', 'position', 'opening', 'vacancy', 'requisition'], api: ['job', 'position', 'opening'] },
  { say: ['candidate', 'applicant', 'application', 'applied'], api: ['candidate', 'application', 'applicant'] },
  {
    say: ['case', 'request for help', 'complaint', 'help desk', 'helpdesk', 'support request'],
    api: ['ticket', 'case', 'issue', 'request', 'support'],
  },
  { say: ['article', 'knowledge base', 'help article', 'faq', 'docs'], api: ['article', 'knowledge', 'document'] },
  { say: ['repository', 'repo', 'codebase'], api: ['repository', 'repo'] },
  { say: ['pull request', 'pr', 'merge request', 'code review'], api: ['pull', 'request', 'review'] },
  { say: ['bug', 'defect', 'glitch'], api: ['issue', 'bug', 'defect', 'ticket'] },
];

/** One phrase, as stems, and the stemmed API terms it brings in. */
export interface CompiledBridge {
  phrase: readonly string[];
  terms: readonly string[];
  weight: number;
}

let compiled: Map<string, CompiledBridge[]> | undefined;

/**
 * The table keyed by the first stem of each phrase, so matching a request costs one map read per word. Built once
 * per process.
 */
export function compiledBridges(): ReadonlyMap<string, CompiledBridge[]> {
  if (compiled) return compiled;
  compiled = new Map();
  for (const bridge of BRIDGES) {
    const terms = [...new Set(bridge.api.flatMap((term) => wordsOf(term).map((word) => stem(bareWord(word)))))];
    for (const phrase of bridge.say) {
      const stems = wordsOf(phrase).map((word) => stem(bareWord(word)));
      if (stems.length === 0) continue;
      const entry: CompiledBridge = { phrase: stems, terms, weight: bridge.weight ?? EXPANSION_WEIGHT };
      const list = compiled.get(stems[0]!);
      if (list) list.push(entry);
      else compiled.set(stems[0]!, [entry]);
    }
  }
  return compiled;
}

/** One match of the table in a request: where, and the API terms it brings in with their weights. */
export interface BridgeMatch {
  start: number;
  /** Words matched (1 for a single word). */
  length: number;
  terms: Map<string, number>;
}

/**
 * Where the table matches a request. `stems` is the request's every word (stop words included, so that phrases like
 * "shared with" and "out of office" match), stemmed. Phrases are matched first and claim their words: "on fire"
 * brings in incidents, and its "fire" then brings in nothing on its own (no dismissals).
 */
export function bridgeMatches(stems: readonly string[]): BridgeMatch[] {
  const table = compiledBridges();
  const matches: BridgeMatch[] = [];
  const inPhrase = new Set<number>();
  for (const phrases of [true, false]) {
    for (let start = 0; start < stems.length; start++) {
      if (!phrases && inPhrase.has(start)) continue;
      const candidates = table.get(stems[start]!);
      if (!candidates) continue;
      for (const candidate of candidates) {
        const { phrase } = candidate;
        if (phrase.length > 1 !== phrases) continue;
        let matched = start + phrase.length <= stems.length;
        for (let offset = 1; matched && offset < phrase.length; offset++) {
          if (stems[start + offset] !== phrase[offset]) matched = false;
        }
        if (!matched) continue;
        // A phrase ("on fire", "carrying the pager") is an idiom: it says more than its words, which say less.
        const weight = phrases ? Math.min(PHRASE_WEIGHT_CAP, candidate.weight * PHRASE_FACTOR) : candidate.weight;
        const terms = new Map<string, number>();
        // The API terms are listed most fitting first.
        candidate.terms.forEach((term, order) => {
          terms.set(term, weight * Math.max(MIN_ORDER_FACTOR, 1 - ORDER_DECAY * order));
        });
        matches.push({ start, length: phrase.length, terms });
        if (phrases) for (let offset = 0; offset < phrase.length; offset++) inPhrase.add(start + offset);
      }
    }
  }
  return matches;
}

/** Every API term the table brings in for `stems`, with the highest weight any match gives it. */
export function bridgeTerms(stems: readonly string[]): Map<string, number> {
  const found = new Map<string, number>();
  for (const match of bridgeMatches(stems)) {
    for (const [term, weight] of match.terms) found.set(term, Math.max(found.get(term) ?? 0, weight));
  }
  return found;
}
