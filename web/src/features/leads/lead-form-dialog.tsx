'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useEffect, useMemo, useState } from 'react';
import { Controller, useForm, type Path } from 'react-hook-form';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import { Skeleton } from '@/components/ui/skeleton';
import { toast } from '@/components/ui/toaster';
import { endpoints } from '@/lib/api/endpoints';
import { CONSENT_CHANNELS, LIFECYCLE_STAGES, type CustomField, type Lead } from '@/lib/api/types';
import { FormAlert } from '@/features/auth/form-alert';
import { applyProblem } from '@/features/shared/form-errors';
import { useApiErrorText } from '@/features/shared/use-api-error-text';
import { useValidationMessage } from '@/features/shared/use-validation-message';
import { useWorkspaceSettings } from '@/features/workspace/workspace-settings';
import { CountryPicker } from './country-picker';
import { CIVILITIES } from './lead-name';
import { formToLeadInput, leadFormSchema, leadToForm, type LeadFormValues } from './schemas';

export const CUSTOM_FIELDS_KEY = ['custom-fields'] as const;

export function useCustomFields() {
  return useQuery({
    queryKey: CUSTOM_FIELDS_KEY,
    queryFn: endpoints.customFields.list,
    select: (d) => [...d.items].sort((a, b) => a.position - b.position || a.label.localeCompare(b.label)),
  });
}

const TEXT_FIELDS = ['firstName', 'lastName', 'email', 'phone', 'company', 'jobTitle', 'source', 'streetAddress', 'postalCode', 'city', 'region'] as const;

/** Create a lead (lead = null) or edit one; validates as you type with the API's rules. */
export function LeadFormDialog({ open, onOpenChange, lead }: { open: boolean; onOpenChange: (open: boolean) => void; lead: Lead | null }) {
  const t = useTranslations();
  const customFields = useCustomFields();
  // A new lead starts in the workspace's default country (none if the settings cannot be read).
  const workspace = useWorkspaceSettings();
  const waiting = customFields.isPending || (!lead && workspace.isPending);
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="max-h-[calc(100dvh-2rem)] max-w-2xl overflow-y-auto">
        <DialogHeader>
          <DialogTitle>{lead ? t('leads.form.editTitle') : t('leads.form.createTitle')}</DialogTitle>
          <DialogDescription>{lead ? t('leads.form.editDescription') : t('leads.form.createDescription')}</DialogDescription>
        </DialogHeader>
        {waiting ? (
          <div role="status" className="grid gap-3">
            <span className="sr-only">{t('common.loading')}</span>
            <Skeleton className="h-9" />
            <Skeleton className="h-9" />
            <Skeleton className="h-9" />
          </div>
        ) : (
          open && (
            <LeadForm
              lead={lead}
              fields={customFields.data ?? []}
              fieldsFailed={customFields.isError}
              defaultCountry={workspace.data?.defaultCountry ?? null}
              onDone={() => onOpenChange(false)}
            />
          )
        )}
      </DialogContent>
    </Dialog>
  );
}

function LeadForm({
  lead,
  fields,
  fieldsFailed,
  defaultCountry,
  onDone,
}: {
  lead: Lead | null;
  fields: CustomField[];
  fieldsFailed: boolean;
  defaultCountry: string | null;
  onDone: () => void;
}) {
  const t = useTranslations();
  const msg = useValidationMessage();
  const errorText = useApiErrorText();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [formError, setFormError] = useState<string | null>(null);
  const schema = useMemo(() => leadFormSchema(fields), [fields]);
  const form = useForm<LeadFormValues>({ resolver: zodResolver(schema), mode: 'onChange', defaultValues: leadToForm(lead, fields, defaultCountry) });
  const { errors } = form.formState;
  // Email and phone depend on each other (one of them is required).
  const [email, phone] = form.watch(['email', 'phone']);
  useEffect(() => {
    if (form.formState.isSubmitted || form.getFieldState('email').isDirty || form.getFieldState('phone').isDirty) void form.trigger(['email', 'phone']);
  }, [email, phone, form]);

  const mutation = useMutation({
    mutationFn: (values: LeadFormValues) => {
      const body = formToLeadInput(values, fields, lead);
      return lead ? endpoints.leads.update(lead.id, body) : endpoints.leads.create(body);
    },
  });

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      const saved = await mutation.mutateAsync(values);
      queryClient.setQueryData(['leads', 'one', saved.id], saved);
      await queryClient.invalidateQueries({ queryKey: ['leads'] });
      toast.success(lead ? t('leads.form.saved') : t('leads.form.created'));
      onDone();
      if (!lead) router.push(`/leads/${saved.id}`);
    } catch (err) {
      const paths = [...TEXT_FIELDS, 'civility', 'country', 'lifecycleStage', 'tags', ...fields.map((f) => `customFields.${f.key}`)] as Path<LeadFormValues>[];
      setFormError(applyProblem(err, form.setError, paths, errorText));
    }
  });

  const text = (name: (typeof TEXT_FIELDS)[number], opts: { type?: string; autoComplete?: string; hint?: string } = {}) => (
    <Field label={t(`leads.fields.${name}`)} error={msg(errors[name]?.message)} hint={opts.hint}>
      {(p) => <Input {...p} type={opts.type ?? 'text'} autoComplete={opts.autoComplete ?? 'off'} {...form.register(name)} />}
    </Field>
  );

  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-5">
      {formError && <FormAlert>{formError}</FormAlert>}
      <div className="grid gap-4 sm:grid-cols-2">
        <Controller
          control={form.control}
          name="civility"
          render={({ field }) => (
            <Field label={t('leads.fields.civility')} error={msg(errors.civility?.message)} className="sm:col-span-2 sm:max-w-[calc(50%-0.5rem)]">
              {(p) => (
                <Select value={field.value || NO_CIVILITY} onValueChange={(v) => field.onChange(v === NO_CIVILITY ? '' : v)}>
                  <SelectTrigger {...p}>
                    <SelectValue />
                  </SelectTrigger>
                  <SelectContent>
                    <SelectItem value={NO_CIVILITY}>{t('leads.civility.none')}</SelectItem>
                    {CIVILITIES.map((c) => (
                      <SelectItem key={c} value={c}>
                        {t(`leads.civility.long.${c}`)}
                      </SelectItem>
                    ))}
                  </SelectContent>
                </Select>
              )}
            </Field>
          )}
        />
        {text('firstName')}
        {text('lastName')}
        {text('email', { type: 'email', hint: t('leads.form.emailOrPhone') })}
        {text('phone', { type: 'tel', hint: t('leads.form.phoneHint') })}
        {text('company')}
        {text('jobTitle')}
        {text('source', { hint: t('leads.form.sourceHint') })}
        <Controller
          control={form.control}
          name="lifecycleStage"
          render={({ field }) => (
            <Field label={t('leads.fields.lifecycleStage')} error={msg(errors.lifecycleStage?.message)}>
              {(p) => (
                <Select value={field.value} onValueChange={field.onChange}>
                  <SelectTrigger {...p}>
                    <SelectValue />
                  </SelectTrigger>
                  <SelectContent>
                    {LIFECYCLE_STAGES.map((s) => (
                      <SelectItem key={s} value={s}>
                        {t(`leads.stages.${s}`)}
                      </SelectItem>
                    ))}
                  </SelectContent>
                </Select>
              )}
            </Field>
          )}
        />
        <Field label={t('leads.fields.tags')} error={msg(errors.tags?.message)} hint={t('leads.form.tagsHint')} className="sm:col-span-2">
          {(p) => <Input {...p} autoComplete="off" placeholder={t('leads.form.tagsPlaceholder')} {...form.register('tags')} />}
        </Field>
      </div>

      <fieldset className="grid gap-4">
        <legend className="mb-2 text-[13px] font-medium text-fg">{t('leads.address.title')}</legend>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label={t('leads.fields.streetAddress')} error={msg(errors.streetAddress?.message)} className="sm:col-span-2">
            {(p) => <Input {...p} autoComplete="off" {...form.register('streetAddress')} />}
          </Field>
          {text('postalCode', { hint: t('leads.address.postalCodeHint') })}
          {text('city')}
          {text('region')}
          <Controller
            control={form.control}
            name="country"
            render={({ field }) => (
              <Field label={t('leads.fields.country')} error={msg(errors.country?.message)}>
                {(p) => (
                  <CountryPicker
                    id={p.id}
                    describedBy={p['aria-describedby']}
                    invalid={p['aria-invalid'] === true}
                    label={t('leads.fields.country')}
                    noneLabel={t('leads.country.noCountry')}
                    value={field.value}
                    onChange={(code) => {
                      field.onChange(code);
                      // The postal code's format depends on the country.
                      if (form.getValues('postalCode')) void form.trigger('postalCode');
                    }}
                  />
                )}
              </Field>
            )}
          />
        </div>
      </fieldset>

      <fieldset className="grid gap-2">
        <legend className="mb-2 text-[13px] font-medium text-fg">{t('leads.consent.title')}</legend>
        <p className="-mt-1 mb-1 text-xs text-fg-muted">{lead ? t('leads.form.consentEditHint') : t('leads.form.consentHint')}</p>
        <div className="flex flex-wrap gap-x-6 gap-y-2">
          {CONSENT_CHANNELS.map((channel) => (
            <Controller
              key={channel}
              control={form.control}
              name={`consent.${channel}`}
              render={({ field }) => (
                <div className="flex items-center gap-2">
                  <Checkbox id={`consent-${channel}`} checked={field.value} onCheckedChange={(v) => field.onChange(v === true)} />
                  <Label htmlFor={`consent-${channel}`} className="font-normal">
                    {t(`leads.consent.accepts.${channel}`)}
                  </Label>
                </div>
              )}
            />
          ))}
        </div>
      </fieldset>

      {fieldsFailed && <FormAlert>{t('leads.form.customFieldsError')}</FormAlert>}
      {fields.length > 0 && (
        <fieldset className="grid gap-4">
          <legend className="mb-2 text-[13px] font-medium text-fg">{t('leads.customFields.title')}</legend>
          <div className="grid gap-4 sm:grid-cols-2">
            {fields.map((f) => (
              <CustomFieldInput key={f.id} field={f} form={form} error={msg(errors.customFields?.[f.key]?.message)} />
            ))}
          </div>
        </fieldset>
      )}

      <DialogFooter>
        <Button type="button" variant="secondary" onClick={onDone}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" loading={mutation.isPending}>
          {lead ? t('leads.form.save') : t('leads.form.create')}
        </Button>
      </DialogFooter>
    </form>
  );
}

const NONE = '__none__';
const NO_CIVILITY = '__none__';

function CustomFieldInput({ field: f, form, error }: { field: CustomField; form: ReturnType<typeof useForm<LeadFormValues>>; error?: string }) {
  const tl = useTranslations('leads');
  const name = `customFields.${f.key}` as const;
  if (f.type === 'boolean')
    return (
      <Controller
        control={form.control}
        name={name}
        render={({ field }) => (
          <div className="flex items-center gap-2 self-end pb-2">
            <Checkbox id={`cf-${f.key}`} checked={field.value === true} onCheckedChange={(v) => field.onChange(v === true)} />
            <Label htmlFor={`cf-${f.key}`}>{f.label}</Label>
          </div>
        )}
      />
    );
  if (f.type === 'select')
    return (
      <Controller
        control={form.control}
        name={name}
        render={({ field }) => (
          <Field label={f.label} error={error}>
            {(p) => (
              <Select value={(field.value as string) || NONE} onValueChange={(v) => field.onChange(v === NONE ? '' : v)}>
                <SelectTrigger {...p}>
                  <SelectValue />
                </SelectTrigger>
                <SelectContent>
                  <SelectItem value={NONE}>{tl('customFields.noValue')}</SelectItem>
                  {f.options.map((o) => (
                    <SelectItem key={o} value={o}>
                      {o}
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
            )}
          </Field>
        )}
      />
    );
  return (
    <Field label={f.label} error={error}>
      {(p) => <Input {...p} type={f.type === 'date' ? 'date' : 'text'} inputMode={f.type === 'number' ? 'decimal' : undefined} autoComplete="off" {...form.register(name)} />}
    </Field>
  );
}
