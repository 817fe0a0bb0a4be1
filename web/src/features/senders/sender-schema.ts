import { z } from 'zod';
import type { Sender, SmtpSecurity } from '@/lib/api/types';

const optionalInt = (max: number) =>
  z
    .string()
    .trim()
    .refine((v) => v === '' || (/^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= max), 'validation.rateLimit');

/** The sender form, with the API's own rules (so mistakes show as you type). */
export const senderSchema = z
  .object({
    name: z.string().trim().min(1, 'validation.required').max(100, 'validation.tooLong'),
    fromName: z.string().trim().max(200, 'validation.tooLong'),
    fromAddress: z.email('validation.email'),
    replyTo: z.union([z.literal(''), z.email('validation.email')]),
    host: z.string().trim().regex(/^[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$|^\[?[0-9a-fA-F:.]+\]?$/, 'validation.host'),
    port: z.string().trim().refine((v) => /^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 65535, 'validation.port'),
    security: z.enum(['none', 'starttls', 'tls']),
    username: z.string().max(254, 'validation.tooLong'),
    password: z.string().max(500, 'validation.tooLong'),
    ratePerSecond: optionalInt(10_000),
    ratePerHour: optionalInt(10_000_000),
    dkimEnabled: z.boolean(),
    dkimDomain: z.string().trim(),
    dkimSelector: z.string().trim(),
    isDefault: z.boolean(),
  })
  .superRefine((v, ctx) => {
    if (!v.dkimEnabled) return;
    if (!/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i.test(v.dkimDomain)) ctx.addIssue({ code: 'custom', path: ['dkimDomain'], message: 'validation.domain' });
    if (!/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i.test(v.dkimSelector)) ctx.addIssue({ code: 'custom', path: ['dkimSelector'], message: 'validation.selector' });
  });

export type SenderFormValues = z.infer<typeof senderSchema>;

export function senderDefaults(s: Sender | null): SenderFormValues {
  return {
    name: s?.name ?? '',
    fromName: s?.fromName ?? '',
    fromAddress: s?.fromAddress ?? '',
    replyTo: s?.replyTo ?? '',
    host: s?.host ?? '',
    port: String(s?.port ?? 587),
    security: (s?.security ?? 'starttls') as SmtpSecurity,
    username: s?.username ?? '',
    password: '',
    ratePerSecond: s?.ratePerSecond ? String(s.ratePerSecond) : '',
    ratePerHour: s?.ratePerHour ? String(s.ratePerHour) : '',
    dkimEnabled: Boolean(s?.dkim),
    dkimDomain: s?.dkim?.domain ?? '',
    dkimSelector: s?.dkim?.selector ?? 'lynara',
    isDefault: s?.isDefault ?? false,
  };
}

/** The request body: a new sender's every field; an edited one's password only when typed (empty keeps it). */
export function senderBody(v: SenderFormValues, editing: Sender | null) {
  const num = (x: string) => (x === '' ? null : Number(x));
  const body = {
    name: v.name.trim(),
    fromName: v.fromName.trim() || null,
    fromAddress: v.fromAddress.trim(),
    replyTo: v.replyTo.trim() || null,
    host: v.host.trim(),
    port: Number(v.port),
    security: v.security,
    username: v.username.trim() || null,
    ratePerSecond: num(v.ratePerSecond),
    ratePerHour: num(v.ratePerHour),
    isDefault: v.isDefault,
    dkim: v.dkimEnabled ? { domain: v.dkimDomain.trim(), selector: v.dkimSelector.trim() } : null,
  };
  if (!editing) return { ...body, password: v.password || null, dkim: body.dkim ?? undefined };
  return { ...body, ...(v.password ? { password: v.password } : {}), ...(!v.dkimEnabled && !editing.dkim ? { dkim: undefined } : {}) };
}
