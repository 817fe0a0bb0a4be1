import { Injectable } from '@nestjs/common';
import type { FieldError } from '../../../common/errors/domain-error.js';
import { decodeCursor, page } from '../../../common/http/pagination.js';
import { Prisma } from '../../../generated/prisma/client.js';
import { PrismaService } from '../../../infra/prisma/prisma.service.js';
import { CustomFieldsService } from '../../crm/custom-fields/custom-fields.service.js';
import { AuditLogService } from '../../governance/audit-log.service.js';
import { TemplatesError } from './templates.errors.js';
import { EmailComposer } from './email-composer.js';
import { type Catalogue, checkPersonalisation, variableNames } from './personalisation.js';
import type { CreateTemplateDto, ListTemplatesQueryDto, RenderedEmailDto, TemplateDto, TemplatePageDto, UpdateTemplateDto, VariablesDto } from './template.dto.js';
import { TemplateRenderer } from './template-renderer.js';
import { type TemplateRow, TemplatesRepository } from './templates.repository.js';

/** The editor's project is kept as given, up to this size (GrapesJS projects of long emails reach a few hundred KB). */
const PROJECT_MAX_BYTES = 2_000_000;

@Injectable()
export class TemplatesService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly repo: TemplatesRepository,
    private readonly renderer: TemplateRenderer,
    private readonly composer: EmailComposer,
    private readonly customFields: CustomFieldsService,
    private readonly audit: AuditLogService,
  ) {}

  async list(tenantId: string, q: ListTemplatesQueryDto): Promise<TemplatePageDto> {
    const cursor = decodeCursor(q.cursor);
    const rows = await this.prisma.scoped({ tenantId }, (tx) => this.repo.list(tx, tenantId, q.limit, cursor));
    return page(rows, q.limit, (r) => r.updatedAt);
  }

  async get(tenantId: string, id: string): Promise<TemplateDto> {
    const row = await this.prisma.scoped({ tenantId }, (tx) => this.repo.find(tx, tenantId, id));
    if (!row) throw notFound();
    return toDto(row);
  }

  async variables(tenantId: string): Promise<VariablesDto> {
    return { variables: variableNames(await this.catalogue(tenantId)) };
  }

  async create(tenantId: string, userId: string | null, dto: CreateTemplateDto): Promise<TemplateDto> {
    await this.validate(tenantId, { subject: dto.subject, preheader: dto.preheader ?? null, mjml: dto.mjml, textBody: dto.textBody ?? null, editorProject: dto.editorProject });
    return this.prisma.scoped({ tenantId }, async (tx) => {
      const row = await this.repo.create(tx, {
        tenantId,
        name: dto.name,
        subject: dto.subject,
        preheader: dto.preheader ?? null,
        mjml: dto.mjml,
        textBody: dto.textBody ?? null,
        editorProject: (dto.editorProject ?? undefined) as Prisma.InputJsonValue | undefined,
        updatedBy: userId,
      });
      await this.audit.record(tx, tenantId, { action: 'template.created', entityType: 'email_template', entityId: row.id, metadata: { name: row.name } });
      return toDto(row);
    });
  }

  async update(tenantId: string, userId: string | null, id: string, dto: UpdateTemplateDto): Promise<TemplateDto> {
    const current = await this.prisma.scoped({ tenantId }, (tx) => this.repo.find(tx, tenantId, id));
    if (!current) throw notFound();
    await this.validate(tenantId, {
      subject: dto.subject ?? current.subject,
      preheader: dto.preheader === undefined ? current.preheader : dto.preheader,
      mjml: dto.mjml ?? current.mjml,
      textBody: dto.textBody === undefined ? current.textBody : dto.textBody,
      editorProject: dto.editorProject,
    });
    return this.prisma.scoped({ tenantId }, async (tx) => {
      if (!(await this.repo.find(tx, tenantId, id))) throw notFound();
      const row = await this.repo.update(tx, id, {
        name: dto.name,
        subject: dto.subject,
        preheader: dto.preheader,
        mjml: dto.mjml,
        textBody: dto.textBody,
        editorProject: dto.editorProject === null ? Prisma.DbNull : (dto.editorProject as Prisma.InputJsonValue | undefined),
        updatedBy: userId,
      });
      const fields = Object.keys(dto).filter((k) => (dto as Record<string, unknown>)[k] !== undefined);
      await this.audit.record(tx, tenantId, { action: 'template.updated', entityType: 'email_template', entityId: id, metadata: { name: row.name, fields } });
      return toDto(row);
    });
  }

  async remove(tenantId: string, id: string): Promise<void> {
    await this.prisma.scoped({ tenantId }, async (tx) => {
      const row = await this.repo.find(tx, tenantId, id);
      if (!row) throw notFound();
      await this.repo.remove(tx, tenantId, id);
      await this.audit.record(tx, tenantId, { action: 'template.deleted', entityType: 'email_template', entityId: id, metadata: { name: row.name } });
    });
  }

  async preview(tenantId: string, id: string, leadId: string | null): Promise<RenderedEmailDto> {
    return (await this.composer.compose(tenantId, { templateId: id, leadId, messageId: null })).email;
  }

  /** Every problem of a template at once: personalisation in each part, then the MJML itself. */
  private async validate(tenantId: string, t: { subject: string; preheader: string | null; mjml: string; textBody: string | null; editorProject?: Record<string, unknown> | null }): Promise<void> {
    const catalogue = await this.catalogue(tenantId);
    const errors: FieldError[] = [
      ...checkPersonalisation('subject', t.subject, catalogue),
      ...(t.preheader ? checkPersonalisation('preheader', t.preheader, catalogue) : []),
      ...checkPersonalisation('mjml', t.mjml, catalogue),
      ...(t.textBody ? checkPersonalisation('textBody', t.textBody, catalogue) : []),
      ...(await this.renderer.check(t.mjml)),
    ];
    if (t.editorProject && Buffer.byteLength(JSON.stringify(t.editorProject)) > PROJECT_MAX_BYTES) {
      errors.push({ field: 'editorProject', code: 'too_large', message: `the editor project is larger than ${PROJECT_MAX_BYTES / 1_000_000} MB` });
    }
    if (errors.length) throw new TemplatesError('TEMPLATE_INVALID', `The template cannot be saved: ${errors[0]!.field} ${errors[0]!.message}.`, errors);
  }

  private async catalogue(tenantId: string): Promise<Catalogue> {
    return { customKeys: (await this.customFields.list(tenantId)).items.map((f) => f.key) };
  }
}

const notFound = () => new TemplatesError('TEMPLATE_NOT_FOUND', 'No such template.');

function toDto(r: TemplateRow): TemplateDto {
  return {
    id: r.id,
    name: r.name,
    subject: r.subject,
    preheader: r.preheader,
    mjml: r.mjml,
    textBody: r.textBody,
    editorProject: (r.editorProject as Record<string, unknown> | null) ?? null,
    updatedBy: r.updatedBy,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}
