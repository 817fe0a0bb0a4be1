import { Injectable } from '@nestjs/common';
import type { Actor } from '../../../common/auth/actor.js';
import { SecretBox } from '../../../infra/crypto/secret-box.js';
import { PrismaService, type Tx } from '../../../infra/prisma/prisma.service.js';
import { AuditLogService } from '../../governance/audit-log.service.js';
import { MembersService } from '../../auth/members.service.js';
import { ChannelsError } from '../channels.errors.js';
import type { EmailAccount } from '../providers/channel-provider.js';
import { SmtpProvider } from '../providers/smtp.provider.js';
import { dkimRecord, generateDkimKey } from './dkim.js';
import type { CreateSenderDto, SenderDto, SenderTestResultDto, UpdateSenderDto } from './sender.dto.js';
import { type SenderRow, SendersRepository } from './senders.repository.js';

const PASSWORD = 'smtp-password';
const DKIM_KEY = 'dkim-key';
/** Sealed values open only in their own tenant's row: a value copied elsewhere does not. */
const context = (tenantId: string, senderId: string) => `sender:${tenantId}:${senderId}`;

/** A sender as the delivery path needs it: the account (secrets open) and the identity to write. */
export interface OpenSender {
  id: string;
  account: EmailAccount;
  from: { name: string | null; address: string };
  replyTo: string | null;
}

@Injectable()
export class SendersService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly repo: SendersRepository,
    private readonly box: SecretBox,
    private readonly audit: AuditLogService,
    private readonly smtp: SmtpProvider,
    private readonly members: MembersService,
  ) {}

  async list(tenantId: string): Promise<{ items: SenderDto[] }> {
    const rows = await this.prisma.scoped({ tenantId }, (tx) => this.repo.list(tx, tenantId));
    return { items: rows.map(toDto) };
  }

  async get(tenantId: string, id: string): Promise<SenderDto> {
    return toDto(await this.prisma.scoped({ tenantId }, (tx) => this.found(tx, tenantId, id)));
  }

  async create(tenantId: string, dto: CreateSenderDto): Promise<SenderDto> {
    const dkim = dto.dkim ? await generateDkimKey() : null;
    return this.named(dto.name, () =>
      this.prisma.scoped({ tenantId }, async (tx) => {
        const first = (await this.repo.count(tx, tenantId)) === 0;
        if (dto.isDefault) await this.repo.clearDefault(tx, tenantId);
        const created = await this.repo.create(tx, {
          tenantId,
          name: dto.name,
          fromName: dto.fromName ?? null,
          fromAddress: dto.fromAddress,
          replyTo: dto.replyTo ?? null,
          host: dto.host,
          port: dto.port,
          security: dto.security,
          username: dto.username ?? null,
          ratePerSecond: dto.ratePerSecond ?? null,
          ratePerHour: dto.ratePerHour ?? null,
          // The first sender of a workspace is its default.
          isDefault: first || (dto.isDefault ?? false),
        });
        // Sealed once the row has its id, which the sealed values are bound to.
        const row = await tx.sender.update({
          where: { id: created.id },
          data: {
            passwordSealed: dto.password ? this.box.seal(PASSWORD, dto.password, context(tenantId, created.id)) : null,
            ...(dkim && dto.dkim
              ? { dkimDomain: dto.dkim.domain.toLowerCase(), dkimSelector: dto.dkim.selector, dkimPublicKey: dkim.publicKey, dkimPrivateKeySealed: this.box.seal(DKIM_KEY, dkim.privateKey, context(tenantId, created.id)) }
              : {}),
          },
        });
        await this.audit.record(tx, tenantId, { action: 'sender.created', entityType: 'sender', entityId: row.id, metadata: { name: row.name, fromAddress: row.fromAddress, host: row.host } });
        return toDto(row);
      }),
    );
  }

  async update(tenantId: string, id: string, dto: UpdateSenderDto): Promise<SenderDto> {
    const current = await this.prisma.scoped({ tenantId }, (tx) => this.found(tx, tenantId, id));
    const dkimChanges = dto.dkim !== undefined && dto.dkim !== null && (dto.rotateDkimKey || dto.dkim.domain.toLowerCase() !== current.dkimDomain || dto.dkim.selector !== current.dkimSelector);
    if (dto.rotateDkimKey && !dto.dkim && !current.dkimDomain) throw new ChannelsError('SENDER_INVALID', 'This sender has no DKIM key to rotate.', [{ field: 'rotateDkimKey', code: 'invalid', message: 'set dkim first' }]);
    const newKey = dkimChanges || (dto.rotateDkimKey && dto.dkim === undefined) ? await generateDkimKey() : null;
    const dkimDomain = dto.dkim === null ? null : (dto.dkim?.domain.toLowerCase() ?? current.dkimDomain);
    const dkimSelector = dto.dkim === null ? null : (dto.dkim?.selector ?? current.dkimSelector);
    const row = await this.named(dto.name ?? current.name, () =>
      this.prisma.scoped({ tenantId }, async (tx) => {
        if (!(await this.repo.find(tx, tenantId, id))) throw notFound();
        if (dto.isDefault) await this.repo.clearDefault(tx, tenantId);
        const row = await this.repo.update(tx, id, {
          name: dto.name,
          fromName: dto.fromName,
          fromAddress: dto.fromAddress,
          replyTo: dto.replyTo,
          host: dto.host,
          port: dto.port,
          security: dto.security,
          username: dto.username,
          ratePerSecond: dto.ratePerSecond,
          ratePerHour: dto.ratePerHour,
          isDefault: dto.isDefault,
          ...(dto.password !== undefined ? { passwordSealed: dto.password ? this.box.seal(PASSWORD, dto.password, context(tenantId, id)) : null } : {}),
          ...(dto.dkim === null ? { dkimDomain: null, dkimSelector: null, dkimPublicKey: null, dkimPrivateKeySealed: null } : {}),
          ...(newKey ? { dkimDomain, dkimSelector, dkimPublicKey: newKey.publicKey, dkimPrivateKeySealed: this.box.seal(DKIM_KEY, newKey.privateKey, context(tenantId, id)) } : {}),
          ...(dto.dkim && !newKey ? { dkimDomain, dkimSelector } : {}),
        });
        // Words for the audit log: which fields changed, never the password itself.
        const fields = Object.keys(dto).filter((k) => (dto as Record<string, unknown>)[k] !== undefined);
        await this.audit.record(tx, tenantId, { action: 'sender.updated', entityType: 'sender', entityId: id, metadata: { name: row.name, fields, dkimKeyGenerated: Boolean(newKey) } });
        return row;
      }),
    );
    this.smtp.forget(id);
    return toDto(row);
  }

  async remove(tenantId: string, id: string): Promise<void> {
    await this.prisma.scoped({ tenantId }, async (tx) => {
      const row = await this.found(tx, tenantId, id);
      await this.repo.remove(tx, tenantId, id);
      await this.audit.record(tx, tenantId, { action: 'sender.deleted', entityType: 'sender', entityId: id, metadata: { name: row.name, fromAddress: row.fromAddress } });
    });
    this.smtp.forget(id);
  }

  /** Connects, authenticates and sends a short email; the answer says what failed, in words. */
  async test(tenantId: string, actor: Actor, id: string, to?: string): Promise<SenderTestResultDto> {
    const recipient = to ?? (await this.memberEmail(tenantId, actor));
    const sender = await this.open(tenantId, id);
    const outcome = await this.smtp.test(sender.account, {
      messageId: `<test-${Date.now()}.${id}@${domainOf(sender.from.address)}>`,
      from: sender.from,
      replyTo: sender.replyTo,
      to: recipient,
      subject: 'Lynara Campaign — test email / e-mail de test',
      text: `This test email was sent through the sender "${sender.account.host}:${sender.account.port}". It works.\n\nCet e-mail de test est passé par cet expéditeur : il fonctionne.\n`,
      html: '<p>This test email was sent through your sender. It works.</p><p>Cet e-mail de test est passé par votre expéditeur : il fonctionne.</p>',
      headers: {},
    });
    const result: SenderTestResultDto = outcome.ok
      ? { ok: true, to: recipient, problem: null, message: 'The server accepted the test email.', serverReply: outcome.response.split(/\r?\n/)[0]!.slice(0, 500) || null }
      : { ok: false, to: recipient, problem: outcome.failure.problem, message: outcome.failure.message, serverReply: outcome.failure.serverReply };
    await this.prisma.scoped({ tenantId }, (tx) =>
      this.audit.record(tx, tenantId, { action: 'sender.tested', entityType: 'sender', entityId: id, metadata: { to: recipient, ok: result.ok, problem: result.problem } }),
    );
    return result;
  }

  async existsIn(tx: Tx, tenantId: string, id: string): Promise<boolean> {
    return (await this.repo.find(tx, tenantId, id)) !== null;
  }

  /** The sender to send with (the default one when none is named), its secrets opened. */
  async open(tenantId: string, id: string | null): Promise<OpenSender> {
    const row = await this.prisma.scoped({ tenantId }, (tx) => (id ? this.found(tx, tenantId, id) : this.repo.findDefault(tx, tenantId)));
    if (!row) throw new ChannelsError('NO_SENDER', 'This workspace has no default email sender: create one in Settings → Senders.');
    const ctx = context(tenantId, row.id);
    return {
      id: row.id,
      account: {
        senderId: row.id,
        version: row.version,
        host: row.host,
        port: row.port,
        security: row.security,
        username: row.username,
        password: row.passwordSealed ? this.box.open(PASSWORD, row.passwordSealed, ctx) : null,
        dkim: row.dkimDomain && row.dkimSelector && row.dkimPrivateKeySealed ? { domainName: row.dkimDomain, keySelector: row.dkimSelector, privateKey: this.box.open(DKIM_KEY, row.dkimPrivateKeySealed, ctx) } : null,
      },
      from: { name: row.fromName, address: row.fromAddress },
      replyTo: row.replyTo,
    };
  }

  /** The email address of the member making the request (tests go to them by default). */
  async memberEmail(tenantId: string, actor: Actor): Promise<string> {
    if (actor.type !== 'user') throw new ChannelsError('SENDER_INVALID', 'With an API key, say where to send the test ("to").', [{ field: 'to', code: 'required', message: 'to is required with an API key' }]);
    const member = (await this.members.list(tenantId)).items.find((m) => m.userId === actor.id);
    if (!member) throw new ChannelsError('SENDER_INVALID', 'You are no longer a member of this workspace.');
    return member.email;
  }

  private async found(tx: Tx, tenantId: string, id: string): Promise<SenderRow> {
    const row = await this.repo.find(tx, tenantId, id);
    if (!row) throw notFound();
    return row;
  }

  private async named<T>(name: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      if ((err as { code?: string }).code === 'P2002') throw new ChannelsError('SENDER_NAME_TAKEN', `A sender named "${name}" already exists.`, [{ field: 'name', code: 'unique', message: 'name is already used by another sender' }]);
      throw err;
    }
  }
}

export const domainOf = (address: string) => address.slice(address.lastIndexOf('@') + 1).toLowerCase();

const notFound = () => new ChannelsError('SENDER_NOT_FOUND', 'No such sender.');

function toDto(r: SenderRow): SenderDto {
  return {
    id: r.id,
    name: r.name,
    fromName: r.fromName,
    fromAddress: r.fromAddress,
    replyTo: r.replyTo,
    host: r.host,
    port: r.port,
    security: r.security,
    username: r.username,
    passwordSet: r.passwordSealed !== null,
    ratePerSecond: r.ratePerSecond,
    ratePerHour: r.ratePerHour,
    dkim: r.dkimDomain && r.dkimSelector && r.dkimPublicKey ? dkimRecord(r.dkimDomain, r.dkimSelector, r.dkimPublicKey) : null,
    isDefault: r.isDefault,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}
