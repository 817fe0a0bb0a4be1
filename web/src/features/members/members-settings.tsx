'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { MailPlus, Trash2, Users, X } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { ConfirmDialog } from '@/components/ui/alert-dialog';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import { TableSkeleton } from '@/components/ui/skeleton';
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { toast } from '@/components/ui/toaster';
import { ApiError } from '@/lib/api/client';
import { endpoints } from '@/lib/api/endpoints';
import { ROLES, type Invitation, type Member, type Role } from '@/lib/api/types';
import { useSession } from '@/features/auth/use-session';
import { useDateFormat } from '@/features/shared/format';
import { useApiErrorText } from '@/features/shared/use-api-error-text';
import { initials } from '@/features/shell/user-menu';
import { AdminOnly } from '@/features/settings/admin-only';
import { Section } from '@/features/settings/section';
import { InviteDialog } from './invite-dialog';

export function MembersSettings() {
  return (
    <AdminOnly>
      <div className="flex flex-col gap-6">
        <MembersSection />
        <InvitationsSection />
      </div>
    </AdminOnly>
  );
}

/** Only an owner may hand out the owner role. */
function useAssignableRoles(): Role[] {
  const role = useSession().data?.role;
  return role === 'owner' ? [...ROLES] : ROLES.filter((r) => r !== 'owner');
}

function MembersSection() {
  const t = useTranslations();
  const { date } = useDateFormat();
  const errorText = useApiErrorText();
  const queryClient = useQueryClient();
  const session = useSession().data;
  const assignable = useAssignableRoles();
  const members = useQuery({ queryKey: ['members'], queryFn: endpoints.members.list });
  const [removing, setRemoving] = useState<Member | null>(null);

  const onError = (err: unknown) => toast.error(errorText(err instanceof ApiError ? err.code : undefined, err instanceof Error ? err.message : ''));

  const changeRole = useMutation({
    mutationFn: ({ userId, role }: { userId: string; role: Role }) => endpoints.members.changeRole(userId, role),
    onSuccess: (_, v) => {
      toast.success(t('members.roleChanged'));
      void queryClient.invalidateQueries({ queryKey: ['members'] });
      if (v.userId === session?.user.id) void queryClient.invalidateQueries({ queryKey: ['auth'] });
    },
    onError,
  });
  const remove = useMutation({
    mutationFn: (userId: string) => endpoints.members.remove(userId),
    onSuccess: () => {
      toast.success(t('members.removed'));
      setRemoving(null);
      void queryClient.invalidateQueries({ queryKey: ['members'] });
    },
    onError,
  });

  const canEdit = (m: Member) => m.userId !== session?.user.id && (m.role !== 'owner' || session?.role === 'owner');

  return (
    <Section title={t('members.title')} description={t('members.description')} actions={<InviteDialog assignableRoles={assignable} />}>
      {members.isPending ? (
        <TableSkeleton columns={4} />
      ) : members.isError ? (
        <ErrorState error={members.error} onRetry={() => void members.refetch()} />
      ) : members.data.items.length === 0 ? (
        <EmptyState icon={Users} title={t('members.emptyTitle')} description={t('members.emptyDescription')} />
      ) : (
        <Table>
          <TableCaption>{t('members.title')}</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHead>{t('members.columns.name')}</TableHead>
              <TableHead>{t('members.columns.email')}</TableHead>
              <TableHead className="w-48">{t('members.columns.role')}</TableHead>
              <TableHead>{t('members.columns.joined')}</TableHead>
              <TableHead className="w-16">
                <span className="sr-only">{t('common.actions')}</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {members.data.items.map((m) => (
              <TableRow key={m.userId}>
                <TableCell>
                  <div className="flex items-center gap-3">
                    <span className="flex size-8 shrink-0 items-center justify-center rounded-full bg-primary-soft text-xs font-semibold text-primary-soft-fg" aria-hidden>
                      {initials(m.name)}
                    </span>
                    <span className="font-medium">{m.name}</span>
                    {m.userId === session?.user.id && <Badge>{t('members.you')}</Badge>}
                  </div>
                </TableCell>
                <TableCell className="text-fg-muted">{m.email}</TableCell>
                <TableCell>
                  {canEdit(m) ? (
                    <Select value={m.role} onValueChange={(role) => changeRole.mutate({ userId: m.userId, role: role as Role })} disabled={changeRole.isPending}>
                      <SelectTrigger className="h-8" aria-label={t('members.changeRoleOf', { name: m.name })}>
                        <SelectValue />
                      </SelectTrigger>
                      <SelectContent>
                        {assignable.map((r) => (
                          <SelectItem key={r} value={r}>
                            {t(`roles.${r}`)}
                          </SelectItem>
                        ))}
                      </SelectContent>
                    </Select>
                  ) : (
                    <Badge tone={m.role === 'owner' ? 'brand' : 'neutral'}>{t(`roles.${m.role}`)}</Badge>
                  )}
                </TableCell>
                <TableCell className="whitespace-nowrap text-fg-muted">{date(m.createdAt)}</TableCell>
                <TableCell className="text-right">
                  {canEdit(m) && (
                    <Button variant="ghost" size="icon" aria-label={t('members.removeOf', { name: m.name })} onClick={() => setRemoving(m)}>
                      <Trash2 aria-hidden />
                    </Button>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <ConfirmDialog
        open={removing !== null}
        onOpenChange={(o) => !o && setRemoving(null)}
        title={t('members.removeTitle', { name: removing?.name ?? '' })}
        description={t('members.removeDescription', { name: removing?.name ?? '' })}
        confirmLabel={t('members.removeConfirm')}
        pending={remove.isPending}
        onConfirm={() => {
          if (removing) remove.mutate(removing.userId);
        }}
      />
    </Section>
  );
}

function InvitationsSection() {
  const t = useTranslations();
  const { date } = useDateFormat();
  const errorText = useApiErrorText();
  const queryClient = useQueryClient();
  const invitations = useQuery({ queryKey: ['invitations'], queryFn: endpoints.invitations.list });
  const [revoking, setRevoking] = useState<Invitation | null>(null);
  const revoke = useMutation({
    mutationFn: (id: string) => endpoints.invitations.revoke(id),
    onSuccess: () => {
      toast.success(t('members.invitations.revoked'));
      setRevoking(null);
      void queryClient.invalidateQueries({ queryKey: ['invitations'] });
    },
    onError: (err) => toast.error(errorText(err instanceof ApiError ? err.code : undefined, err.message)),
  });

  return (
    <Section title={t('members.invitations.title')} description={t('members.invitations.description')}>
      {invitations.isPending ? (
        <TableSkeleton rows={2} columns={4} />
      ) : invitations.isError ? (
        <ErrorState error={invitations.error} onRetry={() => void invitations.refetch()} />
      ) : invitations.data.items.length === 0 ? (
        <EmptyState icon={MailPlus} title={t('members.invitations.emptyTitle')} description={t('members.invitations.emptyDescription')} className="py-10" />
      ) : (
        <Table>
          <TableCaption>{t('members.invitations.title')}</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHead>{t('members.columns.email')}</TableHead>
              <TableHead>{t('members.columns.role')}</TableHead>
              <TableHead>{t('members.invitations.sent')}</TableHead>
              <TableHead>{t('members.invitations.expires')}</TableHead>
              <TableHead className="w-16">
                <span className="sr-only">{t('common.actions')}</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {invitations.data.items.map((inv) => (
              <TableRow key={inv.id}>
                <TableCell className="font-medium">{inv.email}</TableCell>
                <TableCell>
                  <Badge>{t(`roles.${inv.role}`)}</Badge>
                </TableCell>
                <TableCell className="text-fg-muted">{date(inv.createdAt)}</TableCell>
                <TableCell className="text-fg-muted">{date(inv.expiresAt)}</TableCell>
                <TableCell className="text-right">
                  <Button variant="ghost" size="sm" onClick={() => setRevoking(inv)}>
                    <X aria-hidden />
                    {t('members.invitations.revoke')}
                  </Button>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <ConfirmDialog
        open={revoking !== null}
        onOpenChange={(o) => !o && setRevoking(null)}
        title={t('members.invitations.revokeTitle')}
        description={t('members.invitations.revokeDescription', { email: revoking?.email ?? '' })}
        confirmLabel={t('members.invitations.revoke')}
        pending={revoke.isPending}
        onConfirm={() => {
          if (revoking) revoke.mutate(revoking.id);
        }}
      />
    </Section>
  );
}
