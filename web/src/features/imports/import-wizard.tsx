'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { AlertTriangle, ArrowLeft, CheckCircle2, Download, FileSpreadsheet, Plus, RotateCw, Trash2, UploadCloud, XCircle } from 'lucide-react';
import Link from 'next/link';
import { useRouter, useSearchParams } from 'next/navigation';
import { useFormatter, useTranslations } from 'next-intl';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ConfirmDialog } from '@/components/ui/alert-dialog';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { ErrorState } from '@/components/ui/error-state';
import { PageHeader } from '@/components/ui/page-header';
import { ProgressBar } from '@/components/ui/progress';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import { Skeleton } from '@/components/ui/skeleton';
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { toast } from '@/components/ui/toaster';
import { ApiError } from '@/lib/api/client';
import { endpoints } from '@/lib/api/endpoints';
import type { ColumnMappingInput, LeadImport, LeadImportPreview } from '@/lib/api/types';
import { cn } from '@/lib/utils/cn';
import { CustomFieldDialog } from '@/features/custom-fields/custom-field-dialog';
import { useCustomFields } from '@/features/leads/lead-form-dialog';
import { useApiErrorText } from '@/features/shared/use-api-error-text';
import { uploadWithProgress } from '@/features/shared/upload';
import {
  confidenceLevel,
  CREATE_FIELD,
  customFieldTarget,
  IGNORE,
  initialMapping,
  jobCounters,
  LEAD_IMPORT_FIELDS,
  progressPercent,
  sampleValues,
  validateMapping,
} from './mapping';
import { RecentImports } from './recent-imports';

type Step = 'upload' | 'map' | 'run';

/** The recent imports, shared with RecentImports (same query): they also carry the API's size limit. */
function useImportList() {
  return useQuery({
    queryKey: ['imports', 'list'],
    queryFn: endpoints.imports.list,
    refetchInterval: (q) => (q.state.data?.items.some((i) => i.status === 'queued' || i.status === 'running') ? 2000 : false),
  });
}

export function ImportWizard() {
  const t = useTranslations('imports');
  const router = useRouter();
  const searchParams = useSearchParams();
  const importId = searchParams.get('id');
  const queryClient = useQueryClient();
  const [preview, setPreview] = useState<LeadImportPreview | null>(null);

  // An import in the URL can be left and found again: its state decides the step.
  const existing = useQuery({
    queryKey: ['imports', importId],
    queryFn: () => endpoints.imports.get(importId!),
    enabled: Boolean(importId) && preview?.id !== importId,
  });
  const current: LeadImport | LeadImportPreview | null = preview?.id === importId ? preview : (existing.data ?? null);
  const step: Step = !importId ? 'upload' : current?.status === 'uploaded' || current?.status === 'expired' ? 'map' : 'run';

  const go = (id: string | null) => router.push(id ? `/leads/import?id=${id}` : '/leads/import');

  return (
    <>
      <PageHeader
        title={t('title')}
        description={t('description')}
        actions={
          <Button asChild variant="secondary">
            <Link href="/leads">
              <ArrowLeft aria-hidden />
              {t('backToLeads')}
            </Link>
          </Button>
        }
      />
      <Stepper step={step} />
      <div className="mt-6 flex flex-col gap-6">
        {step === 'upload' ? (
          <UploadStep
            onUploaded={(p) => {
              setPreview(p);
              // The upload is listed at once: it can be resumed or deleted from there.
              void queryClient.invalidateQueries({ queryKey: ['imports', 'list'] });
              go(p.id);
            }}
          />
        ) : existing.isError && !current ? (
          <Card>
            <ErrorState error={existing.error} onRetry={() => void existing.refetch()} />
          </Card>
        ) : !current ? (
          <Card className="p-6">
            <Skeleton className="h-6 w-64" />
            <Skeleton className="mt-4 h-40 w-full" />
          </Card>
        ) : current.status === 'expired' ? (
          <ExpiredImport
            imp={current}
            onNew={() => {
              setPreview(null);
              go(null);
            }}
          />
        ) : step === 'map' ? (
          <MappingStep
            imp={current}
            sampleRows={(current as Partial<LeadImportPreview>).sampleRows ?? []}
            onStarted={() => setPreview(null)}
            onCancel={() => go(null)}
            onDeleted={() => {
              setPreview(null);
              go(null);
            }}
          />
        ) : (
          <RunStep imp={current} onNew={() => { setPreview(null); go(null); }} />
        )}
        <RecentImports
          currentId={importId}
          onDeleted={(id) => {
            if (id === importId) {
              setPreview(null);
              go(null);
            }
          }}
        />
      </div>
    </>
  );
}

function Stepper({ step }: { step: Step }) {
  const t = useTranslations('imports.steps');
  const steps: Step[] = ['upload', 'map', 'run'];
  const index = steps.indexOf(step);
  return (
    <ol className="flex flex-wrap items-center gap-2 text-sm" aria-label={t('label')}>
      {steps.map((s, i) => (
        <li key={s} className="flex items-center gap-2" aria-current={i === index ? 'step' : undefined}>
          <span
            className={cn(
              'flex size-7 items-center justify-center rounded-full border text-xs font-semibold',
              i < index && 'border-primary bg-primary text-primary-fg',
              i === index && 'border-primary bg-primary-soft text-primary-soft-fg',
              i > index && 'border-border-strong text-fg-muted',
            )}
          >
            {i < index ? <CheckCircle2 className="size-4" aria-hidden /> : i + 1}
          </span>
          <span className={cn('font-medium', i === index ? 'text-fg' : 'text-fg-muted')}>{t(s)}</span>
          {i < steps.length - 1 && <span className="mx-2 h-px w-8 bg-border-strong" aria-hidden />}
        </li>
      ))}
    </ol>
  );
}

function UploadStep({ onUploaded }: { onUploaded: (p: LeadImportPreview) => void }) {
  const t = useTranslations('imports');
  const errorText = useApiErrorText();
  const format = useFormatter();
  // The limit is the API's (IMPORT_MAX_BYTES); until it is known the API alone enforces it.
  const maxBytes = useImportList().data?.maxBytes ?? null;
  const maxText = maxBytes ? format.number(maxBytes / 1024 / 1024, { maximumFractionDigits: 0 }) : null;
  const inputRef = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const abortRef = useRef<AbortController | null>(null);
  useEffect(() => () => abortRef.current?.abort(), []);

  const upload = useCallback(
    async (f: File) => {
      setError(null);
      if (!/\.(csv|txt)$/i.test(f.name) && f.type && !/csv|text\/plain|excel/.test(f.type)) return setError(t('upload.notCsv'));
      if (f.size === 0) return setError(t('upload.empty'));
      if (maxBytes && f.size > maxBytes) return setError(t('upload.tooLarge', { max: maxText ?? '' }));
      setFile(f);
      setProgress(0);
      abortRef.current = new AbortController();
      try {
        const p = await uploadWithProgress<LeadImportPreview>(`/api/leads/imports?fileName=${encodeURIComponent(f.name)}`, f, {
          contentType: 'text/csv',
          onProgress: setProgress,
          signal: abortRef.current.signal,
        });
        onUploaded(p);
      } catch (err) {
        if ((err as Error).name === 'AbortError') return;
        setProgress(null);
        setError(errorText(err instanceof ApiError ? err.code : undefined, err instanceof ApiError ? (err.problem.detail ?? '') : ''));
      }
    },
    [errorText, maxBytes, maxText, onUploaded, t],
  );

  const uploading = progress !== null;
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('upload.title')}</CardTitle>
        <CardDescription>{t('upload.description')}</CardDescription>
      </CardHeader>
      <CardContent>
        <div
          data-testid="import-dropzone"
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={(e) => {
            e.preventDefault();
            setDragging(false);
            const f = e.dataTransfer.files[0];
            if (f && !uploading) void upload(f);
          }}
          className={cn(
            'flex flex-col items-center justify-center rounded-lg border-2 border-dashed px-6 py-12 text-center transition-colors',
            dragging ? 'border-primary bg-primary-soft/50' : 'border-border-strong bg-surface-muted',
          )}
        >
          {uploading ? (
            <div className="w-full max-w-md" role="status" aria-live="polite">
              <FileSpreadsheet className="mx-auto mb-3 size-10 text-primary" aria-hidden />
              <p className="text-sm font-medium text-fg">{t('upload.uploading', { name: file?.name ?? '' })}</p>
              <ProgressBar value={Math.round((progress ?? 0) * 100)} label={t('upload.progressLabel')} className="mt-4" />
              <p className="mt-2 text-xs text-fg-muted">
                {progress !== null && progress >= 1 ? t('upload.analysing') : format.number(progress ?? 0, { style: 'percent' })}
              </p>
            </div>
          ) : (
            <>
              <div className="mb-4 flex size-12 items-center justify-center rounded-full bg-primary-soft text-primary">
                <UploadCloud className="size-6" aria-hidden />
              </div>
              <p className="text-sm font-medium text-fg">{t('upload.drop')}</p>
              <p className="mt-1 text-xs text-fg-muted" data-testid="import-size-limit">
                {maxText ? t('upload.hint', { max: maxText }) : t('upload.hintNoLimit')}
              </p>
              <Button className="mt-4" onClick={() => inputRef.current?.click()}>
                {t('upload.choose')}
              </Button>
              <input
                ref={inputRef}
                type="file"
                accept=".csv,text/csv,text/plain"
                className="sr-only"
                aria-label={t('upload.fileLabel')}
                data-testid="import-file"
                onChange={(e) => {
                  const f = e.target.files?.[0];
                  e.target.value = '';
                  if (f) void upload(f);
                }}
              />
            </>
          )}
        </div>
        {error && (
          <p role="alert" className="mt-3 flex items-center gap-1.5 text-sm font-medium text-danger">
            <AlertTriangle className="size-4" aria-hidden />
            {error}
          </p>
        )}
      </CardContent>
    </Card>
  );
}

function MappingStep({
  imp,
  sampleRows,
  onStarted,
  onCancel,
  onDeleted,
}: {
  imp: LeadImport;
  sampleRows: string[][];
  onStarted: () => void;
  onCancel: () => void;
  onDeleted: () => void;
}) {
  const t = useTranslations('imports');
  const tf = useTranslations('imports.fields');
  const errorText = useApiErrorText();
  const queryClient = useQueryClient();
  const customFields = useCustomFields();
  const [mapping, setMapping] = useState<ColumnMappingInput[]>(() => initialMapping(imp.mapping));
  const [submitted, setSubmitted] = useState(false);
  // The column a custom field is being created for, from the mapping select.
  const [creatingFor, setCreatingFor] = useState<number | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const validation = useMemo(() => validateMapping(mapping), [mapping]);
  const byColumn = new Map(imp.mapping.map((m) => [m.column, m]));
  const start = useMutation({
    mutationFn: () => endpoints.imports.start(imp.id, mapping),
    onSuccess: (res) => {
      queryClient.setQueryData(['imports', imp.id], res);
      void queryClient.invalidateQueries({ queryKey: ['imports', 'list'] });
      onStarted();
    },
    onError: (err) => toast.error(errorText(err instanceof ApiError ? err.code : undefined, err.message)),
  });
  const remove = useMutation({
    mutationFn: () => endpoints.imports.remove(imp.id),
    onSuccess: () => {
      toast.success(t('map.deleted', { name: imp.fileName }));
      queryClient.removeQueries({ queryKey: ['imports', imp.id] });
      void queryClient.invalidateQueries({ queryKey: ['imports', 'list'] });
      setConfirmDelete(false);
      onDeleted();
    },
    onError: (err) => toast.error(errorText(err instanceof ApiError ? err.code : undefined, err.message)),
  });
  const targets = [
    ...LEAD_IMPORT_FIELDS.map((f) => ({ value: f as string, label: tf(f) })),
    ...(customFields.data ?? []).map((f) => ({ value: customFieldTarget(f.key), label: t('customFieldOption', { label: f.label }) })),
  ];
  const setField = (column: number, field: string | null) => setMapping((m) => m.map((x) => (x.column === column ? { ...x, field } : x)));

  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('map.title')}</CardTitle>
        <CardDescription>
          {t('map.description', { name: imp.fileName, columns: imp.headers.length })}
        </CardDescription>
      </CardHeader>
      <Table>
        <TableCaption>{t('map.title')}</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHead>{t('map.column')}</TableHead>
            <TableHead>{t('map.samples')}</TableHead>
            <TableHead className="w-72">{t('map.target')}</TableHead>
            <TableHead>{t('map.confidence')}</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {mapping.map((m) => {
            const header = imp.headers[m.column] ?? byColumn.get(m.column)?.header ?? `#${m.column + 1}`;
            const suggested = byColumn.get(m.column);
            const level = suggested && suggested.field === m.field ? confidenceLevel(suggested.confidence, m.field ?? null) : m.field ? 'manual' : 'none';
            const samples = sampleValues(sampleRows, m.column);
            const dup = validation.duplicateColumns.includes(m.column);
            const known = !m.field || targets.some((o) => o.value === m.field);
            return (
              <TableRow key={m.column} data-testid="mapping-row">
                <TableCell className="font-medium">{header}</TableCell>
                <TableCell className="max-w-72">
                  {samples.length ? (
                    <div className="flex flex-col gap-0.5">
                      {samples.map((v, i) => (
                        <span key={i} className="truncate text-xs text-fg-muted">
                          {v}
                        </span>
                      ))}
                    </div>
                  ) : (
                    <span className="text-xs text-fg-subtle">{t('map.noSample')}</span>
                  )}
                </TableCell>
                <TableCell>
                  <Select value={m.field ?? IGNORE} onValueChange={(v) => (v === CREATE_FIELD ? setCreatingFor(m.column) : setField(m.column, v === IGNORE ? null : v))}>
                    <SelectTrigger aria-label={t('map.targetFor', { header })} aria-invalid={dup || undefined}>
                      <SelectValue />
                    </SelectTrigger>
                    <SelectContent>
                      <SelectItem value={IGNORE}>{t('map.ignore')}</SelectItem>
                      {!known && m.field && <SelectItem value={m.field}>{m.field}</SelectItem>}
                      {targets.map((o) => (
                        <SelectItem key={o.value} value={o.value}>
                          {o.label}
                        </SelectItem>
                      ))}
                      <SelectItem value={CREATE_FIELD} className="font-medium text-primary">
                        <span className="inline-flex items-center gap-1.5">
                          <Plus className="size-3.5" aria-hidden />
                          {t('map.createField')}
                        </span>
                      </SelectItem>
                    </SelectContent>
                  </Select>
                  {dup && <p className="mt-1 text-xs font-medium text-danger">{t('map.duplicate')}</p>}
                </TableCell>
                <TableCell>
                  <Badge tone={level === 'high' ? 'success' : level === 'medium' ? 'info' : level === 'low' ? 'warning' : 'neutral'}>{t(`map.level.${level}`)}</Badge>
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      <div className="flex flex-col gap-3 border-t border-border px-5 py-4 sm:flex-row sm:items-center sm:justify-between">
        <div aria-live="polite">
          {!validation.ok && (submitted || validation.problems.includes('duplicate')) && (
            <p role="alert" className="flex items-center gap-1.5 text-sm font-medium text-danger">
              <AlertTriangle className="size-4" aria-hidden />
              {validation.problems.includes('noIdentifier') ? t('map.needIdentifier') : t('map.duplicate')}
            </p>
          )}
          {validation.ok && <p className="text-sm text-fg-muted">{t('map.ready', { rows: imp.totalRows })}</p>}
        </div>
        <div className="flex flex-wrap gap-2">
          <Button variant="ghost" onClick={() => setConfirmDelete(true)}>
            <Trash2 aria-hidden />
            {t('map.delete')}
          </Button>
          <Button variant="secondary" onClick={onCancel}>
            {t('map.cancel')}
          </Button>
          <Button
            loading={start.isPending}
            onClick={() => {
              setSubmitted(true);
              if (validation.ok) start.mutate();
            }}
          >
            {t('map.start')}
          </Button>
        </div>
      </div>
      <CustomFieldDialog
        open={creatingFor !== null}
        onOpenChange={(o) => !o && setCreatingFor(null)}
        field={null}
        nextPosition={customFields.data?.length ?? 0}
        initialLabel={creatingFor !== null ? (imp.headers[creatingFor] ?? '') : undefined}
        onCreated={(created) => {
          if (creatingFor !== null) setField(creatingFor, customFieldTarget(created.key));
        }}
      />
      <ConfirmDialog
        open={confirmDelete}
        onOpenChange={setConfirmDelete}
        title={t('map.deleteTitle', { name: imp.fileName })}
        description={t('map.deleteDescription')}
        confirmLabel={t('map.deleteConfirm')}
        pending={remove.isPending}
        onConfirm={() => remove.mutate()}
      />
    </Card>
  );
}

/** An upload left unstarted past the file retention: its file is gone, only a new upload helps. */
function ExpiredImport({ imp, onNew }: { imp: LeadImport; onNew: () => void }) {
  const t = useTranslations('imports');
  return (
    <Card data-testid="import-expired">
      <CardHeader>
        <CardTitle>{t('expired.title')}</CardTitle>
        <CardDescription>{t('expired.description', { name: imp.fileName })}</CardDescription>
      </CardHeader>
      <CardContent>
        <Button onClick={onNew}>
          <RotateCw aria-hidden />
          {t('expired.again')}
        </Button>
      </CardContent>
    </Card>
  );
}

const TERMINAL = new Set(['completed', 'failed']);

function RunStep({ imp, onNew }: { imp: LeadImport; onNew: () => void }) {
  const t = useTranslations('imports');
  const format = useFormatter();
  const queryClient = useQueryClient();
  const importDone = TERMINAL.has(imp.status);
  const job = useQuery({
    queryKey: ['jobs', imp.jobId],
    queryFn: () => endpoints.jobs.get(imp.jobId!),
    enabled: Boolean(imp.jobId) && !importDone,
    refetchInterval: (q) => (q.state.data && TERMINAL.has(q.state.data.state) ? false : 1000),
  });
  const jobDone = job.data ? TERMINAL.has(job.data.state) : false;
  // When the job ends, the import record holds the final counts.
  const final = useQuery({
    queryKey: ['imports', imp.id, 'final'],
    queryFn: () => endpoints.imports.get(imp.id),
    enabled: jobDone || importDone || !imp.jobId,
    refetchInterval: (q) => (q.state.data && TERMINAL.has(q.state.data.status) ? false : 1500),
  });
  useEffect(() => {
    if (final.data && TERMINAL.has(final.data.status)) {
      void queryClient.invalidateQueries({ queryKey: ['imports', 'list'] });
      void queryClient.invalidateQueries({ queryKey: ['leads'] });
    }
  }, [final.data, queryClient]);

  const record = final.data ?? imp;
  const finished = TERMINAL.has(record.status);
  const live = jobCounters(job.data);
  const counts = finished
    ? { created: record.created, updated: record.updated, unchanged: record.unchanged, merged: record.merged, rejected: record.rejected, warned: record.warned }
    : live;
  const processed = finished ? record.totalRows : live.processed;
  const percent = progressPercent(processed, record.totalRows, live.percent, finished);
  const failed = record.status === 'failed' || job.data?.state === 'failed';

  return (
    <Card data-testid="import-run">
      <CardHeader>
        <CardTitle>{finished ? (failed ? t('run.failedTitle') : t('run.doneTitle')) : t('run.title')}</CardTitle>
        <CardDescription>{t('run.description', { name: record.fileName })}</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-5">
        {failed ? (
          <p role="alert" className="flex items-center gap-2 text-sm font-medium text-danger">
            <XCircle className="size-5" aria-hidden />
            {record.error || job.data?.error || t('run.failed')}
          </p>
        ) : (
          <div>
            <div className="mb-2 flex items-center justify-between text-sm">
              <span className="font-medium text-fg" aria-live="polite">
                {finished ? t('run.done') : job.data?.progress && typeof job.data.progress === 'object' ? t('run.processed', { processed }) : t('run.starting')}
              </span>
              <span className="tabular-nums text-fg-muted">{format.number(percent / 100, { style: 'percent' })}</span>
            </div>
            <ProgressBar value={percent} label={t('run.progressLabel')} />
            {!finished && <p className="mt-2 text-xs text-fg-muted">{t('run.leaveHint')}</p>}
          </div>
        )}
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5" data-testid="import-counters">
          <Counter label={t('counts.created')} value={counts.created} tone="success" testId="count-created" />
          <Counter label={t('counts.updated')} value={counts.updated} tone="info" testId="count-updated" />
          <Counter label={t('counts.unchanged')} value={counts.unchanged} tone="neutral" testId="count-unchanged" />
          <Counter label={t('counts.merged')} value={counts.merged} tone="neutral" testId="count-merged" />
          <Counter label={t('counts.rejected')} value={counts.rejected} tone={counts.rejected ? 'danger' : 'neutral'} testId="count-rejected" />
        </dl>
        {finished && !failed && (
          <div className="flex flex-col gap-1 text-sm text-fg-muted" data-testid="import-sum">
            <p>{t('run.sum', { total: record.totalRows, created: counts.created, updated: counts.updated, unchanged: counts.unchanged, merged: counts.merged, rejected: counts.rejected })}</p>
            {counts.merged > 0 && <p>{t('run.mergedHint')}</p>}
            {counts.warned > 0 && (
              <p className="font-medium text-warning" data-testid="import-warned">
                {t('run.warned', { rows: counts.warned, cells: record.warningCells })}
              </p>
            )}
          </div>
        )}
        {finished && record.warningSamples.length > 0 && <WarningsTable warnings={record.warningSamples} total={record.warningCells} />}
        {finished && (
          <div className="flex flex-wrap gap-2">
            {record.hasReport && (
              <Button asChild variant="secondary">
                <a href={endpoints.imports.rejectedUrl(record.id)} download>
                  <Download aria-hidden />
                  {t('run.downloadRejected')}
                </a>
              </Button>
            )}
            {record.hasWarningsReport && (
              <Button asChild variant="secondary">
                <a href={endpoints.imports.warningsUrl(record.id)} download>
                  <Download aria-hidden />
                  {t('run.downloadWarnings')}
                </a>
              </Button>
            )}
            <Button asChild>
              <Link href="/leads">{t('run.seeLeads')}</Link>
            </Button>
            <Button variant="ghost" onClick={onNew}>
              <RotateCw aria-hidden />
              {t('run.another')}
            </Button>
          </div>
        )}
      </CardContent>
    </Card>
  );
}

/** The first values left out, where they were and why; the downloadable report has them all. */
function WarningsTable({ warnings, total }: { warnings: LeadImport['warningSamples']; total: number }) {
  const t = useTranslations('imports.warnings');
  const format = useFormatter();
  return (
    <div className="overflow-x-auto rounded-lg border border-border">
      <Table data-testid="import-warnings">
        <TableCaption>{warnings.length < total ? t('captionSome', { shown: warnings.length, total }) : t('caption')}</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHead className="w-20">{t('line')}</TableHead>
            <TableHead>{t('column')}</TableHead>
            <TableHead>{t('value')}</TableHead>
            <TableHead>{t('reason')}</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {warnings.map((w, i) => (
            <TableRow key={i} data-testid="import-warning">
              <TableCell className="tabular-nums">{format.number(w.line)}</TableCell>
              <TableCell className="font-medium">{w.header}</TableCell>
              <TableCell className="max-w-56 truncate font-mono text-xs">{w.value}</TableCell>
              <TableCell className="text-fg-muted">{t.has(`codes.${w.code}` as 'codes.invalid_email') ? t(`codes.${w.code}` as 'codes.invalid_email') : w.message}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

function Counter({ label, value, tone, testId }: { label: string; value: number; tone: 'success' | 'info' | 'neutral' | 'danger'; testId: string }) {
  const format = useFormatter();
  return (
    <div className="rounded-lg border border-border bg-surface-muted px-4 py-3">
      <dt className="text-xs font-medium text-fg-muted">{label}</dt>
      <dd
        data-testid={testId}
        className={cn(
          'mt-1 text-2xl font-semibold tabular-nums',
          tone === 'success' && 'text-success',
          tone === 'info' && 'text-info',
          tone === 'danger' && 'text-danger',
          tone === 'neutral' && 'text-fg',
        )}
      >
        {format.number(value)}
      </dd>
    </div>
  );
}
