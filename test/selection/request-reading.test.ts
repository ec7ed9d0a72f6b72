/**
 * How the ranker reads a request: what it asks for when a statement or a question comes first, which of its words
 * are names or content rather than words about the tool, and how that reading moves small catalogs' rankings.
 * Each catalog here is written for these tests, in Truto's shape.
 */

import { describe, expect, it } from 'vitest';
import { requestIntent } from '../../src/selection/intent.js';
import { readRequestFor } from '../../src/selection/lookups.js';
import { prefixedIds } from '../../src/selection/record-ids.js';
import { isIdentifier, readRequest } from '../../src/selection/references.js';
import { rankCatalog } from '../../src/selection/select.js';
import { selectionIndexFor } from '../../src/selection/selection-index.js';
import { stem } from '../../src/selection/stem.js';
import { wordsOf } from '../../src/selection/words.js';
import { names, SHOP_CUSTOMER_TOOLS, tools } from './support/shop-catalog.js';

const top = (catalog: ReturnType<typeof tools>, request: string, limit: number) =>
  names(rankCatalog(catalog, request, { limit }));
const intentOf = (text: string) => requestIntent(wordsOf(text), text);
const byId = { type: 'object', properties: { id: { type: 'string' } } } as const;

describe('what a request asks for', () => {
  it('takes the command after a statement of what happened', () => {
    expect(intentOf('The customer closed their account with us. Disconnect their bank link')).toBe('delete');
    // The statement alone would read as an update ("closed").
    expect(intentOf('The customer closed their account with us')).toBe('update');
  });

  it('keeps a question asked first as the request, whatever command follows', () => {
    expect(intentOf('What does message 18c2 say? Open it up for me')).toBe('read');
    // The command alone would create ("open").
    expect(intentOf('Open it up for me')).toBe('create');
  });

  it('reads blunt verbs and phrasal verbs of telephony and keys', () => {
    expect(intentOf('Kill API key K1 now')).toBe('delete');
    expect(intentOf('Hang up call CA8f3e2')).toBe('update');
    expect(intentOf('Ring +442071234567')).toBe('create');
  });

  it('takes a statement of what happened, before a comma, as context for the command after it', () => {
    expect(intentOf('I deleted file 9001 by accident, bring it back')).toBe('update');
    // Said as a wish, the same verb is the command.
    expect(intentOf('I want to delete file 9')).toBe('delete');
  });

  it('reads "every time …" as a standing rule to make, whatever verb opens the request', () => {
    expect(intentOf('Have acme/shop ping https://x.io/hook every time someone pushes')).toBe('create');
    // Asked as a question, it is still a read.
    expect(intentOf('Have we had a ping every time someone pushes?')).toBe('read');
  });
});

describe('reading names, content and values out of a request', () => {
  const KINDS = new Set(['project', 'issue', 'order', 'customer', 'release', 'ticket', 'message', 'session']);
  const isKind = (word: string) => KINDS.has(word.replace(/s$/, ''));
  const read = (text: string) => readRequest(text, { isKind, isKnownWord: isKind });

  it('reads an owner/repo slug as a name, but not either/or words or dates', () => {
    const slug = read('Open a pull request on acme/web-app');
    expect([...slug.nameWords]).toEqual(expect.arrayContaining(['acme/web-app', 'acme', 'web', 'app']));
    const eitherOr = read('Assign it to Sam and/or Lee');
    expect(eitherOr.nameWords.has('and/or')).toBe(false);
    expect(eitherOr.nameWords.has('and')).toBe(false);
    expect(eitherOr.nameWords.has('or')).toBe(false);
    expect(read('List invoices due 10/12').nameWords.has('10/12')).toBe(false);
  });

  it('reads what the user wants said as content, not words about the tool', () => {
    const herRefund = read("Refund order 55 and let her know we've processed her refund");
    expect([...herRefund.nameWords]).toEqual(expect.arrayContaining(['processed', 'refund']));
    const reporter = read("Close ticket 12 and tell the reporter we can't reproduce the crash");
    expect([...reporter.nameWords]).toEqual(expect.arrayContaining(['reporter', 'reproduce', 'crash']));
    expect(read('Post in #ops saying the build is green').nameWords.has('build')).toBe(true);
    // "let me know" asks for an answer; it says nothing to anyone.
    const letMeKnow = read("Look into ticket 12 and let me know what's wrong");
    expect(letMeKnow.nameWords.has('know')).toBe(false);
    expect(letMeKnow.nameWords.has('wrong')).toBe(false);
  });

  it('reads a version number as a version and a name', () => {
    const release = read('Publish release v3.1.0 today');
    expect(release.values.version).toBe(true);
    expect(release.nameWords.has('v3.1.0')).toBe(true);
    expect(read('Publish the release today').values.version).toBe(false);
  });

  it('reads "the 20 newest customers" as a count and a state, not a name', () => {
    const newest = read('Show me the 20 newest customers');
    expect(newest.references).toEqual([]);
    expect(newest.nameWords.has('newest')).toBe(false);
    // A capitalised modifier still names one: "the Q3 Launch project".
    expect(read('Archive the Q3 Launch project').references).toContainEqual(
      expect.objectContaining({ kind: 'project', person: false }),
    );
  });

  it('does not read an id that starts with a capital as a person', () => {
    const session = read('Get session Xk3mP9qa for me');
    expect(session.references.some((reference) => reference.person)).toBe(false);
    expect(session.nameWords.has('xk3mp9qa')).toBe(true);
    expect(read('Get the sessions of Priya').references).toContainEqual({ name: 'Priya', person: true });
  });

  it('does not read the digits of a hex id as a phone number', () => {
    const message = read('Find message 5f0e1d2c3b4a59687766aabb');
    expect(message.values.phone).toBe(false);
    expect(message.nameWords.has('5f0e1d2c3b4a59687766aabb')).toBe(true);
    expect(read('Text +1 555 010 0199').values.phone).toBe(true);
  });

  it('reads "order #1042" as an order given by number, and a bare "#17" as a ticket', () => {
    const order = read('Refund order #1042');
    expect(order.values.ticket).toBe(false);
    expect(order.identifiedKinds.has('order')).toBe(true);
    expect(read('Close #17, it is fixed').values.ticket).toBe(true);
  });
});

/** An issue tracker: issues at the centre, watchers of an issue, and statuses, priorities and async tasks around. */
const TRACKER = tools([
  {
    name: 'list_all_jira_issues',
    description: 'Search for issues using JQL.',
    resource: 'issues',
    method: 'list',
    query_schema: { type: 'object', properties: { jql: { type: 'string' } } },
  },
  {
    name: 'get_single_jira_issue_by_id',
    description: 'Get an issue. Returns the details of an issue.',
    resource: 'issues',
    method: 'get',
    query_schema: byId,
    required: ['id'],
  },
  { name: 'create_a_jira_issue', description: 'Create an issue.', resource: 'issues', method: 'create' },
  {
    name: 'update_a_jira_issue_by_id',
    description: 'Edit an issue.',
    resource: 'issues',
    method: 'update',
    query_schema: byId,
    required: ['id'],
  },
  {
    name: 'delete_a_jira_issue_by_id',
    description: 'Delete an issue.',
    resource: 'issues',
    method: 'delete',
    query_schema: byId,
    required: ['id'],
  },
  {
    name: 'list_all_jira_issue_watchers',
    description: 'Get issue watchers. Returns the watchers for an issue.',
    resource: 'issue_watchers',
    method: 'list',
    query_schema: { type: 'object', properties: { issue_id: { type: 'string' } } },
    required: ['issue_id'],
  },
  {
    name: 'create_a_jira_issue_watcher',
    description: 'Add watcher. Adds a user as a watcher of an issue.',
    resource: 'issue_watchers',
    method: 'create',
    required: ['issue_id'],
  },
  {
    name: 'delete_a_jira_issue_watcher_by_id',
    description: 'Remove watcher. Removes a user as a watcher from an issue.',
    resource: 'issue_watchers',
    method: 'delete',
    required: ['issue_id', 'id'],
  },
  {
    name: 'list_all_jira_issue_comments',
    description: 'Get comments. Returns all comments for an issue.',
    resource: 'issue_comments',
    method: 'list',
    required: ['issue_id'],
  },
  {
    name: 'list_all_jira_statuses',
    description: 'Get all statuses. Returns the statuses issues can be in.',
    resource: 'statuses',
    method: 'list',
  },
  {
    name: 'list_all_jira_priorities',
    description: 'Get priorities. Returns the list of issue priorities.',
    resource: 'priorities',
    method: 'list',
  },
  {
    name: 'get_single_jira_task_by_id',
    description: 'Get task. Returns the status of a long-running asynchronous task.',
    resource: 'tasks',
    method: 'get',
    query_schema: byId,
    required: ['id'],
  },
  {
    name: 'delete_a_jira_task_by_id',
    description: 'Cancel task. Cancels a long-running asynchronous task.',
    resource: 'tasks',
    method: 'delete',
    query_schema: byId,
    required: ['id'],
  },
  {
    name: 'list_all_jira_users',
    description: 'Find users. Returns users that match a query.',
    resource: 'users',
    method: 'list',
    query_schema: { type: 'object', properties: { query: { type: 'string' } } },
  },
]);

describe('a ticket key in a tracker', () => {
  it("names the tracker's central kind of record", () => {
    expect(readRequestFor(selectionIndexFor(TRACKER), 'Show me PROJ-12').ticketHead).toBe(stem('issue'));
  });

  it('ranks that kind first, above other records a ticket might be (an async task)', () => {
    expect(top(TRACKER, 'Show me PROJ-12', 1)).toEqual(['get_single_jira_issue_by_id']);
    expect(top(TRACKER, 'Delete PROJ-12', 1)).toEqual(['delete_a_jira_issue_by_id']);
  });

  it('reaches the watchers of an issue from "watching" and "following" (the one who watches)', () => {
    expect(top(TRACKER, "Who's watching PROJ-12?", 1)).toEqual(['list_all_jira_issue_watchers']);
    expect(top(TRACKER, 'Who is following PROJ-12?', 1)).toEqual(['list_all_jira_issue_watchers']);
  });
});

/** Telephony: calls are the subject, and queues, usage and recordings all speak of calls too. */
const TELEPHONY = tools([
  {
    name: 'list_all_tel_calls',
    description: 'List calls. Calls made to and from your account, newest first.',
    resource: 'calls',
    method: 'list',
    query_schema: {
      type: 'object',
      properties: {
        from: { type: 'string', description: 'Phone number the call came from.' },
        start_time_after: { type: 'string' },
      },
    },
  },
  {
    name: 'create_a_tel_call',
    description: 'Make a call. Places an outbound call to a phone number.',
    resource: 'calls',
    method: 'create',
    body_schema: { type: 'object', properties: { to: { type: 'string' }, from: { type: 'string' } } },
  },
  {
    name: 'list_all_tel_call_recordings',
    description: 'List the recordings of a call.',
    resource: 'calls_recordings',
    method: 'list',
    required: ['call_id'],
  },
  {
    name: 'list_all_tel_call_notifications',
    description: 'List the notifications (errors and warnings) raised during a call.',
    resource: 'calls_notifications',
    method: 'list',
    required: ['call_id'],
  },
  {
    name: 'list_all_tel_conferences',
    description: 'List conferences. Conference calls and their participants.',
    resource: 'conferences',
    method: 'list',
  },
  {
    name: 'list_all_tel_queues',
    description: 'List queues. Queues hold incoming calls until an agent answers.',
    resource: 'queues',
    method: 'list',
  },
  {
    name: 'list_all_tel_queue_members',
    description: 'List the calls waiting in a queue.',
    resource: 'queues_members',
    method: 'list',
    required: ['queue_id'],
  },
  {
    name: 'list_all_tel_usage_records',
    description: 'List usage records. Calls, messages and minutes your account used, by category and period.',
    resource: 'usage_records',
    method: 'list',
    query_schema: {
      type: 'object',
      properties: {
        category: { type: 'string', enum: ['calls', 'sms', 'recordings'] },
        start_date: { type: 'string' },
        end_date: { type: 'string' },
      },
    },
  },
  {
    name: 'list_all_tel_messages',
    description: 'List messages. SMS and MMS sent and received.',
    resource: 'messages',
    method: 'list',
    query_schema: { type: 'object', properties: { date_sent_after: { type: 'string' } } },
  },
  {
    name: 'list_all_tel_incoming_phone_numbers',
    description: 'List phone numbers. The phone numbers on your account and where their calls go.',
    resource: 'incoming_phone_numbers',
    method: 'list',
  },
]);

describe('a verb that is the catalog’s subject', () => {
  it('reads "who called us" as a question about calls', () => {
    const ranked = top(TELEPHONY, 'Who called us yesterday?', 2);
    expect(ranked).toContain('list_all_tel_calls');
    expect(ranked).not.toContain('create_a_tel_call');
    expect(top(TELEPHONY, 'Who called me back?', 2)).toContain('list_all_tel_calls');
    // "calls" is the verb's form too: as the catalog's subject it weighs as a noun.
    expect(top(TELEPHONY, 'Show the calls from +15550100', 2)).toContain('list_all_tel_calls');
  });
});

/** Mail: a custom `send` command beside marketing campaigns that are sent too. */
const MAIL = tools([
  {
    name: 'mail_send',
    description: 'v3 Mail Send. Delivers a message over the Web API to the recipients in its personalizations.',
    resource: 'mail',
    method: 'send',
    body_schema: {
      type: 'object',
      properties: {
        personalizations: { type: 'array', description: 'Recipients and their substitutions.' },
        from: { type: 'object' },
        subject: { type: 'string' },
        content: { type: 'array' },
      },
    },
  },
  {
    name: 'mail_batch',
    description: 'Create a batch ID. A batch groups mail sends so they can be paused or cancelled together.',
    resource: 'mail',
    method: 'batch',
  },
  {
    name: 'create_a_mail_campaign',
    description: 'Send an email campaign. Creates a marketing email and sends it to the contacts of one or more lists.',
    resource: 'campaigns',
    method: 'create',
    body_schema: {
      type: 'object',
      properties: {
        title: { type: 'string' },
        subject: { type: 'string' },
        list_ids: { type: 'array' },
        html_content: { type: 'string' },
      },
    },
  },
  {
    name: 'list_all_mail_campaigns',
    description: 'List email campaigns. The marketing emails you have sent or scheduled to send.',
    resource: 'campaigns',
    method: 'list',
  },
  {
    name: 'list_all_mail_contacts',
    description: 'List contacts. Search the contacts of your marketing lists by email.',
    resource: 'contacts',
    method: 'list',
    query_schema: { type: 'object', properties: { email: { type: 'string' } } },
  },
  {
    name: 'create_a_mail_contact',
    description: 'Add or update contacts.',
    resource: 'contacts',
    method: 'create',
    body_schema: { type: 'object', properties: { email: { type: 'string' } } },
  },
  {
    name: 'list_all_mail_templates',
    description: 'List templates. Transactional email templates.',
    resource: 'templates',
    method: 'list',
  },
  {
    name: 'create_a_mail_template',
    description: 'Create a transactional email template.',
    resource: 'templates',
    method: 'create',
  },
  {
    name: 'list_all_mail_suppressions_bounces',
    description: 'List bounces. Email addresses that bounced.',
    resource: 'suppressions_bounces',
    method: 'list',
    query_schema: { type: 'object', properties: { email: { type: 'string' } } },
  },
]);

describe('a custom method named by the request’s verb', () => {
  it('puts the `send` command above campaigns that send email too', () => {
    const ranked = top(MAIL, 'Send an email to bob@x.com', 2);
    expect(ranked[0]).toBe('mail_send');
  });
});

/** GitHub: every tool name carries `github_`, which no resource or method does. */
const GITHUB = tools([
  {
    name: 'github_releases_list',
    description: 'List releases. The releases of a repository, newest first.',
    resource: 'releases',
    method: 'list',
    required: ['owner', 'repo'],
  },
  {
    name: 'github_releases_create',
    description: 'Create a release. Publishes a release for a tag, with its notes.',
    resource: 'releases',
    method: 'create',
    body_schema: {
      type: 'object',
      properties: {
        tag_name: { type: 'string' },
        name: { type: 'string' },
        body: { type: 'string', description: 'Text describing the contents of the release.' },
        generate_release_notes: {
          type: 'boolean',
          description: 'Automatically generate the name and body for this release.',
        },
      },
    },
    required: ['owner', 'repo', 'tag_name'],
  },
  {
    name: 'github_releases_update',
    description: 'Update a release.',
    resource: 'releases',
    method: 'update',
    required: ['owner', 'repo', 'id'],
  },
  {
    name: 'github_git_refs_create',
    description: 'Create a reference. Creates a git reference (a branch or a tag) pointing at a commit.',
    resource: 'git_refs',
    method: 'create',
    body_schema: { type: 'object', properties: { ref: { type: 'string' }, sha: { type: 'string' } } },
    required: ['owner', 'repo'],
  },
  {
    name: 'github_git_refs_list',
    description: 'List matching references. Git references (branches and tags) matching a name.',
    resource: 'git_refs',
    method: 'list',
    required: ['owner', 'repo'],
  },
  {
    name: 'github_git_tags_create',
    description: 'Create a tag object. Creates an annotated git tag.',
    resource: 'git_tags',
    method: 'create',
    required: ['owner', 'repo'],
  },
  {
    name: 'github_tags_list',
    description: 'List repository tags.',
    resource: 'tags',
    method: 'list',
    required: ['owner', 'repo'],
  },
  {
    name: 'github_pulls_list',
    description: 'List pull requests.',
    resource: 'pulls',
    method: 'list',
    required: ['owner', 'repo'],
  },
  {
    name: 'github_commits_list',
    description: 'List commits.',
    resource: 'commits',
    method: 'list',
    required: ['owner', 'repo'],
  },
  {
    name: 'github_repos_contents_update',
    description: 'Create or update file contents. Writes a file in a repository, as a new commit.',
    resource: 'repos_contents',
    method: 'update',
    body_schema: { type: 'object', properties: { message: { type: 'string' }, content: { type: 'string' } } },
    required: ['owner', 'repo', 'path'],
  },
]);

describe("the integration's own name", () => {
  const request = 'let GitHub write the changelog for release v1.2.0';

  it('is a name, whole and in its camel-case parts', () => {
    const reading = readRequestFor(selectionIndexFor(GITHUB), request);
    expect([...reading.nameWords]).toEqual(expect.arrayContaining(['github', 'git', 'hub']));
    expect(reading.values.version).toBe(true);
  });

  it('does not pull in tools that merely say "git" in their resource', () => {
    const ranked = top(GITHUB, request, 3);
    expect(ranked[0]).toBe('github_releases_create');
    const gitTools = ranked.filter((name) => name.startsWith('github_git_'));
    expect(gitTools).toEqual([]);
  });
});

/** Payments: customers, and the people (owners, directors) of connected accounts. */
const PAYMENTS = tools([
  ...SHOP_CUSTOMER_TOOLS,
  {
    name: 'list_all_shop_account_people',
    description:
      'List persons. The people associated with a connected account: its owners, directors and representatives.',
    resource: 'account_people',
    method: 'list',
    query_schema: {
      type: 'object',
      properties: {
        account: { type: 'string' },
        relationship: {
          type: 'object',
          properties: { owner: { type: 'boolean' }, director: { type: 'boolean' } },
        },
      },
    },
    required: ['account'],
  },
  {
    name: 'create_a_shop_account_person',
    description: 'Create a person. Adds a person to a connected account.',
    resource: 'account_people',
    method: 'create',
    required: ['account'],
  },
  { name: 'list_all_shop_accounts', description: 'List connected accounts.', resource: 'accounts', method: 'list' },
  {
    name: 'list_all_shop_subscriptions',
    description: 'List subscriptions. The recurring plans customers are signed up to.',
    resource: 'subscriptions',
    method: 'list',
    query_schema: { type: 'object', properties: { customer: { type: 'string' } } },
  },
  {
    name: 'list_all_shop_invoices',
    description: 'List invoices. Invoices sent to customers, newest first.',
    resource: 'invoices',
    method: 'list',
    query_schema: { type: 'object', properties: { customer: { type: 'string' } } },
  },
  {
    name: 'list_all_shop_charges',
    description: 'List charges. Payments made by customers.',
    resource: 'charges',
    method: 'list',
  },
]);

describe('"people" and "who" when the request says which persons', () => {
  it('step back: the customers list, not the people of accounts', () => {
    const ranked = top(PAYMENTS, 'Who are the 20 newest people to sign up as customers?', 2);
    expect(ranked[0]).toBe('list_all_shop_customers');
  });
});

describe('ids with a UUID or a long mixed code', () => {
  it('reads a kind prefix before a UUID, and a longer prefix before a long code, but not snake_case words', () => {
    expect(prefixedIds('apps under orga_5b2e91c4-7a0d-4f3e-9c61-2d8f0a7b4e13').map((id) => id.prefix)).toEqual([
      'orga',
    ]);
    expect(prefixedIds('balance of account_in71c4amph0vgo2qllky').map((id) => id.prefix)).toEqual(['account']);
    expect(prefixedIds('sort by created_at2 or updated_at')).toEqual([]);
  });

  it('names the catalog kind a UUID id’s prefix stands for', () => {
    const index = selectionIndexFor(CLOUD);
    const reading = readRequestFor(index, 'What apps do we have under orga_5b2e91c4-7a0d-4f3e-9c61-2d8f0a7b4e13?');
    expect(reading.idKinds.map((kind) => kind.heads)).toEqual([[stem('organisations')]]);
    // The UUID's pieces are no search terms.
    expect(reading.nameWords.has('7a0d')).toBe(true);
  });

  it('reads a long code of capitals, small letters and digits as an id, dashes and all', () => {
    expect(isIdentifier('M7lc1UVf-VE')).toBe(true);
    expect(isIdentifier('dQw4w9WgXcQ')).toBe(true);
    expect(isIdentifier('SEV-1')).toBe(false);
    expect(isIdentifier('WordPress')).toBe(false);
  });
});

const CLOUD = tools([
  {
    name: 'list_all_cloud_organisation_applications',
    description: 'List the applications of an organisation.',
    resource: 'organisations_applications',
    method: 'list',
  },
  {
    name: 'list_all_cloud_services',
    description: 'List services. An app may run several services.',
    resource: 'services',
    method: 'list',
  },
  {
    name: 'get_single_cloud_organisation_by_id',
    description: 'Get an organisation.',
    resource: 'organisations',
    method: 'get',
    query_schema: byId,
  },
  {
    name: 'list_all_cloud_organisation_members',
    description: 'List the members of an organisation.',
    resource: 'organisations_members',
    method: 'list',
  },
]);

describe('the same word written another way', () => {
  it('stems British spellings as the American ones', () => {
    expect(stem('organisation')).toBe(stem('organizations'));
    expect(stem('cheque')).toBe(stem('checks'));
    expect(stem('favourite')).toBe(stem('favorites'));
    expect(stem('centre')).toBe(stem('center'));
    expect(stem('authorised')).toBe(stem('authorized'));
    // Words that only end like British verbs stay themselves.
    expect(stem('raise')).toBe('rais');
    expect(stem('premise')).toBe('premis');
  });

  it('reads a short form as its long one: "apps" are the applications, not services', () => {
    expect(top(CLOUD, 'show me all our apps', 1)).toEqual(['list_all_cloud_organisation_applications']);
  });
});

const CHANNEL_TOOLS = tools([
  {
    name: 'list_all_video_super_chat_events',
    description: 'Retrieves a list of resources, possibly filtered.',
    resource: 'super_chat_events',
    method: 'list',
  },
  {
    name: 'list_all_video_live_chat_messages',
    description: 'Retrieves a list of resources, possibly filtered.',
    resource: 'live_chat_messages',
    method: 'list',
  },
  {
    name: 'list_all_video_live_chat_bans',
    description: 'Retrieves a list of resources, possibly filtered.',
    resource: 'live_chat_bans',
    method: 'list',
  },
  {
    name: 'video_users_sign_out',
    description: 'Ends every web and device session of a user.',
    resource: 'users',
    method: 'sign_out',
    query_schema: byId,
  },
  {
    name: 'list_all_video_activities',
    description: 'Returns the audit log of the account: who logged what, and when.',
    resource: 'activities',
    method: 'list',
  },
  { name: 'list_all_video_users', description: 'List users.', resource: 'users', method: 'list' },
  { name: 'create_a_video_log', description: 'Write an entry to the log.', resource: 'logs', method: 'create' },
]);

describe('words of the catalog written as a product would', () => {
  it('reads capitalised words that are one of the catalog’s resources as that resource, not a name', () => {
    const reading = readRequestFor(selectionIndexFor(CHANNEL_TOOLS), 'Show me the Super Chat tips fans have sent us');
    expect(reading.references).toEqual([]);
    expect(top(CHANNEL_TOOLS, 'Show me the Super Chat tips fans have sent us', 1)).toEqual([
      'list_all_video_super_chat_events',
    ]);
  });

  it('matches a phrasal verb split by its object ("log him out") as the phrase', () => {
    expect(top(CHANNEL_TOOLS, "sam@acme.com's laptop was stolen, log him out of everything now", 1)).toEqual([
      'video_users_sign_out',
    ]);
  });
});

const BANK = tools([
  {
    name: 'get_single_bank_check_transfer_by_id',
    description: 'Retrieve a Check Transfer.',
    resource: 'check_transfers',
    method: 'get',
    query_schema: byId,
  },
  {
    name: 'list_all_bank_check_transfers',
    description: 'List Check Transfers.',
    resource: 'check_transfers',
    method: 'list',
  },
  { name: 'list_all_bank_accounts', description: 'List Accounts.', resource: 'accounts', method: 'list' },
  { name: 'create_a_bank_account', description: 'Create an Account.', resource: 'accounts', method: 'create' },
  {
    name: 'get_single_bank_folder_by_id',
    description: 'List the items in a folder, by its path.',
    resource: 'folders',
    method: 'get',
    query_schema: { type: 'object', properties: { path: { type: 'string' } } },
  },
  { name: 'list_all_bank_invoices', description: 'List invoices we were sent.', resource: 'invoices', method: 'list' },
  {
    name: 'update_a_bank_product_by_id',
    description: 'Update a product: its name or price.',
    resource: 'products',
    method: 'update',
    query_schema: byId,
  },
  {
    name: 'delete_a_bank_product_by_id',
    description: 'Delete a product.',
    resource: 'products',
    method: 'delete',
    query_schema: byId,
  },
]);

describe('codes and paths that say what they are', () => {
  it('reads a snake_case id as its kind and a code: the kind’s words stay words of the request', () => {
    const reading = readRequestFor(selectionIndexFor(BANK), 'Has check_transfer_4471 been cashed yet?');
    expect(reading.nameWords.has('check')).toBe(false);
    expect(reading.nameWords.has('4471')).toBe(true);
    expect(top(BANK, 'Has check_transfer_4471 been cashed yet?', 2).sort()).toEqual([
      'get_single_bank_check_transfer_by_id',
      'list_all_bank_check_transfers',
    ]);
    // A code name whose words are no kind of the catalog stays a name, words and all.
    expect(readRequestFor(selectionIndexFor(BANK), 'Use AcmeShop_NL_ECOM').nameWords.has('acmeshop')).toBe(true);
  });

  it('reads a folder’s path as a folder, not as words about the tool', () => {
    const reading = readRequestFor(selectionIndexFor(BANK), "what's sitting in /Clients/Acme/Invoices right now?");
    expect(reading.values.folder).toBe(true);
    expect(reading.nameWords.has('invoices')).toBe(true);
    expect(top(BANK, "what's sitting in /Clients/Acme/Invoices right now?", 1)).toEqual([
      'get_single_bank_folder_by_id',
    ]);
  });

  it('reads "drop the price … to $30" as a change, not a removal', () => {
    expect(intentOf('Drop the price of product 77 to $30')).toBe('update');
    expect(intentOf('Drop product 77')).toBe('delete');
    // A range is no new value.
    expect(intentOf('Delete rows 10 to 20')).toBe('delete');
    expect(top(BANK, 'Drop the price of product 77 to $30', 1)).toEqual(['update_a_bank_product_by_id']);
  });
});
