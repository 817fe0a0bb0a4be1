import { z } from 'zod';

// Same rules as the API's DTOs. Messages are i18n keys under `validation`.
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;

const email = z.string().trim().min(1, 'validation.required').max(254, 'validation.tooLong').pipe(z.email('validation.email'));
const password = z.string().min(PASSWORD_MIN, 'validation.passwordMin').max(PASSWORD_MAX, 'validation.tooLong');
const name = z.string().trim().min(1, 'validation.required').max(100, 'validation.tooLong');

export const loginSchema = z.object({ email, password: z.string().min(1, 'validation.required').max(PASSWORD_MAX, 'validation.tooLong') });
export const registerSchema = z.object({ name, email, password, tenantName: name });
export const forgotSchema = z.object({ email });
export const resetSchema = z
  .object({ password, confirm: z.string() })
  .refine((v) => v.password === v.confirm, { path: ['confirm'], message: 'validation.passwordMismatch' });
export const acceptExistingSchema = z.object({ password: z.string().min(1, 'validation.required') });
export const acceptNewSchema = z.object({ name, password });
export const inviteSchema = z.object({ email, role: z.enum(['owner', 'admin', 'marketer', 'viewer']) });
export const apiKeySchema = z.object({
  name: z.string().trim().min(1, 'validation.required').max(100, 'validation.tooLong'),
  scopes: z.array(z.string()).min(1, 'validation.scopeRequired'),
});

export type LoginValues = z.infer<typeof loginSchema>;
export type RegisterValues = z.infer<typeof registerSchema>;
