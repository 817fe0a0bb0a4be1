// Data for the CRM benchmarks, generated inside PostgreSQL (fast, reproducible).
import pg from 'pg';
import { OWNER_URL } from './support.mjs';

export async function ownerPool() {
  return new pg.Pool({ connectionString: OWNER_URL, max: 4 });
}

/** A tenant with `n` leads (French-looking names, companies, job titles, tags, scores). */
export async function seedLeads(pool, n, { tenantName = 'Bench', events = 0 } = {}) {
  const { rows } = await pool.query(`INSERT INTO tenancy.tenants (name, slug) VALUES ($1, $2) RETURNING id`, [tenantName, `${tenantName.toLowerCase()}-${Date.now()}`]);
  const tenantId = rows[0].id;
  await pool.query(
    `INSERT INTO crm.leads (tenant_id, email, first_name, last_name, phone, company, job_title, source, lifecycle_stage, tags, score, email_consent, created_at)
     SELECT $1, 'lead' || g || '@exemple' || (g % 97) || '.fr',
            (ARRAY['Camille','Louis','Chloé','Hugo','Léa','Lucas','Manon','Jules','Inès','Arthur'])[1 + g % 10],
            (ARRAY['Martin','Bernard','Dubois','Thomas','Robert','Richard','Petit','Durand','Leroy','Moreau'])[1 + (g / 10) % 10] || (g % 1000),
            '+3361' || lpad((g % 10000000)::text, 7, '0'),
            'Société ' || (g % 5000),
            (ARRAY['Directeur commercial','Directrice marketing','Gérant','Assistant','Stagiaire','CEO'])[1 + g % 6],
            (ARRAY['website','import','salon','referral'])[1 + g % 4],
            (ARRAY['lead','mql','sql','customer']::crm."LifecycleStage"[])[1 + g % 4],
            CASE WHEN g % 7 = 0 THEN ARRAY['vip'] ELSE ARRAY[]::text[] END,
            g % 100,
            (ARRAY['granted','unknown','denied']::crm."ConsentStatus"[])[1 + g % 3],
            now() - (g || ' seconds')::interval
       FROM generate_series(1, $2) g`,
    [tenantId, n],
  );
  if (events) {
    // Events spread over the last ~90 days, on a fifth of the leads, mostly clicks and opens.
    await pool.query(
      `INSERT INTO analytics.events (tenant_id, occurred_at, type, lead_id, properties)
       SELECT $1, now() - ((g % 90) || ' days')::interval - ((g % 86400) || ' seconds')::interval,
              (ARRAY['email.opened','email.clicked','page.viewed','form.submitted'])[1 + g % 4],
              l.id, '{}'::jsonb
         FROM generate_series(1, $2) g
         -- Each lead gets events of every type (four consecutive g share a lead), leads picked by hash.
         CROSS JOIN LATERAL (SELECT 1 + abs(hashint4(g / 4)) % ($3 / 5) AS k) pick
         JOIN crm.leads l ON l.tenant_id = $1 AND l.email = 'lead' || pick.k || '@exemple' || (pick.k % 97) || '.fr'`,
      [tenantId, events, n],
    );
  }
  await pool.query('VACUUM ANALYZE crm.leads');
  // As autovacuum would have by then: the events, and the per-lead counters their triggers kept.
  if (events) await pool.query('ANALYZE analytics.events, analytics.lead_event_counts');
  return tenantId;
}
