'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Plus, X } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Controller, useFieldArray, useForm, type Path } from 'react-hook-form';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import { toast } from '@/components/ui/toaster';
import { ApiError } from '@/lib/api/client';
import { endpoints } from '@/lib/api/endpoints';
import { CUSTOM_FIELD_TYPES, type CustomField } from '@/lib/api/types';
import { FormAlert } from '@/features/auth/form-alert';
import { CUSTOM_FIELDS_KEY } from '@/features/leads/lead-form-dialog';
import { suggestKey } from '@/features/leads/lead-query';
import { cleanOptions, customFieldSchema, type CustomFieldFormValues } from '@/features/leads/schemas';
import { applyProblem } from '@/features/shared/form-errors';
import { useApiErrorText } from '@/features/shared/use-api-error-text';
import { useValidationMessage } from '@/features/shared/use-validation-message';

/**
 * Create a custom field (field = null) or rename one / edit its options. Key and type are fixed once created.
 * `initialLabel` pre-fills a new field's name (the import's column header); `onCreated` hands the new field back.
 */
export function CustomFieldDialog({
  open,
  onOpenChange,
  field,
  nextPosition,
  initialLabel,
  onCreated,
}: {
  open: boolean;
  onOpenChange: (o: boolean) => void;
  field: CustomField | null;
  nextPosition: number;
  initialLabel?: string;
  onCreated?: (created: CustomField) => void;
}) {
  const tc = useTranslations('customFields');
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="max-h-[calc(100dvh-2rem)] overflow-y-auto">
        <DialogHeader>
          <DialogTitle>{field ? tc('form.editTitle') : tc('form.createTitle')}</DialogTitle>
          <DialogDescription>{field ? tc('form.editDescription') : tc('form.createDescription')}</DialogDescription>
        </DialogHeader>
        {open && <CustomFieldForm field={field} nextPosition={nextPosition} initialLabel={initialLabel} onCreated={onCreated} onDone={() => onOpenChange(false)} />}
      </DialogContent>
    </Dialog>
  );
}

function CustomFieldForm({
  field,
  nextPosition,
  initialLabel,
  onCreated,
  onDone,
}: {
  field: CustomField | null;
  nextPosition: number;
  initialLabel?: string;
  onCreated?: (created: CustomField) => void;
  onDone: () => void;
}) {
  const t = useTranslations();
  const msg = useValidationMessage();
  const errorText = useApiErrorText();
  const queryClient = useQueryClient();
  const [formError, setFormError] = useState<string | null>(null);
  const [keyEdited, setKeyEdited] = useState(Boolean(field));
  const form = useForm<CustomFieldFormValues>({
    resolver: zodResolver(customFieldSchema),
    mode: 'onChange',
    defaultValues: {
      label: field?.label ?? initialLabel?.slice(0, 100) ?? '',
      key: field?.key ?? (initialLabel ? suggestKey(initialLabel) : ''),
      type: field?.type ?? 'text',
      options: field?.options.length ? field.options.map((value) => ({ value })) : [{ value: '' }],
    },
  });
  const { errors } = form.formState;
  const options = useFieldArray({ control: form.control, name: 'options' });
  const type = form.watch('type');
  const mutation = useMutation({
    mutationFn: (v: CustomFieldFormValues) => {
      const opts = v.type === 'select' ? cleanOptions(v.options) : undefined;
      return field
        ? endpoints.customFields.update(field.id, { label: v.label.trim(), ...(field.type === 'select' ? { options: opts } : {}) })
        : endpoints.customFields.create({ label: v.label.trim(), key: v.key, type: v.type, options: opts, position: nextPosition });
    },
  });
  const onSubmit = form.handleSubmit(async (v) => {
    setFormError(null);
    try {
      const saved = await mutation.mutateAsync(v);
      toast.success(field ? t('customFields.saved') : t('customFields.created'));
      await queryClient.invalidateQueries({ queryKey: CUSTOM_FIELDS_KEY });
      if (!field) onCreated?.(saved);
      onDone();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'CUSTOM_FIELD_KEY_TAKEN') {
        form.setError('key', { type: 'server', message: errorText(err.code, err.message) });
        return;
      }
      const message = applyProblem(err, form.setError, ['label', 'key', 'type', 'options'] as Path<CustomFieldFormValues>[], errorText);
      if (message) setFormError(message);
    }
  });
  const labelField = form.register('label');

  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-5">
      {formError && <FormAlert>{formError}</FormAlert>}
      <Field label={t('customFields.fields.label')} error={msg(errors.label?.message)} hint={t('customFields.form.labelHint')}>
        {(p) => (
          <Input
            {...p}
            autoComplete="off"
            autoFocus
            {...labelField}
            onChange={(e) => {
              void labelField.onChange(e);
              if (!keyEdited) form.setValue('key', suggestKey(e.target.value), { shouldValidate: form.formState.isSubmitted || e.target.value.length > 0 });
            }}
          />
        )}
      </Field>
      <Field label={t('customFields.fields.key')} error={msg(errors.key?.message)} hint={field ? t('customFields.form.keyFixed') : t('customFields.form.keyHint')}>
        {(p) => (
          <Input
            {...p}
            autoComplete="off"
            spellCheck={false}
            disabled={Boolean(field)}
            {...form.register('key', { onChange: () => setKeyEdited(true) })}
          />
        )}
      </Field>
      <Controller
        control={form.control}
        name="type"
        render={({ field: f }) => (
          <Field label={t('customFields.fields.type')} error={msg(errors.type?.message)} hint={field ? t('customFields.form.typeFixed') : t(`customFields.typeHints.${f.value}`)}>
            {(p) => (
              <Select value={f.value} onValueChange={f.onChange} disabled={Boolean(field)}>
                <SelectTrigger {...p}>
                  <SelectValue />
                </SelectTrigger>
                <SelectContent>
                  {CUSTOM_FIELD_TYPES.map((ty) => (
                    <SelectItem key={ty} value={ty}>
                      {t(`customFields.types.${ty}`)}
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
            )}
          </Field>
        )}
      />
      {type === 'select' && (
        <fieldset className="grid gap-2">
          <legend className="mb-1.5 text-[13px] font-medium text-fg">{t('customFields.fields.options')}</legend>
          <ul className="grid gap-2">
            {options.fields.map((o, i) => (
              <li key={o.id} className="flex items-start gap-2">
                <div className="flex-1">
                  <Label htmlFor={`option-${i}`} className="sr-only">
                    {t('customFields.form.optionN', { n: i + 1 })}
                  </Label>
                  <Input
                    id={`option-${i}`}
                    autoComplete="off"
                    placeholder={t('customFields.form.optionPlaceholder')}
                    aria-invalid={Boolean(errors.options?.[i]?.value)}
                    {...form.register(`options.${i}.value`)}
                    onKeyDown={(e) => {
                      if (e.key === 'Enter') {
                        e.preventDefault();
                        options.append({ value: '' });
                      }
                    }}
                  />
                  {errors.options?.[i]?.value && <p className="mt-1 text-xs font-medium text-danger">{msg(errors.options[i]?.value?.message)}</p>}
                </div>
                <Button type="button" variant="ghost" size="icon" aria-label={t('customFields.form.removeOption', { n: i + 1 })} disabled={options.fields.length === 1} onClick={() => options.remove(i)}>
                  <X aria-hidden />
                </Button>
              </li>
            ))}
          </ul>
          {(errors.options?.message || errors.options?.root?.message) && (
            <p role="alert" className="text-xs font-medium text-danger">
              {msg(errors.options?.message ?? errors.options?.root?.message)}
            </p>
          )}
          <div>
            <Button type="button" variant="secondary" size="sm" onClick={() => options.append({ value: '' })} disabled={options.fields.length >= 100}>
              <Plus aria-hidden />
              {t('customFields.form.addOption')}
            </Button>
          </div>
        </fieldset>
      )}
      <DialogFooter>
        <Button type="button" variant="secondary" onClick={onDone}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" loading={mutation.isPending}>
          {field ? t('customFields.form.save') : t('customFields.form.create')}
        </Button>
      </DialogFooter>
    </form>
  );
}
