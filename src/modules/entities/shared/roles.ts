import type { Role } from '../../../common/auth/actor.js';

/** Everyone in the workspace reads the catalogue; viewers only read. */
export const READERS: Role[] = ['owner', 'admin', 'marketer', 'viewer'];
export const WRITERS: Role[] = ['owner', 'admin', 'marketer'];
