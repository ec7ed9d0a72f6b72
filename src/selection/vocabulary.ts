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
/** "app" for `applications`, "repository" for `repos`: a short form weighs nearly as much as the word. */
const SHORT_FORM_WEIGHT = 0.9;
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
    say: [
      'who am i',
      'logged in as',
      'signed in as',
      'connected as',
      'my profile',
      'my account',
      'about me',
      'myself',
      'current user',
    ],
    api: ['me', 'current', 'profile', 'user', 'myself'],
    weight: 0.7,
  },
  {
    say: ['customer', 'client', 'buyer', 'shopper', 'patron', 'payer', 'purchaser', 'guest'],
    api: ['customer', 'client', 'contact', 'account'],
  },
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
  {
    say: [
      'archive',
      'shelve',
      'retire',
      'close down',
      'shut down',
      'wind down',
      'done with it',
      'read only',
      'read-only',
      'cold storage',
      'mothball',
    ],
    api: ['archive', 'archived', 'delete', 'update'],
  },
  {
    say: ['answer', 'answered', 'reply', 'replied', 'respond', 'responded', 'write back'],
    api: ['reply', 'response', 'answer', 'comment', 'message'],
  },
  {
    say: ['restore', 'undelete', 'recover', 'bring back', 'unarchive', 'get it back', 'undo the delete', 'by accident'],
    api: ['restore', 'unarchive', 'untrash', 'recover'],
  },
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
  { say: ['copy', 'duplicate', 'clone', 'replicate'], api: ['duplicate', 'copy', 'clone', 'replicate'], weight: 0.7 },
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
    say: ['working on', 'works on', 'involved in', 'involved', 'part of', 'belong to', 'belongs to', 'members of'],
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
      'how did',
      'how well',
      'perform',
      'performance',
      'results',
      'open rate',
      'click rate',
      'clicks',
      'engagement',
      'breakdown',
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
    api: ['tag', 'label', 'category', 'group', 'segment'],
    weight: 0.7,
  },
  {
    say: ['priority', 'severity', 'sev', 'urgent', 'urgency', 'critical', 'p1', 'sev-1', 'sev1'],
    api: ['priority', 'severity', 'urgency'],
  },
  {
    say: ['status', 'state', 'progress', 'stage', 'phase', 'on track', 'off track'],
    api: ['status', 'state', 'stage', 'progress'],
  },
  {
    say: ['column', 'lane', 'bucket', 'swimlane', 'heading'],
    api: ['section', 'column', 'stage', 'status', 'group', 'list'],
  },
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
  {
    say: ['favourite', 'favorite', 'starred', 'bookmark', 'bookmarked', 'pinned'],
    api: ['favorite', 'star', 'pin', 'bookmark', 'link'],
  },
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
    say: ['meeting', 'appointment', 'calendar', 'invite', 'event', 'reservation', 'appointments'],
    api: ['meeting', 'event', 'calendar', 'appointment', 'booking', 'reservation'],
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
  {
    say: ['log out', 'logout', 'sign out', 'log off', 'kick out', 'end session', 'end sessions', 'logged out'],
    api: ['signout', 'logout', 'sign', 'session', 'revoke'],
    weight: 0.7,
  },
  { say: ['permission', 'permissions', 'privilege', 'privileges'], api: ['privilege', 'permission', 'scope'] },
  { say: ['subtitle', 'subtitles', 'closed captions', 'transcript'], api: ['caption', 'subtitle', 'transcript'] },
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
    say: [
      'product',
      'sku',
      'catalog',
      'catalogue',
      'offering',
      'plan',
      'menu',
      'merchandise',
      'goods',
      'listing',
      'tier',
    ],
    api: ['product', 'item', 'catalog', 'sku', 'price', 'variant'],
  },
  { say: ['quote', 'estimate', 'offer', 'quotation'], api: ['quote', 'estimate', 'proposal'] },
  {
    say: ['deal', 'opportunity', 'opportunities', 'sale', 'won', 'lost'],
    api: ['deal', 'opportunity', 'stage', 'pipeline'],
  },
  { say: ['currency', 'exchange rate', 'fx'], api: ['currency', 'exchange', 'rate'] },

  // Payments, in more of users' words.
  {
    say: ['reaches the bank', 'hits the bank', 'to the bank', 'to our bank', 'cash out', 'bank transfer', 'paid out'],
    api: ['payout', 'bank', 'transfer', 'account'],
    weight: 0.6,
  },
  {
    say: ['pay back', 'paid back', 'return the money', 'money back', 'reimburse', 'reimbursement'],
    api: ['refund', 'reversal', 'credit'],
    weight: 0.7,
  },
  {
    say: ['claw back', 'pull back', 'take back', 'undo the transfer'],
    api: ['reversal', 'reverse', 'refund'],
    weight: 0.6,
  },
  {
    say: ['fee', 'fees', 'processing fee', 'processing fees', 'commission', 'cut', 'take rate'],
    api: ['fee', 'balance', 'transaction', 'application'],
  },
  {
    say: ['how much money', 'money in', 'sitting in', 'available funds', 'funds', 'credit left', 'left on the account'],
    api: ['balance', 'fund', 'available'],
    weight: 0.6,
  },
  {
    say: ['take in', 'took in', 'takings', 'sales', 'sold', 'revenue', 'earned', 'income', 'turnover'],
    api: ['payment', 'charge', 'order', 'transaction', 'sale'],
  },
  {
    say: ['declined', 'failed payment', 'failed payments', 'bounced', 'rejected card', 'did not go through'],
    api: ['charge', 'payment', 'status', 'fail', 'decline'],
  },
  {
    say: ['chargeback', 'chargebacks', 'contest', 'contesting', 'contested', 'disputing', 'disputed'],
    api: ['dispute', 'chargeback'],
    weight: 0.7,
  },
  {
    say: ['concede', 'give up on', 'accept the loss', 'not going to fight', "won't fight", 'not fight'],
    api: ['close', 'accept', 'dispute'],
    weight: 0.6,
  },
  { say: ['evidence', 'proof', 'tracking number'], api: ['evidence', 'dispute', 'submit'] },
  {
    say: ['write off', 'written off', 'uncollectible', 'bad debt', 'never going to pay', 'never pay'],
    api: ['uncollectible', 'mark', 'void'],
    weight: 0.7,
  },
  {
    say: ['membership', 'memberships', 'plan', 'recurring plan', 'club'],
    api: ['subscription', 'plan', 'membership'],
  },
  {
    say: ['will be billed', 'next bill', 'upcoming bill', 'next invoice', 'upcoming invoice', 'billed next'],
    api: ['upcoming', 'invoice', 'preview'],
    weight: 0.7,
  },
  {
    say: ['discount code', 'coupon code', 'promo code', 'off code', 'code', 'percent off', '% off', 'off everything'],
    api: ['promotion', 'coupon', 'code', 'discount'],
  },
  {
    say: ['card on file', 'save a card', 'saved card', 'saved cards', 'save a new card', 'cards saved', 'wallet'],
    api: ['payment', 'method', 'card', 'source', 'setup'],
    weight: 0.6,
  },
  {
    say: ['capture', 'authorised', 'authorized', 'authorisation', 'authorization', 'pre-auth', 'hold funds'],
    api: ['capture', 'authorization', 'intent'],
  },
  {
    say: ['credit note', 'knock off', 'take off the invoice', 'partial credit', 'credit'],
    api: ['credit', 'note', 'adjustment'],
  },
  {
    say: ['seller', 'sellers', 'connected account', 'merchant', 'vendor', 'marketplace seller'],
    api: ['account', 'connected', 'merchant', 'vendor'],
  },
  {
    say: ['unpaid', 'outstanding', 'overdue', 'owed', 'owing', 'past due', 'not paid'],
    api: ['status', 'unpaid', 'due', 'invoice', 'open'],
  },
  { say: ['gift card', 'gift cards', 'voucher', 'store credit'], api: ['gift', 'card', 'credit'] },
  {
    say: ['loyalty', 'points', 'bonus points', 'rewards', 'reward', 'stamps'],
    api: ['loyalty', 'point', 'reward', 'account'],
  },
  // Commerce.
  {
    say: ['stock', 'in stock', 'out of stock', 'left in stock', 'how many left', 'inventory', 'on hand', 'have left'],
    api: ['inventory', 'stock', 'count', 'quantity', 'status'],
  },
  {
    say: ['shop', 'shops', 'store', 'stores', 'branch', 'branches', 'outlet', 'venue', 'premises'],
    api: ['location', 'store', 'shop', 'site'],
  },
  {
    say: ['opening hours', 'business hours', 'open hours', 'hours of operation'],
    api: ['location', 'hour', 'business'],
  },
  {
    say: [
      'shipped',
      'ship',
      'delivered',
      'delivery',
      'parcel',
      'package',
      'packed',
      'tracking',
      'dispatch',
      'dispatched',
    ],
    api: ['fulfillment', 'shipment', 'shipping', 'tracking', 'status'],
  },
  {
    say: ['shipping option', 'delivery option', 'free delivery', 'free shipping', 'shipping rate', 'postage'],
    api: ['shipping', 'method', 'rate'],
    weight: 0.7,
  },
  {
    say: ['pay at checkout', 'ways to pay', 'payment options', 'how can customers pay', 'payment option'],
    api: ['payment', 'method'],
    weight: 0.7,
  },
  {
    say: ['size', 'sizes', 'colour', 'colours', 'color', 'colors', 'variant', 'variants', 'flavour', 'flavor'],
    api: ['variant', 'option', 'value'],
  },
  {
    say: ['section', 'collection', 'aisle', 'department', 'menu section'],
    api: ['category', 'collection', 'section'],
  },
  {
    say: ['ask for', 'extra field', 'checkout field', 'collect at checkout', 'at checkout'],
    api: ['custom', 'field', 'checkout'],
  },
  { say: ['address', 'shipping address', 'billing address'], api: ['address', 'shipping', 'billing'] },
  {
    say: ['promotion', 'sale', 'campaign', 'discount campaign', 'deal of the day'],
    api: ['promotion', 'discount', 'campaign', 'coupon'],
  },
  {
    say: ['whenever', 'every time', 'each time', 'as soon as', 'let us know'],
    api: ['webhook', 'hook', 'subscription', 'trigger', 'event', 'notification'],
    weight: 0.35,
  },
  // Bookings and staff.
  {
    say: ['free', 'available', 'availability', 'open slot', 'slots', 'free slot', 'vacancy'],
    api: ['availability', 'available', 'slot'],
    weight: 0.4,
  },
  {
    say: ['clock in', 'clocked in', 'clock out', 'clocked out', 'hours worked', 'on shift', 'punch in'],
    api: ['shift', 'timecard', 'labor', 'time', 'attendance'],
    weight: 0.7,
  },
  {
    say: ['pay rate', 'hourly pay', 'wage', 'wages', 'salary', 'raise', 'pay rise', 'pay'],
    api: ['wage', 'pay', 'rate', 'compensation', 'salary'],
  },
  {
    say: ['staff', 'employees', 'team members', 'works at', 'work here', 'barista', 'cashier', 'crew'],
    api: ['team', 'member', 'employee', 'staff'],
  },
  // Files.
  {
    say: [
      'edit access',
      'view access',
      'view-only',
      'view only',
      'viewer',
      'editor',
      'read-only',
      'read only',
      'can edit',
      'can comment',
      'let edit',
    ],
    api: ['permission', 'collaboration', 'role', 'access', 'share'],
    weight: 0.6,
  },
  {
    say: ['stop sharing', 'unshare', 'revoke access', 'remove access', 'no longer share', 'take away access'],
    api: ['collaboration', 'permission', 'remove', 'delete', 'share'],
    weight: 0.7,
  },
  {
    say: ['anyone can open', 'anyone with the link', 'public url', 'public link', 'open link', 'link that anyone'],
    api: ['shared', 'link', 'public', 'url'],
    weight: 0.7,
  },
  {
    say: ['roll back', 'rollback', 'revert', 'restore version', 'go back to', 'earlier version', 'earlier versions'],
    api: ['version', 'revision', 'restore', 'promote', 'current'],
    weight: 0.6,
  },
  { say: ['permanently', 'forever', 'for good', 'for ever'], api: ['permanent', 'delete', 'trash'], weight: 0.35 },
  {
    say: ["what's in", 'what is in', 'inside', 'contents', 'items in'],
    api: ['item', 'content', 'folder', 'list'],
    weight: 0.35,
  },
  {
    say: ['lock', 'prevent', 'protect', 'freeze', 'read only folder'],
    api: ['lock', 'protect'],
  },
  { say: ['watermark', 'stamp'], api: ['watermark'] },
  {
    say: ['recently', 'recent', 'recently opened', 'recent files', 'opened recently', 'last opened'],
    api: ['recent', 'item', 'activity'],
    weight: 0.35,
  },
  {
    say: ['storage', 'space left', 'quota', 'disk space', 'how much space'],
    api: ['storage', 'quota', 'usage', 'about', 'space'],
  },
  {
    say: ['new draft', 'new version', 'overwrite', 'replace the file', 'updated copy'],
    api: ['version', 'content', 'upload'],
    weight: 0.6,
  },
  // Messaging and telephony.
  {
    say: ['photo', 'photos', 'picture', 'pictures', 'image', 'images', 'media', 'mms', 'attachment'],
    api: ['media', 'image', 'attachment', 'file'],
  },
  {
    say: ['in writing', 'written out', 'transcribed', 'what did they say', 'what was said', 'word for word'],
    api: ['transcription', 'transcript'],
    weight: 0.6,
  },
  {
    say: ['buy a number', 'new number', 'local number', 'area code', 'toll free', 'toll-free', 'vanity number'],
    api: ['available', 'phone', 'number', 'incoming', 'local'],
    weight: 0.6,
  },
  {
    say: ['our numbers', 'numbers we own', 'numbers do we', 'phone numbers', 'number', 'numbers'],
    api: ['phone', 'number', 'incoming'],
  },
  {
    say: ['release the number', 'give up the number', 'port out', 'drop the number'],
    api: ['phone', 'number', 'delete', 'release'],
    weight: 0.6,
  },
  {
    say: ['pass', 'exceed', 'exceeds', 'threshold', 'spending limit', 'goes over', 'go over', 'reach'],
    api: ['trigger', 'threshold', 'usage', 'limit'],
    weight: 0.35,
  },
  {
    say: ['participant', 'participants', 'attendee', 'attendees', 'on the call', 'on the bridge', 'dialled in'],
    api: ['participant', 'member', 'attendee'],
  },
  {
    say: ['waiting', 'on hold', 'hold line', 'in line', 'callers waiting', 'queue', 'queued', 'hold'],
    api: ['queue', 'wait', 'pending', 'member'],
  },
  {
    say: ['caller id', 'caller-id', 'show as', 'display number', 'outgoing number'],
    api: ['caller', 'outgoing', 'verify'],
    weight: 0.6,
  },
  { say: ['subaccount', 'sub-account', 'sub account', 'child account'], api: ['account', 'subaccount'] },
  {
    say: ['errors', 'error', 'warnings', 'warning', 'error log', 'alerts', 'debugger'],
    api: ['notification', 'alert', 'error', 'log', 'event', 'warning'],
  },
  {
    say: ['redact', 'scrub', 'blank out', 'remove the body', 'contained a card number', 'sensitive'],
    api: ['redact', 'body', 'update'],
    weight: 0.6,
  },
  {
    say: ['short code', 'short codes', 'shortcode', 'shortcodes'],
    api: ['short', 'code', 'shortcode', 'sms'],
  },
  {
    say: ['reach the customer', 'get delivered', 'was it delivered', 'delivery status', 'reach them', 'did it arrive'],
    api: ['status', 'delivery', 'message'],
    weight: 0.5,
  },
  {
    say: ['channel', 'channels', 'room', 'rooms', 'chatroom', 'group chat'],
    api: ['channel', 'conversation', 'room', 'group'],
  },
  {
    say: ['say', 'said', 'saying', 'talked', 'talking', 'posted', 'wrote', 'written'],
    api: ['message', 'history', 'conversation', 'post', 'comment'],
    weight: 0.35,
  },
  {
    say: ['direct message', 'dm', 'privately', 'private message', 'one-on-one'],
    api: ['message', 'conversation', 'open', 'im', 'direct'],
  },
  { say: ['typo', 'reword', 'correct the message'], api: ['update', 'edit', 'message'], weight: 0.6 },
  {
    say: ['take down', 'unsend', 'unpublish', 'pull down', 'retract'],
    api: ['delete', 'remove', 'unpublish', 'cancel'],
    weight: 0.6,
  },
  {
    say: ['online', 'offline', 'away', 'active right now', 'around', 'presence'],
    api: ['presence', 'status', 'active'],
    weight: 0.6,
  },
  {
    say: ['do not disturb', 'dnd', 'silence my notifications', 'snooze notifications', 'pause notifications'],
    api: ['dnd', 'snooze', 'notification'],
    weight: 0.6,
  },
  { say: ['status title', 'my title', 'job title', 'profile', 'bio'], api: ['profile', 'title', 'user'] },
  {
    say: ['logged into', 'logged in from', 'sign-ins', 'signins', 'logins', 'access log', 'access logs'],
    api: ['access', 'log', 'login', 'session'],
    weight: 0.6,
  },
  { say: ['permalink', 'link to the message', 'link to a message'], api: ['permalink', 'link', 'url'], weight: 0.6 },
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
  // Not "opening": it stems to "open", and every "open a ticket" would bring in job openings.
  {
    say: ['job', 'position', 'job opening', 'open position', 'open role', 'vacancy', 'requisition'],
    api: ['job', 'position', 'opening'],
  },
  { say: ['candidate', 'applicant', 'application', 'applied'], api: ['candidate', 'application', 'applicant'] },
  {
    say: ['case', 'request for help', 'complaint', 'help desk', 'helpdesk', 'support request'],
    api: ['ticket', 'case', 'issue', 'request', 'support'],
  },
  { say: ['article', 'knowledge base', 'help article', 'faq', 'docs'], api: ['article', 'knowledge', 'document'] },
  { say: ['repository', 'repo', 'codebase'], api: ['repository', 'repo'] },
  {
    say: [
      'pull request',
      'pr',
      'prs',
      'merge request',
      'mr',
      'mrs',
      'code review',
      'code reviews',
      'patch',
      'code changes',
      'waiting to get merged',
      'waiting to be merged',
      'unmerged',
    ],
    api: ['merge', 'pull', 'request', 'review', 'pullrequest', 'mergerequest'],
  },
  // Code hosting and CI: what developers say about builds, commits, releases and settings.
  {
    say: ['ci', 'ci job', 'ci run', 'ci runs', 'build', 'builds', 'nightly', 'job', 'jobs', 'checks', 'workflow run'],
    api: ['build', 'job', 'pipeline', 'run', 'ci'],
  },
  {
    say: ['rerun', 're-run', 'retry', 'run again', 'try again', 'redo', 'restart'],
    api: ['retry', 'rerun', 'restart', 'run'],
    weight: 0.6,
  },
  {
    say: ['output', 'console', 'console output', 'build log', 'job log', 'stack trace', 'trace', 'logs'],
    api: ['trace', 'log', 'output'],
  },
  {
    say: ['pushed code', 'push code', 'committed', 'commit', 'commits', 'source code', 'code'],
    api: ['commit', 'repository', 'file', 'contributor'],
  },
  {
    say: ['diff', 'touch', 'touched', 'what changed in', 'changed files', 'files changed', 'line changes'],
    api: ['diff', 'change', 'changes', 'file'],
  },
  {
    say: ['release notes', 'changelog', 'change log', 'cut a release', 'cut a tag', 'what shipped'],
    api: ['release', 'tag', 'note', 'version', 'description'],
    weight: 0.6,
  },
  {
    say: ['secret', 'secrets', 'env var', 'env vars', 'environment variable', 'environment variables', 'config var'],
    api: ['variable', 'secret', 'environment', 'key'],
  },
  {
    say: ['land', 'landed', 'ship it', 'get it in'],
    api: ['merge', 'accept'],
  },
  // People and access.
  {
    say: ['lock out', 'locked out', 'ban', 'banned', 'shut out', 'cut off access', 'suspend the account', 'suspend'],
    api: ['block', 'ban', 'suspend', 'deactivate', 'disable'],
    weight: 0.6,
  },
  {
    say: [
      'stop emailing',
      'stop emails',
      'stop getting emails',
      'stop sending me',
      'no more notifications',
      'stop notifying me',
    ],
    api: ['unsubscribe', 'subscription', 'notification', 'unwatch'],
    weight: 0.6,
  },
  // Planning.
  {
    say: ['estimate', 'guess', 'will take', 'how long it will take', 'expected effort', 'story points'],
    api: ['estimate', 'time', 'duration', 'point'],
  },
  {
    say: ['deadline', 'deadlines', 'due', 'due date', 'due by', 'target date'],
    api: ['due', 'date', 'milestone', 'deadline'],
  },
  { say: ['bug', 'defect', 'glitch'], api: ['issue', 'bug', 'defect', 'ticket'] },
  // More of what developers say.
  { say: ['snippet', 'snippets', 'paste', 'scratch file'], api: ['gist', 'snippet', 'paste'] },
  {
    say: ['publish', 'ship', 'put out', 'cut a release', 'new version', 'latest version', 'changelog'],
    api: ['release', 'version', 'publish', 'tag'],
  },
  {
    say: ['look over', 'take a look', 'look at my', 'sign off', 'lgtm', 'second pair of eyes', 'reviewer'],
    api: ['review', 'reviewer', 'request', 'approve'],
  },
  {
    say: ['vulnerable', 'vulnerability', 'vulnerabilities', 'cve', 'security hole', 'exploit', 'insecure'],
    api: ['vulnerability', 'alert', 'advisory', 'security', 'scan'],
  },
  {
    say: ['what changed between', 'difference between', 'changed between', 'diff between', 'compare'],
    api: ['compare', 'diff', 'commit'],
  },
  {
    say: ['pipeline', 'pipelines', 'workflow run', 'ci build', 'deploy job'],
    api: ['run', 'workflow', 'job', 'action'],
  },
  { say: ['kill', 'hung', 'stuck', 'terminate', 'abort'], api: ['cancel', 'stop', 'terminate', 'delete'] },
  // Mail and marketing.
  {
    say: ['from address', 'from-address', 'send from', 'sending address', 'reply-to', 'sender', 'senders'],
    api: ['sender', 'from', 'verified', 'identity', 'domain'],
  },
  {
    say: ['deliverable', 'real address', 'valid address', 'typo in the address', 'does it exist'],
    api: ['validation', 'validate', 'verify', 'check'],
  },
  { say: ['inbox', 'unread', 'mentions', 'what needs my attention'], api: ['notification', 'inbox', 'unread'] },
  { say: ['mark as read', 'mark read', 'clear my', 'dismiss'], api: ['read', 'notification', 'dismiss', 'seen'] },
  {
    say: ['bounced', 'bounce', 'bounces', 'blocked address', 'spam report', 'do not email', 'never email'],
    api: ['bounce', 'suppression', 'block', 'spam', 'unsubscribe'],
  },
  // Cloud infrastructure.
  {
    say: ['server', 'servers', 'machine', 'machines', 'vm', 'vms', 'virtual machine', 'instance', 'instances', 'host'],
    api: ['droplet', 'instance', 'server', 'machine', 'vm', 'host', 'node'],
  },
  {
    say: ['dns', 'dns entries', 'dns records', 'cname', 'a record', 'mx record'],
    api: ['record', 'dns', 'domain', 'zone'],
  },
  {
    say: ['cert', 'certs', 'ssl', 'tls', "let's encrypt", 'https certificate'],
    api: ['certificate', 'ssl', 'tls', 'cert'],
  },
  {
    say: ['reboot', 'restart', 'power off', 'power on', 'shut down', 'power cycle', 'resize'],
    api: ['action', 'power', 'reboot', 'restart', 'shutdown', 'resize'],
  },
  { say: ['static ip', 'public ip', 'elastic ip', 'ip address'], api: ['ip', 'floating', 'reserved', 'address'] },
  { say: ['owe', 'how much do we owe', 'amount due', 'outstanding balance'], api: ['balance', 'due', 'invoice'] },
  {
    say: ['roll back', 'rollback', 'revert', 'put back live', 'previous deploy'],
    api: ['rollback', 'restore', 'deploy'],
  },
  // Mailing lists and e-commerce marketing.
  {
    say: ['subscriber', 'subscribers', 'subscribed', 'opted in', 'recipient', 'recipients', 'signup'],
    api: ['member', 'subscriber', 'contact', 'recipient', 'customer'],
  },
  { say: ['design', 'designs', 'layout', 'starting point'], api: ['template', 'design', 'layout'] },
  { say: ['basket', 'shopping cart', 'abandoned', 'without checking out'], api: ['cart', 'checkout', 'abandoned'] },
  { say: ['make live', 'make it live', 'go live', 'put live', 'take live', 'unpublish'], api: ['publish', 'live'] },
  { say: ['in one go', 'in bulk', 'all at once', 'en masse', 'one at a time'], api: ['batch', 'bulk', 'import'] },
  {
    say: ['erasure', 'erase', 'right to be forgotten', 'all his data', 'all her data'],
    api: ['delete', 'permanent', 'erase', 'redact', 'scrub'],
  },
  { say: ['line up', 'go out', 'send later', 'queue it'], api: ['schedule', 'send', 'queue'] },
  { say: ['push it out', 'send it out', 'blast', 'send now'], api: ['send', 'publish', 'deliver'] },
  { say: ['subject line', 'preview text', 'from name'], api: ['subject', 'setting', 'campaign', 'email'] },
  { say: ['gain', 'gained', 'grew', 'growth', 'lost', 'churned'], api: ['growth', 'history', 'activity', 'churn'] },
  // Meetings and webinars.
  {
    say: ['signed up for', 'registered for', 'rsvp', 'rsvps', 'registered', 'on the guest list'],
    api: ['registrant', 'registration', 'attendee', 'participant'],
  },
  {
    say: ['join link', 'passcode', 'dial-in', 'dial in', 'meeting link', 'invite link'],
    api: ['invitation', 'join', 'meeting', 'url'],
  },
  {
    say: ['showed up', 'attended', 'who came', 'who joined', 'attendance', 'no-shows'],
    api: ['participant', 'attendee', 'absentee', 'report'],
  },
  {
    say: ['upgrade', 'bump up', 'promote to', 'paid seat', 'licensed'],
    api: ['type', 'plan', 'license', 'role', 'update'],
  },
  {
    say: ['shift money', 'move money', 'move funds', 'shift funds', 'top up', 'sweep'],
    api: ['transfer', 'bank', 'payout'],
  },
  // Calls in progress.
  {
    say: ['put through to', 'send the caller', 'forward the call', 'over to', 'connect them to', 'hand the call'],
    api: ['transfer', 'forward', 'bridge'],
  },
  {
    say: ['cut off', 'shut it off', 'turn it off', 'switch off', 'block access'],
    api: ['disable', 'deactivate', 'suspend'],
  },
  {
    say: ['right code', 'verification code', 'one-time code', 'otp', 'read back', '2fa code', 'confirm the code'],
    api: ['verify', 'verification', 'otp', 'code'],
  },
  {
    say: ['minutes used', 'minutes did we use', 'usage', 'what did it cost', 'spend on calls', 'call costs'],
    api: ['usage', 'report', 'cost', 'detail', 'record'],
  },
  // Social networks.
  { say: ['post', 'posts', 'tweet', 'tweets', 'status update'], api: ['tweet', 'post', 'status'] },
  {
    say: ['reshare', 'reshared', 'repost', 'reposted', 'retweet', 'retweeted', 'boost'],
    api: ['retweet', 'repost', 'share'],
  },
  { say: ['saved posts', 'saved for later', 'read it later', 'read later', 'stashed'], api: ['bookmark', 'saved'] },
  {
    say: ['hashtag', 'people saying', 'mentions of', 'chatter', 'buzz'],
    api: ['search', 'recent', 'mention', 'tweet'],
  },
  { say: ['direct message', 'dm', 'dms', 'private message'], api: ['dm', 'direct', 'message', 'conversation'] },
  { say: ['card payment', 'card payments', 'card charge', 'charged their card'], api: ['charge', 'payment', 'intent'] },
  // Payments in person.
  { say: ['card reader', 'card readers', 'payment terminal', 'pos device'], api: ['terminal', 'device', 'reader'] },
  { say: ['ways to pay', 'ways can customers pay', 'payment options'], api: ['payment', 'method', 'setting'] },
  // Mailboxes.
  {
    say: [
      'out of office',
      'out-of-office',
      'ooo',
      'auto reply',
      'auto-reply',
      'autoreply',
      'away message',
      'on holiday',
    ],
    api: ['vacation', 'autoreply', 'away', 'out of office'],
  },
  { say: ['email rules', 'inbox rules', 'mail rules', 'rule that', 'rules that'], api: ['filter', 'rule'] },
  // Sales.
  {
    say: ['demo', 'intro call', 'sales call', 'sync with', 'catch up with'],
    api: ['meeting', 'call', 'event', 'appointment'],
  },
  { say: ['proposal', 'price proposal', 'offer', 'estimate for'], api: ['quote', 'proposal', 'estimate'] },
  { say: ['seats of', 'units of', 'licenses of', 'add product to'], api: ['line', 'item', 'product', 'quantity'] },
  {
    say: ['who downloaded', 'who viewed', 'who opened', 'who accessed', 'who looked at', 'access log', 'audit trail'],
    api: ['event', 'audit', 'access', 'log', 'activity'],
  },
  // Trackers: what people say about a ticket's life.
  {
    say: [
      'move to done',
      'move it to',
      'mark as done',
      'set status',
      'change status',
      'change the status',
      'progress it',
    ],
    api: ['transition', 'status', 'state', 'workflow'],
  },
  {
    say: ['keep me in the loop', 'keep me posted', 'loop me in', 'cc me', 'keep an eye on', 'updates on'],
    api: ['watcher', 'watch', 'subscriber', 'subscribe', 'follower', 'notification'],
  },
  {
    say: ['upvote', 'thumbs up', 'vote for', 'me too', 'need this too', 'plus one'],
    api: ['vote', 'reaction', 'like'],
  },
  {
    say: ['tell everyone', 'let everyone know', 'tell the team', 'write back', 'respond on', 'reply on', 'say on'],
    api: ['comment', 'reply', 'message', 'note'],
  },
  {
    say: ['who changed', 'who bumped', 'who set', 'who moved', 'who edited', 'when was it changed', 'change history'],
    api: ['changelog', 'history', 'audit', 'event', 'activity', 'action'],
  },
  { say: ['lately', 'recently', 'of late', 'last few'], api: ['recent', 'activity', 'history'] },
  {
    say: ['activity log', 'activity feed', 'what happened on', 'what has happened', 'goings on'],
    api: ['action', 'activity', 'event', 'log', 'history', 'feed'],
  },
  // Banking.
  {
    say: ['bank connection', 'bank link', 'linked bank', 'connected bank', 'log in again', 're-authenticate'],
    api: ['item', 'connection', 'link', 'institution', 'login'],
  },
  { say: ['spend', 'spent', 'spending', 'purchases', 'what did they buy'], api: ['transaction', 'spend', 'purchase'] },
  { say: ['debit', 'pull money', 'ach', 'wire'], api: ['transfer', 'payment', 'debit', 'ach'] },
  {
    say: ['kyc', 'id check', 'identity check', 'verify identity', 'know your customer'],
    api: ['identity', 'verification', 'kyc'],
  },
  { say: ['payee', 'payees', 'beneficiary'], api: ['recipient', 'payee', 'beneficiary', 'contact'] },
  {
    say: ['brokerage', 'stocks', 'funds', 'portfolio', 'holdings', 'securities', 'shares'],
    api: ['investment', 'holding', 'security', 'portfolio'],
  },
  // Short forms and their long ones, both ways: the same word said two ways, so nearly as strong as the word.
  ...[
    ['app', 'application'],
    ['repo', 'repository'],
    ['org', 'organization'],
    ['env', 'environment'],
    ['config', 'configuration'],
    ['info', 'information'],
    ['admin', 'administrator'],
    ['doc', 'document'],
    ['msg', 'message'],
    ['pic', 'picture'],
    ['pwd', 'password'],
    ['stats', 'statistics'],
    ['dept', 'department'],
    ['acct', 'account'],
    ['txn', 'transaction'],
    ['addr', 'address'],
    ['qty', 'quantity'],
    ['db', 'database'],
    ['vm', 'virtual machine'],
    ['sub', 'subscription'],
    ['auth', 'authorization'],
    ['cert', 'certificate'],
    ['spec', 'specification'],
    ['temp', 'template'],
    ['prefs', 'preferences'],
    ['params', 'parameters'],
  ].flatMap(([short, long]) => [
    { say: [short!], api: [long!], weight: SHORT_FORM_WEIGHT },
    { say: [long!], api: [short!], weight: SHORT_FORM_WEIGHT },
  ]),
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
