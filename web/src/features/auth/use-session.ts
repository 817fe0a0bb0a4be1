'use client';

import { useQuery } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import { endpoints } from '@/lib/api/endpoints';
import { ADMIN_ROLES, LEAD_WRITER_ROLES, type Role } from '@/lib/api/types';

export const SESSION_KEY = ['auth', 'me'] as const;

export function useSession() {
  return useQuery({ queryKey: SESSION_KEY, queryFn: endpoints.auth.me, staleTime: 60_000 });
}

export function isAdminRole(role: Role | undefined): boolean {
  return Boolean(role && ADMIN_ROLES.includes(role));
}

const noSubscription = () => () => {};

/**
 * false on the server and while React hydrates, true afterwards. The session is fetched in the
 * browser: the shell asks for it as soon as it hydrates, and the answer can land before a later
 * Suspense boundary (the leads table's) hydrates. Read during that boundary's hydration, the role
 * would add buttons and a checkbox column the server never rendered: React error #418.
 */
function useHydrated(): boolean {
  return useSyncExternalStore(noSubscription, () => true, () => false);
}

/** The member's role, once hydrated (see useHydrated). */
function useRole(): Role | undefined {
  const role = useSession().data?.role;
  return useHydrated() ? role : undefined;
}

/** Owner and admin manage members, invitations, API keys and the audit log. */
export function useIsAdmin(): boolean {
  return isAdminRole(useRole());
}

/** Marketers, admins and owners change leads; viewers only read. */
export function useCanWriteLeads(): boolean {
  const role = useRole();
  return Boolean(role && LEAD_WRITER_ROLES.includes(role));
}
