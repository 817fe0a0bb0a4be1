import { Injectable } from '@nestjs/common';
import { CommonError } from '../../common/errors/domain-error.js';
import { PrismaService } from '../../infra/prisma/prisma.service.js';
import { CustomFieldsService } from './custom-fields/custom-fields.service.js';
import { type CompiledSegment, compileSegment, parseSegmentRules, SegmentRuleError } from './segments/compiler/index.js';
import { eventCountsFor } from './segments/event-counts-strategy.js';

/**
 * The lead table's filters are segment rules: the same language, validation and SQL as segments
 * (segments/compiler), so a filter saved as a segment counts the same leads. `field` names where
 * the rules came from (`filter` on GET /leads, `matching.filter` on bulk) in the 400's errors.
 */
@Injectable()
export class LeadFilterCompiler {
  constructor(
    private readonly prisma: PrismaService,
    private readonly customFields: CustomFieldsService,
  ) {}

  /** A query-string filter: JSON text of a rule tree. */
  parseJson(text: string | undefined, field: string): unknown {
    if (text === undefined || text === '') return undefined;
    try {
      return JSON.parse(text);
    } catch {
      throw new CommonError('VALIDATION_FAILED', 'The filter is not valid JSON.', [{ field, code: 'invalid_json', message: 'must be a JSON rule tree' }]);
    }
  }

  async compile(tenantId: string, rules: unknown, field: string): Promise<CompiledSegment | undefined> {
    if (rules === undefined || rules === null) return undefined;
    try {
      const parsed = parseSegmentRules(rules);
      const schema = await this.prisma.scoped({ tenantId }, (tx) => this.customFields.schema(tx, tenantId));
      return compileSegment(parsed, { tenantId, customFields: schema.types, eventCounts: eventCountsFor(parsed) });
    } catch (err) {
      if (err instanceof SegmentRuleError) {
        throw new CommonError(
          'VALIDATION_FAILED',
          `The filter is invalid (${err.errors.length} problem(s)).`,
          err.errors.map((e) => ({ field: e.path ? `${field}.${e.path}` : field, code: e.code, message: e.message })),
        );
      }
      throw err;
    }
  }
}
