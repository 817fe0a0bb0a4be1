'use client';

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { AlertTriangle, ArrowLeft, Loader2, Users } from 'lucide-react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useFormatter, useTranslations } from 'next-intl';
import { useMemo, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { PageHeader } from '@/components/ui/page-header';
import { Textarea } from '@/components/ui/textarea';
import { toast } from '@/components/ui/toaster';
import { ApiError } from '@/lib/api/client';
import { endpoints } from '@/lib/api/endpoints';
import type { Segment, SegmentKind } from '@/lib/api/types';
import { cn } from '@/lib/utils/cn';
import { useCustomFields } from '@/features/leads/lead-form-dialog';
import { useLeadName } from '@/features/leads/lead-name';
import { useApiErrorText } from '@/features/shared/use-api-error-text';
import { useDebouncedValue } from '@/features/shared/use-debounced-value';
import { RuleBuilder } from './rule-builder';
import { conditionCount, conditionNode, emptyGroup, errorsByNode, fromApiRules, newCondition, toApiRules, type GroupNode } from './rules';

function starterRules(): GroupNode {
  const g = emptyGroup('and');
  g.children.push(conditionNode(newCondition('field')));
  return g;
}

/** Create or edit a segment: details, the visual rule builder, and a live count with a sample. */
export function SegmentEditor({ segment }: { segment?: Segment }) {
  const t = useTranslations('segments');
  const leadName = useLeadName();
  const format = useFormatter();
  const router = useRouter();
  const queryClient = useQueryClient();
  const errorText = useApiErrorText();
  const customFields = useCustomFields();
  const [name, setName] = useState(segment?.name ?? '');
  const [description, setDescription] = useState(segment?.description ?? '');
  const [kind, setKind] = useState<SegmentKind>(segment?.kind ?? 'dynamic');
  const [root, setRoot] = useState<GroupNode>(() => (segment ? fromApiRules(segment.rules) : starterRules()));
  const [nameError, setNameError] = useState<string | null>(null);
  const [saveErrors, setSaveErrors] = useState<{ field: string; code?: string; message: string }[]>([]);

  const { rules, paths } = useMemo(() => toApiRules(root), [root]);
  const serialized = JSON.stringify(rules);
  const debounced = useDebouncedValue(serialized, 400);
  const count = conditionCount(root);
  const preview = useQuery({
    queryKey: ['segments', 'preview', debounced],
    queryFn: ({ signal }) => endpoints.segments.preview(JSON.parse(debounced) as Record<string, unknown>, signal),
    enabled: count > 0,
    retry: false,
    placeholderData: keepPreviousData,
  });
  // While the rules are invalid, keep showing the last valid count (dimmed) next to the errors.
  const [lastGood, setLastGood] = useState<typeof preview.data>(undefined);
  if (preview.data && preview.data !== lastGood && !preview.isError) setLastGood(preview.data);
  const shown = preview.isError ? lastGood : preview.data;
  const previewErrors = preview.error instanceof ApiError ? (preview.error.problem.errors ?? []) : [];
  const errors = useMemo(() => errorsByNode(saveErrors.length ? saveErrors : previewErrors, paths), [saveErrors, previewErrors, paths]);
  const stale = serialized !== debounced || preview.isFetching;

  const save = useMutation({
    mutationFn: () => {
      const body = { name: name.trim(), description: description.trim() || undefined, rules };
      return segment ? endpoints.segments.update(segment.id, { ...body, description: description.trim() || null }) : endpoints.segments.create({ ...body, kind });
    },
    onSuccess: (saved) => {
      toast.success(segment ? t('editor.updated') : t('editor.created'));
      void queryClient.invalidateQueries({ queryKey: ['segments'] });
      router.push(`/segments/${saved.id}`);
    },
    onError: (err) => {
      if (err instanceof ApiError) {
        const fieldErrors = err.problem.errors ?? [];
        setSaveErrors(fieldErrors.filter((e) => e.field.startsWith('rules')));
        const nameErr = fieldErrors.find((e) => e.field === 'name');
        if (err.code === 'SEGMENT_NAME_TAKEN') setNameError(errorText(err.code, err.problem.detail ?? ''));
        else if (nameErr) setNameError(nameErr.message);
        if (!fieldErrors.length && err.code !== 'SEGMENT_NAME_TAKEN') toast.error(errorText(err.code, err.problem.detail ?? err.message));
      } else toast.error(errorText(undefined, ''));
    },
  });

  const onRootChange = (next: GroupNode) => {
    setRoot(next);
    setSaveErrors([]);
  };

  const submit = () => {
    if (!name.trim()) {
      setNameError(t('editor.nameRequired'));
      return;
    }
    if (count === 0) {
      toast.error(t('editor.needCondition'));
      return;
    }
    save.mutate();
  };

  return (
    <>
      <PageHeader
        title={segment ? t('editor.editTitle', { name: segment.name }) : t('editor.newTitle')}
        description={t('editor.description')}
        actions={
          <>
            <Button asChild variant="secondary">
              <Link href={segment ? `/segments/${segment.id}` : '/segments'}>
                <ArrowLeft aria-hidden />
                {t('editor.cancel')}
              </Link>
            </Button>
            <Button onClick={submit} loading={save.isPending}>
              {segment ? t('editor.saveChanges') : t('editor.save')}
            </Button>
          </>
        }
      />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_340px]">
        <div className="flex min-w-0 flex-col gap-6">
          <Card>
            <CardHeader>
              <CardTitle>{t('editor.details')}</CardTitle>
            </CardHeader>
            <CardContent className="grid gap-4 md:grid-cols-2">
              <Field label={t('editor.name')} error={nameError ?? undefined}>
                {(p) => (
                  <Input
                    {...p}
                    value={name}
                    maxLength={200}
                    placeholder={t('editor.namePlaceholder')}
                    onChange={(e) => {
                      setName(e.target.value);
                      setNameError(null);
                    }}
                  />
                )}
              </Field>
              <fieldset className="flex flex-col gap-1.5">
                <legend className="mb-1.5 text-sm font-medium text-fg">{t('editor.kind')}</legend>
                <div className="flex gap-2">
                  {(['dynamic', 'static'] as const).map((k) => (
                    <label
                      key={k}
                      className={cn(
                        'flex flex-1 cursor-pointer flex-col rounded-md border px-3 py-2 text-sm has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-ring',
                        kind === k ? 'border-primary bg-primary-soft/50' : 'border-border-strong',
                        segment && 'cursor-not-allowed opacity-70',
                      )}
                    >
                      <span className="flex items-center gap-2 font-medium text-fg">
                        <input type="radio" name="segment-kind" value={k} checked={kind === k} disabled={Boolean(segment)} onChange={() => setKind(k)} className="accent-[var(--color-primary)]" />
                        {t(`kind.${k}`)}
                      </span>
                      <span className="text-xs text-fg-muted">{t(`kindHint.${k}`)}</span>
                    </label>
                  ))}
                </div>
              </fieldset>
              <Field label={t('editor.descriptionLabel')} className="md:col-span-2">
                {(p) => <Textarea {...p} rows={2} maxLength={500} value={description} onChange={(e) => setDescription(e.target.value)} />}
              </Field>
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>{t('editor.rules')}</CardTitle>
              <CardDescription>{t('editor.rulesHint')}</CardDescription>
            </CardHeader>
            <CardContent>
              <RuleBuilder root={root} onChange={onRootChange} errors={errors} customFields={customFields.data ?? []} />
            </CardContent>
          </Card>
        </div>
        <aside className="lg:sticky lg:top-6 lg:self-start" aria-label={t('preview.title')}>
          <Card>
            <CardHeader>
              <CardTitle className="flex items-center gap-2">
                {t('preview.title')}
                {stale && count > 0 && <Loader2 className="size-4 animate-spin text-fg-muted" aria-label={t('preview.updating')} />}
              </CardTitle>
              <CardDescription>{t('preview.hint')}</CardDescription>
            </CardHeader>
            <CardContent className="flex flex-col gap-4">
              {count === 0 ? (
                <p className="text-sm text-fg-muted">{t('preview.noRules')}</p>
              ) : preview.isError && !shown ? (
                <p role="alert" className="flex items-start gap-2 text-sm text-danger">
                  <AlertTriangle className="mt-0.5 size-4 shrink-0" aria-hidden />
                  {previewErrors.length ? t('preview.invalid', { count: previewErrors.length }) : errorText(preview.error instanceof ApiError ? preview.error.code : undefined, '')}
                </p>
              ) : (
                <>
                  <div aria-live="polite">
                    <p className={cn('text-4xl font-semibold tabular-nums text-fg transition-opacity', (stale || preview.isError) && 'opacity-60')} data-testid="segment-live-count">
                      {shown ? format.number(shown.count) : '—'}
                    </p>
                    <p className="text-sm text-fg-muted">{t('preview.matching', { count: shown?.count ?? 0 })}</p>
                  </div>
                  {preview.isError && previewErrors.length > 0 && (
                    <p role="alert" className="-mt-2 flex items-start gap-2 text-sm text-danger">
                      <AlertTriangle className="mt-0.5 size-4 shrink-0" aria-hidden />
                      {t('preview.invalid', { count: previewErrors.length })}
                    </p>
                  )}
                  {shown && shown.sample.length > 0 ? (
                    <div>
                      <h3 className="mb-2 text-xs font-semibold uppercase tracking-wide text-fg-muted">{t('preview.sample')}</h3>
                      <ul className="flex flex-col divide-y divide-border" data-testid="segment-sample">
                        {shown.sample.slice(0, 8).map((l) => (
                          <li key={l.id} className="py-2 text-sm">
                            <Link href={`/leads/${l.id}`} className="font-medium text-fg hover:text-primary hover:underline">
                              {leadName(l) || l.email || t('preview.unnamed')}
                            </Link>
                            <p className="truncate text-xs text-fg-muted">{[l.email, l.company].filter(Boolean).join(' · ')}</p>
                          </li>
                        ))}
                      </ul>
                    </div>
                  ) : (
                    shown && (
                      <p className="flex items-center gap-2 text-sm text-fg-muted">
                        <Users className="size-4" aria-hidden />
                        {t('preview.none')}
                      </p>
                    )
                  )}
                </>
              )}
            </CardContent>
          </Card>
        </aside>
      </div>
    </>
  );
}
