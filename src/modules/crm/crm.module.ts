import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { providerRegistry } from '../../infra/providers/provider-registry.js';
import { QUEUES } from '../../infra/queue/queues.js';
import { AnalyticsModule } from '../analytics/analytics.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { GovernanceModule } from '../governance/governance.module.js';
import { CustomFieldsController } from './custom-fields/custom-fields.controller.js';
import { CustomFieldsRepository } from './custom-fields/custom-fields.repository.js';
import { CustomFieldsService } from './custom-fields/custom-fields.service.js';
import { EnrichmentController } from './enrichment/enrichment.controller.js';
import { ENRICHMENT_SOURCES, type EnrichmentSource, RulesEnrichmentSource } from './enrichment/enrichment-sources.js';
import { HttpEnrichmentSource } from './enrichment/http-enrichment.source.js';
import { EnrichmentRepository } from './enrichment/enrichment.repository.js';
import { EnrichmentService } from './enrichment/enrichment.service.js';
import { EventIngestionService } from './event-ingestion.service.js';
import { EventTypesService } from './event-types.service.js';
import { EventsController } from './events.controller.js';
import { CrmHistoryRepository } from './history/crm-history.repository.js';
import { CrmHistorySources } from './history/crm-history.sources.js';
import { LeadHistoryRegistry } from './history/lead-history.registry.js';
import { LeadTimelineService } from './history/lead-timeline.service.js';
import { LeadExportService } from './imports/lead-export.service.js';
import { LeadImportsController } from './imports/lead-imports.controller.js';
import { LeadImportsRepository } from './imports/lead-imports.repository.js';
import { LeadImportsService } from './imports/lead-imports.service.js';
import { LeadInputNormaliser } from './lead-input.normaliser.js';
import { LeadsController } from './leads.controller.js';
import { LeadsRepository } from './leads.repository.js';
import { LeadsService } from './leads.service.js';
import { LeadMergeService } from './merge/lead-merge.service.js';
import { LeadMergesRepository } from './merge/lead-merges.repository.js';
import { ScoringController } from './scoring/scoring.controller.js';
import { ScoringRepository } from './scoring/scoring.repository.js';
import { ScoringService } from './scoring/scoring.service.js';
import { SegmentsController } from './segments/segments.controller.js';
import { SegmentsRepository } from './segments/segments.repository.js';
import { SegmentsService } from './segments/segments.service.js';
import { SegmentSnapshotsService } from './segments/segment-snapshots.service.js';
import { AudienceService } from './segments/audience.service.js';

@Module({
  imports: [BullModule.registerQueue({ name: QUEUES.crm }), GovernanceModule, AuthModule, AnalyticsModule],
  controllers: [LeadImportsController, LeadsController, CustomFieldsController, EventsController, SegmentsController, ScoringController, EnrichmentController],
  providers: [
    RulesEnrichmentSource,
    HttpEnrichmentSource,
    providerRegistry<EnrichmentSource>(ENRICHMENT_SOURCES, 'enrichment', [RulesEnrichmentSource, HttpEnrichmentSource], (config) => config.ENRICHMENT_PROVIDERS),
    EnrichmentRepository,
    LeadHistoryRegistry,
    CrmHistoryRepository,
    CrmHistorySources,
    LeadTimelineService,
    LeadMergeService,
    LeadMergesRepository,
    EnrichmentService, ScoringRepository, ScoringService, SegmentsRepository, SegmentsService, SegmentSnapshotsService, AudienceService, LeadImportsRepository, LeadImportsService, LeadExportService, EventIngestionService, EventTypesService, LeadsRepository, LeadsService, LeadInputNormaliser, CustomFieldsRepository, CustomFieldsService],
  exports: [LeadHistoryRegistry, LeadsService, CustomFieldsService, LeadImportsRepository, ScoringService, EnrichmentService, SegmentSnapshotsService, AudienceService],
})
export class CrmModule {}
