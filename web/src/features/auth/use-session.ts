'use client';

import { useQuery } from '@tanstack/react-query';
import { endpoints } from '@/lib/api/endpoints';
import { ADMIN_ROLES, LEAD_WRITER_ROLES, type Role } from '@/lib/api/types';

export const SESSION_KEY = ['auth', 'me'] as const;

export function useSession() {
  return useQuery({ queryKey: SESSION_KEY, queryFn: endpoints.auth.me, staleTime: 60_000 });
}

export function isAdminRole(role: Role | undefined): boolean {
  return Boolean(role && ADMIN_ROLES.includes(role));
}

/** Owner and admin manage members, invitations, API keys and the audit log. */
export function useIsAdmin(): boolean {
  return isAdminRole(useSession().data?.role);
}

/** Marketers, admins and owners change leads; viewers only read. */
export function useCanWriteLeads(): boolean {
  const role = useSession().data?.role;
  return Boolean(role && LEAD_WRITER_ROLES.includes(role));
}
