import { randomUUID } from 'node:crypto';
import { PrismaPg } from '@prisma/adapter-pg';
import type { Logger } from 'pino';
import type { AppConfig } from '../../config/config.js';
import { PrismaClient } from '../../generated/prisma/client.js';
import { hashPassword } from '../../modules/auth/passwords.js';

export const DEMO_LOGIN = { email: 'demo@lynara.local', password: 'lynara-demo-2026' };

const FIRST = ['Camille', 'Louis', 'Chloé', 'Hugo', 'Léa', 'Lucas', 'Manon', 'Jules', 'Inès', 'Arthur', 'Sarah', 'Nathan'];
const LAST = ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Simon', 'Laurent'];
const COMPANIES = ['Agence Horizon', 'Immo Lumière', 'Boulangerie Dupain', 'Atelier Verde', 'Cabinet Rivière', 'Maison Azur'];
const TITLES = ['Directrice marketing', 'Directeur commercial', 'Gérant', 'Responsable communication', 'Chargée de clientèle', 'CEO'];
const SOURCES = ['website', 'import', 'salon', 'referral', 'facebook'];
/** First names above alternate feminine/masculine, so civility follows the index. */
const PLACES = [
  { streetAddress: '12 rue de la République', postalCode: '42000', city: 'Saint-Étienne', region: 'Auvergne-Rhône-Alpes', timezone: 'Europe/Paris' },
  { streetAddress: '3 place Bellecour', postalCode: '69002', city: 'Lyon', region: 'Auvergne-Rhône-Alpes', timezone: 'Europe/Paris' },
  { streetAddress: '48 avenue de Grande-Bretagne', postalCode: '31300', city: 'Toulouse', region: 'Occitanie', timezone: 'Europe/Paris' },
  { streetAddress: '7 rue de Paris', postalCode: '97400', city: 'Saint-Denis', region: 'La Réunion', timezone: 'Indian/Reunion' },
];

/**
 * Creates the demo workspace once (idempotent), through the runtime role like the app does,
 * and prints its login. Used by `npm start` so a first-time user has something to sign in to.
 */
export async function seedDemo(config: AppConfig, logger: Logger): Promise<void> {
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: config.APP_DATABASE_URL, max: 2 }) });
  try {
    const existing = await prisma.user.findUnique({ where: { email: DEMO_LOGIN.email }, select: { id: true } });
    if (!existing) {
      const tenantId = randomUUID();
      const passwordHash = await hashPassword(DEMO_LOGIN.password);
      await prisma.$transaction(async (tx) => {
        await tx.$queryRaw`SELECT set_config('app.tenant_id', ${tenantId}, true)`;
        const user = await tx.user.create({ data: { email: DEMO_LOGIN.email, name: 'Démo Lynara', passwordHash }, select: { id: true } });
        await tx.tenant.create({ data: { id: tenantId, name: 'Agence Démo', slug: `demo-${tenantId.slice(0, 8)}`, settings: { workspace: { defaultCountry: 'FR' } } } });
        await tx.membership.create({ data: { tenantId, userId: user.id, role: 'owner' } });
        const day = 86_400_000;
        await tx.lead.createMany({
          data: Array.from({ length: 36 }, (_, i) => {
            const firstName = FIRST[i % FIRST.length]!;
            const lastName = LAST[(i * 5) % LAST.length]!;
            return {
              tenantId,
              firstName,
              lastName,
              email: `${firstName}.${lastName}.${i}@exemple.fr`.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase(),
              phone: `+3361234${String(5000 + i).padStart(4, '0')}`,
              company: COMPANIES[i % COMPANIES.length],
              jobTitle: TITLES[i % TITLES.length],
              source: SOURCES[i % SOURCES.length],
              lifecycleStage: (['lead', 'mql', 'sql', 'customer'] as const)[i % 4],
              civility: i % 2 === 0 ? 'ms' : 'mr',
              country: 'FR',
              ...PLACES[i % PLACES.length],
              tags: i % 3 === 0 ? ['newsletter'] : [],
              createdAt: new Date(Date.now() - (36 - i) * day / 3),
            };
          }),
        });
        await tx.auditLog.create({ data: { tenantId, actorType: 'system', actorLabel: 'seed', action: 'tenant.created', entityType: 'tenant', entityId: tenantId, metadata: { demo: true } } });
      });
      logger.info('demo workspace created');
    }
    process.stdout.write(`\n  Demo workspace ready — sign in at ${config.WEB_URL}/login with\n    email:    ${DEMO_LOGIN.email}\n    password: ${DEMO_LOGIN.password}\n\n`);
  } finally {
    await prisma.$disconnect();
  }
}
