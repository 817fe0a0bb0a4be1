'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ProjectData } from 'grapesjs';
import { ArrowLeft, Code2, Eye, LayoutTemplate, Save, Send } from 'lucide-react';
import dynamic from 'next/dynamic';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { ErrorState } from '@/components/ui/error-state';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Skeleton } from '@/components/ui/skeleton';
import { Textarea } from '@/components/ui/textarea';
import { toast } from '@/components/ui/toaster';
import { ApiError } from '@/lib/api/client';
import { endpoints } from '@/lib/api/endpoints';
import type { ChannelMessage, EmailTemplate, RenderedEmail } from '@/lib/api/types';
import { FormAlert } from '@/features/auth/form-alert';
import { useApiErrorText } from '@/features/shared/use-api-error-text';
import { templateProblems } from './starter';
import { TEMPLATES_KEY } from './templates-list';

const MjmlVisualEditor = dynamic(() => import('./mjml-visual-editor'), { ssr: false, loading: () => <Skeleton className="h-[640px] w-full" /> });

// Examples of the template language (code, not words: the same in every language).
const VARIABLES_EXAMPLE = '{{lead.firstName}}, {{lead.salutation}}, {{lead.custom.<key>}}, {{workspace.name}}, {{unsubscribe_url}}';
const FALLBACK_EXAMPLE = '{{lead.firstName}}{{^lead.firstName}}…{{/lead.firstName}}';

const SETTLED = new Set(['sent', 'failed', 'suppressed', 'cancelled']);

export function TemplateEditor({ id }: { id: string }) {
  const template = useQuery({ queryKey: [...TEMPLATES_KEY, id], queryFn: () => endpoints.templates.get(id) });
  if (template.isPending) return <Skeleton className="h-[700px] w-full" />;
  if (template.isError) return <ErrorState error={template.error} onRetry={() => void template.refetch()} />;
  return <EditorForm template={template.data} />;
}

function EditorForm({ template }: { template: EmailTemplate }) {
  const t = useTranslations();
  const errorText = useApiErrorText();
  const queryClient = useQueryClient();
  const [name, setName] = useState(template.name);
  const [subject, setSubject] = useState(template.subject);
  const [preheader, setPreheader] = useState(template.preheader ?? '');
  const [mjml, setMjml] = useState(template.mjml);
  // Null once the code view changed the MJML: the visual editor then rebuilds from the MJML.
  const [project, setProject] = useState<ProjectData | null>((template.editorProject as ProjectData | null) ?? null);
  const [mode, setMode] = useState<'visual' | 'code'>('visual');
  const [visualKey, setVisualKey] = useState(0);
  const [dirty, setDirty] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  const [leadId, setLeadId] = useState<string | null>(null);
  const [preview, setPreview] = useState<RenderedEmail | null>(null);
  const [showText, setShowText] = useState(false);
  const fieldName = (f: string) => (t.has(`templates.fields.${f}` as never) ? t(`templates.fields.${f}` as never) : f);

  const save = useMutation({
    mutationFn: () => endpoints.templates.update(template.id, { name: name.trim(), subject: subject.trim(), preheader: preheader.trim() || null, mjml, editorProject: (project as Record<string, unknown> | null) ?? null }),
    onSuccess: (saved) => {
      setDirty(false);
      setProblems([]);
      queryClient.setQueryData([...TEMPLATES_KEY, template.id], saved);
      void queryClient.invalidateQueries({ queryKey: TEMPLATES_KEY, exact: true });
    },
    onError: (err: Error) => {
      if (err instanceof ApiError && err.code === 'TEMPLATE_INVALID') setProblems(templateProblems(err.problem.errors, fieldName));
      else setProblems([errorText(err instanceof ApiError ? err.code : undefined, err.message)]);
    },
  });
  const saveThen = async <T,>(then: () => Promise<T>): Promise<T | undefined> => {
    if (dirty) {
      try {
        await save.mutateAsync();
      } catch {
        return undefined;
      }
    }
    return then();
  };
  const previewRun = useMutation({
    mutationFn: () => saveThen(() => endpoints.templates.preview(template.id, leadId ?? undefined)),
    onSuccess: (p) => p && setPreview(p),
    onError: (err: Error) => toast.error(errorText(err instanceof ApiError ? err.code : undefined, err.message)),
  });
  const testSend = useMutation({
    mutationFn: async () => {
      const queued = await saveThen(() => endpoints.templates.testSend(template.id, leadId ? { leadId } : {}));
      if (!queued) return undefined;
      // The worker sends it: follow the message until it is settled (a few seconds at most).
      let m: ChannelMessage = queued;
      for (let i = 0; i < 60 && !SETTLED.has(m.status); i++) {
        await new Promise((r) => setTimeout(r, 500));
        m = await endpoints.messages.get(queued.id);
      }
      return m;
    },
    onSuccess: (m) => {
      if (!m) return;
      if (m.status === 'sent') toast.success(t('templates.editor.testSent', { to: m.to }));
      else if (SETTLED.has(m.status)) toast.error(t('templates.editor.testFailed', { reason: m.statusReason ?? m.status }));
      else toast.info?.(t('templates.editor.testPending'));
    },
    onError: (err: Error) => toast.error(errorText(err instanceof ApiError ? err.code : undefined, err.message)),
  });
  const edit = (apply: () => void) => {
    apply();
    setDirty(true);
  };

  return (
    <div className="grid gap-5">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <Button asChild variant="ghost" size="sm">
          <Link href="/campaigns/templates">
            <ArrowLeft aria-hidden />
            {t('templates.editor.back')}
          </Link>
        </Button>
        <div className="flex items-center gap-2">
          <span className="text-sm text-fg-muted" aria-live="polite">
            {save.isPending ? t('templates.editor.saving') : dirty ? t('templates.editor.unsaved') : t('templates.editor.saved')}
          </span>
          <Button variant="secondary" onClick={() => testSend.mutate()} loading={testSend.isPending}>
            <Send aria-hidden />
            {t('templates.editor.testSend')}
          </Button>
          <Button onClick={() => save.mutate()} loading={save.isPending} disabled={!dirty}>
            <Save aria-hidden />
            {t('templates.editor.save')}
          </Button>
        </div>
      </div>
      {problems.length > 0 && (
        <FormAlert>
          <p className="font-medium">{t('templates.editor.problems')}</p>
          <ul className="mt-1 list-disc pl-5">
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </FormAlert>
      )}
      <Card className="grid gap-4 p-5 md:grid-cols-3">
        <Field label={t('templates.fields.name')}>{(p) => <Input {...p} value={name} maxLength={200} onChange={(e) => edit(() => setName(e.target.value))} />}</Field>
        <Field label={t('templates.fields.subject')} hint={t('templates.editor.subjectHint', { example: '{{lead.firstName}}' })}>
          {(p) => <Input {...p} value={subject} maxLength={500} onChange={(e) => edit(() => setSubject(e.target.value))} />}
        </Field>
        <Field label={t('templates.fields.preheader')} hint={t('templates.editor.preheaderHint')}>
          {(p) => <Input {...p} value={preheader} maxLength={500} onChange={(e) => edit(() => setPreheader(e.target.value))} />}
        </Field>
      </Card>
      <div className="grid gap-5 xl:grid-cols-[minmax(0,1fr)_420px]">
        <Card className="grid content-start gap-3 p-4">
          <div role="tablist" aria-label={t('templates.editor.modes')} className="flex gap-1">
            <Button role="tab" aria-selected={mode === 'visual'} variant={mode === 'visual' ? 'primary' : 'ghost'} size="sm" onClick={() => (mode === 'code' && setVisualKey((k) => k + 1), setMode('visual'))}>
              <LayoutTemplate aria-hidden />
              {t('templates.editor.visual')}
            </Button>
            <Button role="tab" aria-selected={mode === 'code'} variant={mode === 'code' ? 'primary' : 'ghost'} size="sm" onClick={() => setMode('code')}>
              <Code2 aria-hidden />
              {t('templates.editor.code')}
            </Button>
          </div>
          {mode === 'visual' ? (
            <MjmlVisualEditor
              key={visualKey}
              mjml={mjml}
              project={project}
              label={t('templates.editor.visual')}
              onChange={(c) => {
                if (c.mjml === mjml) return;
                setMjml(c.mjml);
                setProject(c.project);
                setDirty(true);
              }}
            />
          ) : (
            <div className="grid gap-1.5">
              <Label htmlFor="mjml-code">{t('templates.editor.codeLabel')}</Label>
              <Textarea
                id="mjml-code"
                rows={28}
                spellCheck={false}
                className="font-mono text-xs"
                value={mjml}
                onChange={(e) =>
                  edit(() => {
                    setMjml(e.target.value);
                    setProject(null);
                  })
                }
              />
              <p className="text-xs text-fg-muted">{t('templates.editor.variablesHint', { vars: VARIABLES_EXAMPLE, fallback: FALLBACK_EXAMPLE })}</p>
            </div>
          )}
        </Card>
        <Card className="grid content-start gap-4 p-4">
          <h2 className="text-base font-semibold text-fg">{t('templates.editor.preview')}</h2>
          <LeadPicker value={leadId} onChange={setLeadId} />
          <Button variant="secondary" onClick={() => previewRun.mutate()} loading={previewRun.isPending}>
            <Eye aria-hidden />
            {dirty ? t('templates.editor.saveAndPreview') : t('templates.editor.showPreview')}
          </Button>
          {preview ? (
            <div className="grid gap-2" data-testid="template-preview">
              <p className="text-sm">
                <span className="text-fg-muted">{t('templates.fields.subject')} : </span>
                <span className="font-medium text-fg">{preview.subject}</span>
              </p>
              <div className="flex items-center gap-2">
                <input id="show-text" type="checkbox" checked={showText} onChange={(e) => setShowText(e.target.checked)} className="size-4 accent-primary" />
                <Label htmlFor="show-text">{t('templates.editor.textPart')}</Label>
              </div>
              {showText ? (
                <pre className="max-h-[560px] overflow-auto whitespace-pre-wrap rounded-lg border border-border bg-surface-sunken p-3 text-xs text-fg">{preview.text}</pre>
              ) : (
                // No scripts, no same-origin: the preview shows the email, nothing in it runs.
                <iframe title={t('templates.editor.previewFrame')} sandbox="" srcDoc={preview.html} className="h-[560px] w-full rounded-lg border border-border bg-white" />
              )}
            </div>
          ) : (
            <p className="text-sm text-fg-muted">{t('templates.editor.previewEmpty')}</p>
          )}
        </Card>
      </div>
    </div>
  );
}

/** Choose the lead whose values fill the preview (searched on the server: leads can be millions). */
function LeadPicker({ value, onChange }: { value: string | null; onChange: (id: string | null) => void }) {
  const t = useTranslations('templates.editor');
  const [q, setQ] = useState('');
  const [chosen, setChosen] = useState<string | null>(null);
  const leads = useQuery({ queryKey: ['leads', 'picker', q], queryFn: () => endpoints.leads.list({ q: q.trim() || undefined, limit: 6 }), enabled: q.trim().length >= 2 });
  return (
    <div className="grid gap-2">
      <Field label={t('lead')} hint={value ? t('leadChosen', { name: chosen ?? '' }) : t('leadHint')}>
        {(p) => <Input {...p} type="search" value={q} placeholder={t('leadPlaceholder')} onChange={(e) => setQ(e.target.value)} autoComplete="off" />}
      </Field>
      {q.trim().length >= 2 && (
        <ul className="grid gap-1" aria-label={t('leadResults')}>
          {(leads.data?.items ?? []).map((l) => {
            const label = [l.firstName, l.lastName].filter(Boolean).join(' ') || l.email || l.phone || l.id;
            return (
              <li key={l.id}>
                <Button
                  variant={value === l.id ? 'primary' : 'ghost'}
                  size="sm"
                  className="w-full justify-start"
                  onClick={() => {
                    onChange(l.id);
                    setChosen(label);
                    setQ('');
                  }}
                >
                  {label}
                  {l.email && label !== l.email && <span className="truncate text-xs opacity-75">{l.email}</span>}
                </Button>
              </li>
            );
          })}
          {leads.data?.items.length === 0 && <li className="text-sm text-fg-muted">{t('leadNone')}</li>}
        </ul>
      )}
      {value && (
        <Button variant="link" size="sm" className="justify-self-start" onClick={() => (onChange(null), setChosen(null))}>
          {t('leadClear')}
        </Button>
      )}
    </div>
  );
}
