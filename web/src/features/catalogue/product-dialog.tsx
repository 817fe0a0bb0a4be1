'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Textarea } from '@/components/ui/textarea';
import { endpoints } from '@/lib/api/endpoints';
import type { Product } from '@/lib/api/types';
import { moneyInput, parseMoney } from './money';
import { useCatalogueSave } from './use-catalogue-save';

/** Creates a product (product null) or edits one. */
export function ProductDialog({ product, onClose }: { product: Product | null; onClose: () => void }) {
  const t = useTranslations('catalogue.products');
  const [sku, setSku] = useState(product?.sku ?? '');
  const [name, setName] = useState(product?.name ?? '');
  const [description, setDescription] = useState(product?.description ?? '');
  const [price, setPrice] = useState(moneyInput(product?.priceMinor));
  const [currency, setCurrency] = useState(product?.currency ?? 'EUR');
  const [active, setActive] = useState(product?.active ?? true);
  const { save, errors, setErrors } = useCatalogueSave('products', product !== null, () => {
    const priceMinor = parseMoney(price) ?? null;
    const body = { sku: sku.trim(), name: name.trim(), description: (description.trim() || null) as never, priceMinor, currency: (priceMinor === null ? null : currency.trim().toUpperCase()) as never, active };
    return product ? endpoints.products.update(product.id, body) : endpoints.products.create(body);
  }, onClose);
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const next: Record<string, string> = {};
    if (!sku.trim()) next.sku = t('form.required');
    else if (!/^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/.test(sku.trim())) next.sku = t('form.skuInvalid');
    if (!name.trim()) next.name = t('form.required');
    if (parseMoney(price) === undefined) next.priceMinor = t('form.priceInvalid');
    if (parseMoney(price) && !/^[A-Za-z]{3}$/.test(currency.trim())) next.currency = t('form.currencyInvalid');
    setErrors(next);
    if (!Object.keys(next).length) save.mutate();
  };
  return (
    <Dialog open onOpenChange={(o) => !o && onClose()}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{product ? t('editTitle') : t('newTitle')}</DialogTitle>
          <DialogDescription>{t('formDescription')}</DialogDescription>
        </DialogHeader>
        <form onSubmit={submit} className="grid gap-4 sm:grid-cols-2" noValidate>
          <Field label={t('form.name')} error={errors.name} className="sm:col-span-2">
            {(p) => <Input {...p} value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />}
          </Field>
          <Field label={t('form.sku')} error={errors.sku} hint={t('form.skuHint')}>
            {(p) => <Input {...p} value={sku} maxLength={64} onChange={(e) => setSku(e.target.value)} />}
          </Field>
          <div className="flex items-end gap-2 pb-2">
            <Checkbox id="product-active" checked={active} onCheckedChange={(v) => setActive(v === true)} />
            <Label htmlFor="product-active">{t('form.active')}</Label>
          </div>
          <Field label={t('form.price')} error={errors.priceMinor}>
            {(p) => <Input {...p} inputMode="decimal" value={price} placeholder="0,00" onChange={(e) => setPrice(e.target.value)} />}
          </Field>
          <Field label={t('form.currency')} error={errors.currency}>
            {(p) => <Input {...p} value={currency} maxLength={3} onChange={(e) => setCurrency(e.target.value.toUpperCase())} />}
          </Field>
          <Field label={t('form.description')} error={errors.description} className="sm:col-span-2">
            {(p) => <Textarea {...p} value={description} rows={3} maxLength={10000} onChange={(e) => setDescription(e.target.value)} />}
          </Field>
          <DialogFooter className="sm:col-span-2">
            <Button type="button" variant="secondary" onClick={onClose}>
              {t('form.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {product ? t('form.save') : t('form.create')}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
