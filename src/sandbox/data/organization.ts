/**
 * The OpenAI organisation behind the sandbox's integrated account: projects, their API keys and users. Ids look
 * like OpenAI's; `proj_12345` is the seed article's "primary production project".
 */

export const ORGANIZATION_ID = 'org-Sandbox7Qd2Lk9Vx4Tz1Acme';

export interface ProjectFixture {
  id: string;
  name: string;
  createdAt: number;
  archivedAt: number | null;
  apiKeys: Array<{ id: string; share: number }>;
}

const day = (iso: string) => Math.floor(Date.parse(`${iso}T00:00:00Z`) / 1000);

export const PROJECTS: readonly ProjectFixture[] = [
  {
    id: 'proj_12345',
    name: 'Production API',
    createdAt: day('2024-02-12') + 34_512,
    archivedAt: null,
    apiKeys: [
      { id: 'key_Pr0dServerA7f3kQ9m', share: 0.72 },
      { id: 'key_Pr0dWorkerB2x8nL4v', share: 0.28 },
    ],
  },
  {
    id: 'proj_abc123Xy7kLmN4pQr9sTu2',
    name: 'Customer Support Bot',
    createdAt: day('2024-03-04') + 51_220,
    archivedAt: null,
    apiKeys: [{ id: 'key_SupportBot9Hk2mQ4v', share: 1 }],
  },
  {
    id: 'proj_Vd5sJ2kN8qT4xR1mW7zC3hF9',
    name: 'Internal Analytics',
    createdAt: day('2024-04-18') + 30_001,
    archivedAt: null,
    apiKeys: [
      { id: 'key_AnalyticsEtl3pR8w', share: 0.6 },
      { id: 'key_AnalyticsNb5tY1z', share: 0.4 },
    ],
  },
  {
    id: 'proj_Mk8tR3wQ6yB1nV4cX7zL2pD5',
    name: 'Marketing Creative',
    createdAt: day('2024-05-27') + 42_060,
    archivedAt: null,
    apiKeys: [{ id: 'key_CreativeStudio6Jq', share: 1 }],
  },
  {
    id: 'proj_Lq9wE3rT6yU1iO4pA7sD2fG5',
    name: 'Voice Assistant',
    createdAt: day('2024-06-10') + 28_777,
    archivedAt: null,
    apiKeys: [{ id: 'key_VoiceEdge4Wm7cK2s', share: 1 }],
  },
  {
    id: 'proj_Zx4cV7bN1mQ8wE5rT2yU9iO3',
    name: 'Hackathon Prototype',
    createdAt: day('2024-01-15') + 61_200,
    archivedAt: day('2024-09-30') + 18_000,
    apiKeys: [{ id: 'key_Hackathon2Tz8Rb5n', share: 1 }],
  },
];

export const PROJECT_BY_ID: ReadonlyMap<string, ProjectFixture> = new Map(
  PROJECTS.map((project) => [project.id, project]),
);

/** People who send completions; OpenAI's user ids look like `user-...`. */
export const USERS = [
  'user-Jm2kP9qR4tV7xZ1a',
  'user-Hn5bW8cE3fG6jK0d',
  'user-Qs1aD4gJ7lO9pU2y',
  'user-Tf6yH0kM3nR5vB8e',
] as const;
