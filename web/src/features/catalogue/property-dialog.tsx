'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import { Textarea } from '@/components/ui/textarea';
import { endpoints } from '@/lib/api/endpoints';
import { ENERGY_RATINGS, PROPERTY_STATUSES, PROPERTY_TYPES, type EnergyRating, type Property, type PropertyStatus, type PropertyType } from '@/lib/api/types';
import { usePropertyTypeLabel } from './property-status';
import { moneyInput, parseMoney } from './money';
import { useCatalogueSave } from './use-catalogue-save';

/** The select's value for "no rating" (Radix selects take no empty value). */
const NO_RATING = 'none';

function num(raw: string): number | null {
  const s = raw.trim().replace(',', '.');
  return s === '' ? null : Number(s);
}

/** Creates a property (property null) or edits one. */
export function PropertyDialog({ property, onClose }: { property: Property | null; onClose: () => void }) {
  const t = useTranslations('catalogue.properties');
  const typeLabel = usePropertyTypeLabel();
  const [v, setV] = useState({
    reference: property?.reference ?? '',
    title: property?.title ?? '',
    propertyType: (property?.propertyType ?? 'apartment') as PropertyType,
    description: property?.description ?? '',
    energyRating: (property?.energyRating ?? NO_RATING) as EnergyRating | typeof NO_RATING,
    transactionType: property?.transactionType ?? 'sale',
    status: property?.status ?? 'draft',
    city: property?.city ?? '',
    postalCode: property?.postalCode ?? '',
    surfaceM2: property?.surfaceM2 === null || property?.surfaceM2 === undefined ? '' : String(property.surfaceM2),
    rooms: property?.rooms === null || property?.rooms === undefined ? '' : String(property.rooms),
    bedrooms: property?.bedrooms === null || property?.bedrooms === undefined ? '' : String(property.bedrooms),
    price: moneyInput(property?.priceMinor),
    currency: property?.currency ?? 'EUR',
  });
  const set = (patch: Partial<typeof v>) => setV((x) => ({ ...x, ...patch }));
  const { save, errors, setErrors } = useCatalogueSave('properties', property !== null, () => {
    const priceMinor = parseMoney(v.price) ?? null;
    const body = {
      reference: v.reference.trim(),
      title: v.title.trim(),
      propertyType: v.propertyType,
      description: (v.description.trim() || null) as never,
      energyRating: v.energyRating === NO_RATING ? null : v.energyRating,
      transactionType: v.transactionType,
      status: v.status,
      city: (v.city.trim() || null) as never,
      postalCode: (v.postalCode.trim() || null) as never,
      surfaceM2: num(v.surfaceM2) as never,
      rooms: num(v.rooms) as never,
      bedrooms: num(v.bedrooms) as never,
      priceMinor,
      currency: (priceMinor === null ? null : v.currency.trim().toUpperCase()) as never,
    };
    return property ? endpoints.properties.update(property.id, body) : endpoints.properties.create(body);
  }, onClose);
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const next: Record<string, string> = {};
    if (!/^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/.test(v.reference.trim())) next.reference = v.reference.trim() ? t('form.referenceInvalid') : t('form.required');
    if (!v.title.trim()) next.title = t('form.required');
    if (v.surfaceM2.trim() && !Number.isFinite(num(v.surfaceM2))) next.surfaceM2 = t('form.numberInvalid');
    if (v.rooms.trim() && !Number.isInteger(num(v.rooms))) next.rooms = t('form.numberInvalid');
    if (v.bedrooms.trim() && !Number.isInteger(num(v.bedrooms))) next.bedrooms = t('form.numberInvalid');
    else if (v.bedrooms.trim() && v.rooms.trim() && num(v.bedrooms)! > num(v.rooms)!) next.bedrooms = t('form.bedroomsTooMany');
    if (parseMoney(v.price) === undefined) next.priceMinor = t('form.priceInvalid');
    setErrors(next);
    if (!Object.keys(next).length) save.mutate();
  };
  return (
    <Dialog open onOpenChange={(o) => !o && onClose()}>
      <DialogContent className="max-w-2xl">
        <DialogHeader>
          <DialogTitle>{property ? t('editTitle') : t('newTitle')}</DialogTitle>
          <DialogDescription>{t('formDescription')}</DialogDescription>
        </DialogHeader>
        <form onSubmit={submit} className="grid gap-4 sm:grid-cols-2" noValidate>
          <Field label={t('form.title')} error={errors.title} className="sm:col-span-2">
            {(p) => <Input {...p} value={v.title} maxLength={200} onChange={(e) => set({ title: e.target.value })} />}
          </Field>
          <Field label={t('form.reference')} error={errors.reference}>
            {(p) => <Input {...p} value={v.reference} maxLength={64} onChange={(e) => set({ reference: e.target.value })} />}
          </Field>
          <Field label={t('form.propertyType')} error={errors.propertyType}>
            {(p) => (
              <Select value={v.propertyType} onValueChange={(x) => set({ propertyType: x as PropertyType })}>
                <SelectTrigger id={p.id} aria-describedby={p['aria-describedby']} aria-invalid={p['aria-invalid'] || undefined}>
                  <SelectValue />
                </SelectTrigger>
                <SelectContent>
                  {PROPERTY_TYPES.map((type) => (
                    <SelectItem key={type} value={type}>
                      {typeLabel(type)}
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
            )}
          </Field>
          <Field label={t('form.transaction')}>
            {(p) => (
              <Select value={v.transactionType} onValueChange={(x) => set({ transactionType: x as Property['transactionType'] })}>
                <SelectTrigger id={p.id}>
                  <SelectValue />
                </SelectTrigger>
                <SelectContent>
                  <SelectItem value="sale">{t('transaction.sale')}</SelectItem>
                  <SelectItem value="rent">{t('transaction.rent')}</SelectItem>
                </SelectContent>
              </Select>
            )}
          </Field>
          <Field label={t('form.status')}>
            {(p) => (
              <Select value={v.status} onValueChange={(x) => set({ status: x as PropertyStatus })}>
                <SelectTrigger id={p.id}>
                  <SelectValue />
                </SelectTrigger>
                <SelectContent>
                  {PROPERTY_STATUSES.map((s) => (
                    <SelectItem key={s} value={s}>
                      {t(`status.${s}`)}
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
            )}
          </Field>
          <Field label={t('form.postalCode')} error={errors.postalCode}>
            {(p) => <Input {...p} value={v.postalCode} maxLength={20} onChange={(e) => set({ postalCode: e.target.value })} />}
          </Field>
          <Field label={t('form.city')} error={errors.city}>
            {(p) => <Input {...p} value={v.city} maxLength={120} onChange={(e) => set({ city: e.target.value })} />}
          </Field>
          <Field label={t('form.surface')} error={errors.surfaceM2}>
            {(p) => <Input {...p} inputMode="decimal" value={v.surfaceM2} onChange={(e) => set({ surfaceM2: e.target.value })} />}
          </Field>
          <Field label={t('form.rooms')} error={errors.rooms}>
            {(p) => <Input {...p} inputMode="numeric" value={v.rooms} onChange={(e) => set({ rooms: e.target.value })} />}
          </Field>
          <Field label={t('form.bedrooms')} error={errors.bedrooms}>
            {(p) => <Input {...p} inputMode="numeric" value={v.bedrooms} onChange={(e) => set({ bedrooms: e.target.value })} />}
          </Field>
          <Field label={t('form.energyRating')} error={errors.energyRating}>
            {(p) => (
              <Select value={v.energyRating} onValueChange={(x) => set({ energyRating: x as EnergyRating | typeof NO_RATING })}>
                <SelectTrigger id={p.id} aria-describedby={p['aria-describedby']} aria-invalid={p['aria-invalid'] || undefined}>
                  <SelectValue />
                </SelectTrigger>
                <SelectContent>
                  <SelectItem value={NO_RATING}>{t('form.noRating')}</SelectItem>
                  {ENERGY_RATINGS.map((r) => (
                    <SelectItem key={r} value={r}>
                      {r}
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
            )}
          </Field>
          <Field label={t('form.price')} error={errors.priceMinor}>
            {(p) => <Input {...p} inputMode="decimal" value={v.price} placeholder="0,00" onChange={(e) => set({ price: e.target.value })} />}
          </Field>
          <Field label={t('form.currency')} error={errors.currency}>
            {(p) => <Input {...p} value={v.currency} maxLength={3} onChange={(e) => set({ currency: e.target.value.toUpperCase() })} />}
          </Field>
          <Field label={t('form.description')} error={errors.description} hint={t('form.descriptionHint')} className="sm:col-span-2">
            {(p) => <Textarea {...p} rows={4} value={v.description} maxLength={20_000} onChange={(e) => set({ description: e.target.value })} />}
          </Field>
          <DialogFooter className="sm:col-span-2">
            <Button type="button" variant="secondary" onClick={onClose}>
              {t('form.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {property ? t('form.save') : t('form.create')}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
