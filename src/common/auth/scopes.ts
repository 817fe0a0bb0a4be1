/** Scopes an API key can hold. Later modules add theirs here so one list documents them all. */
export const API_SCOPES = {
  'leads:read': 'Read leads, segments and their data',
  'leads:write': 'Create, change and delete leads; import',
  'events:write': 'Send behaviour events',
  'campaigns:read': 'Read campaigns, steps and their statistics',
  'campaigns:write': 'Create, change, launch and stop campaigns',
  'catalog:read': 'Read products, properties and media',
  'catalog:write': 'Create and change products, properties and media',
  'analytics:read': 'Read reports and metrics',
  'jobs:read': 'Read the status of long-running jobs',
} as const;

export type ApiScope = keyof typeof API_SCOPES;
export const SCOPE_NAMES = Object.keys(API_SCOPES) as ApiScope[];
