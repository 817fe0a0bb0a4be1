import { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { CustomFieldsService } from '../custom-fields/custom-fields.service.js';
import type { ListLeadsQueryDto } from '../dto/lead.dto.js';
import { leadsCsvStream } from '../import/index.js';
import { type LeadCursor, LeadsRepository } from '../leads.repository.js';
import { SegmentsService } from '../segments/segments.service.js';

const PAGE = 2000;

/**
 * CSV export of a filtered lead list, streamed page by page (keyset, one round trip each), so
 * a million leads never sit in memory. Cells are formula-neutralised; French locale gives `;`
 * and French headers, which the importer maps back.
 */
@Injectable()
export class LeadExportService {
  constructor(
    private readonly repo: LeadsRepository,
    private readonly customFields: CustomFieldsService,
    private readonly segments: SegmentsService,
  ) {}

  /** A segment's leads (its rules now, or its members if static), page by page. */
  async exportSegment(tenantId: string, segmentId: string, locale: 'fr' | 'en'): Promise<Readable> {
    await this.segments.get(tenantId, segmentId);
    const segments = this.segments;
    async function* rows() {
      let cursor: string | undefined;
      do {
        const page = await segments.leadRows(tenantId, segmentId, PAGE, cursor);
        yield* page.rows;
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
    }
    return this.csv(tenantId, locale, rows());
  }

  private async csv(tenantId: string, locale: 'fr' | 'en', rows: AsyncIterable<unknown>): Promise<Readable> {
    const defs = (await this.customFields.list(tenantId)).items;
    return Readable.from(rows).pipe(leadsCsvStream({ locale, customFields: defs.map((d) => ({ key: d.key, label: d.label })) }));
  }

  async export(tenantId: string, query: ListLeadsQueryDto, locale: 'fr' | 'en'): Promise<Readable> {
    const repo = this.repo;
    async function* pages() {
      let cursor: LeadCursor | undefined;
      for (;;) {
        const rows = await repo.list(tenantId, { ...query, sort: 'createdAt', limit: PAGE }, cursor);
        for (const row of rows.slice(0, PAGE)) yield row;
        if (rows.length <= PAGE) return;
        const last = rows[PAGE - 1]!;
        cursor = { sort: 'createdAt', value: last.createdAt.toISOString(), id: last.id };
      }
    }
    return this.csv(tenantId, locale, pages());
  }
}
