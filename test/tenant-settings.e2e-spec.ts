import type pg from 'pg';
import { z } from 'zod';
import { CommonError } from '../src/common/errors/domain-error.js';
import { PrismaService } from '../src/infra/prisma/prisma.service.js';
import { TenantSettingsRepository } from '../src/modules/tenancy/settings/tenant-settings.repository.js';
import { settingsSection, TenantSettingsService } from '../src/modules/tenancy/settings/tenant-settings.service.js';
import { createTestApp, register, type Session, type TestApp } from './support/app.js';
import { ownerClient } from './support/db.js';

const quiet = settingsSection(
  'quiet_hours_test',
  z.object({
    start: z.string().regex(/^\d\d:\d\d$/, 'HH:MM').default('21:00'),
    end: z.string().regex(/^\d\d:\d\d$/, 'HH:MM').default('08:00'),
    maxPerWeek: z.number().int().min(0).max(100).default(3),
  }),
);
const other = settingsSection('other_test', z.object({ voice: z.string().max(200).default('') }));

describe('per-tenant settings, one typed section per concern', () => {
  let app: TestApp;
  let settings: TenantSettingsService;
  let a: Session;
  let b: Session;
  let owner: pg.Client;

  beforeAll(async () => {
    app = await createTestApp();
    settings = app.nest.get(TenantSettingsService);
    owner = await ownerClient();
    a = await register(app, 'Settings A', 'seta');
    b = await register(app, 'Settings B', 'setb');
  });
  afterAll(async () => {
    await owner.end();
    await app.close();
  });

  it('reads the defaults of a section never saved', async () => {
    expect(await settings.get(a.tenant.id, quiet)).toEqual({ start: '21:00', end: '08:00', maxPerWeek: 3 });
  });

  it('merges a change over the current values, keeps other sections, and another tenant sees none of it', async () => {
    await settings.update(a.tenant.id, other, { voice: 'Chaleureux, vouvoiement' });
    expect(await settings.update(a.tenant.id, quiet, { maxPerWeek: 5 })).toEqual({ start: '21:00', end: '08:00', maxPerWeek: 5 });
    expect(await settings.update(a.tenant.id, quiet, { start: '20:30' })).toEqual({ start: '20:30', end: '08:00', maxPerWeek: 5 });
    expect(await settings.get(a.tenant.id, other)).toEqual({ voice: 'Chaleureux, vouvoiement' });
    expect(await settings.get(b.tenant.id, quiet)).toEqual({ start: '21:00', end: '08:00', maxPerWeek: 3 });
    const stored = await owner.query(`SELECT settings FROM tenancy.tenants WHERE id = $1`, [a.tenant.id]);
    expect(stored.rows[0].settings).toMatchObject({ quiet_hours_test: { start: '20:30', maxPerWeek: 5 }, other_test: { voice: 'Chaleureux, vouvoiement' } });
  });

  it('refuses invalid values naming the field, and stores nothing', async () => {
    const err = await settings.update(b.tenant.id, quiet, { start: '9pm', maxPerWeek: -1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CommonError);
    expect((err as CommonError).code).toBe('VALIDATION_FAILED');
    expect((err as CommonError).errors?.map((e) => e.field).sort()).toEqual(['maxPerWeek', 'start']);
    expect(await settings.get(b.tenant.id, quiet)).toEqual({ start: '21:00', end: '08:00', maxPerWeek: 3 });
  });

  it('falls back to the default, field by field, for stored values that no longer fit', async () => {
    await owner.query(`UPDATE tenancy.tenants SET settings = jsonb_set(settings, '{quiet_hours_test}', '{"start":"07:15","end":42,"maxPerWeek":"many"}') WHERE id = $1`, [b.tenant.id]);
    expect(await settings.get(b.tenant.id, quiet)).toEqual({ start: '07:15', end: '08:00', maxPerWeek: 3 });
  });

  it('cannot write another tenant\'s settings, even when asked to by id (row-level security)', async () => {
    const prisma = app.nest.get(PrismaService);
    const repo = app.nest.get(TenantSettingsRepository);
    const wrote = await prisma.scoped({ tenantId: a.tenant.id }, (tx) => repo.writeSection(tx, b.tenant.id, 'other_test', { voice: 'hijacked' }));
    expect(wrote).toBe(false);
    expect(await prisma.scoped({ tenantId: a.tenant.id }, (tx) => repo.section(tx, b.tenant.id, 'other_test'))).toBeUndefined();
    expect(await settings.get(b.tenant.id, other)).toEqual({ voice: '' });
  });
});
