import { Injectable } from '@nestjs/common';
import type { Tx } from '../../../infra/prisma/prisma.service.js';
import type { PersonalisedLead } from './personalisation.js';

export type RecipientLead = PersonalisedLead & { id: string; emailConsent: 'unknown' | 'granted' | 'denied' };

/**
 * What personalisation reads from a lead and its workspace, in one narrow read-only query each:
 * the lead's row as stored (standard fields, custom values, language, email consent), whatever
 * shape the CRM's API gives leads.
 */
@Injectable()
export class PersonalisationRepository {
  async lead(tx: Tx, tenantId: string, id: string): Promise<RecipientLead | null> {
    const [row] = await tx.$queryRaw<RecipientLead[]>`
      SELECT id, first_name AS "firstName", last_name AS "lastName", email, phone, company, job_title AS "jobTitle", civility::text AS civility,
             street_address AS "streetAddress", postal_code AS "postalCode", city, region, country, language, custom_fields AS "customFields",
             email_consent::text AS "emailConsent"
        FROM crm.leads WHERE tenant_id = ${tenantId}::uuid AND id = ${id}::uuid AND deleted_at IS NULL`;
    return row ?? null;
  }

  async workspaceName(tx: Tx, tenantId: string): Promise<string> {
    const [row] = await tx.$queryRaw<{ name: string }[]>`SELECT name FROM tenancy.tenants WHERE id = ${tenantId}::uuid`;
    return row?.name ?? '';
  }
}
