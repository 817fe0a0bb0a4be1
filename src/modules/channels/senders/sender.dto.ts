import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { IsOptionalNotNull, trimString } from '../../../common/http/transforms.js';

export const SMTP_SECURITY = ['none', 'starttls', 'tls'] as const;
export type SmtpSecurityName = (typeof SMTP_SECURITY)[number];

const HOST = /^[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$|^\[?[0-9a-fA-F:.]+\]?$/;
const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
const SELECTOR = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i;
const SECURITY_DOC = { enum: SMTP_SECURITY, enumName: 'SmtpSecurity', description: '`tls`: TLS from the first byte (usually port 465); `starttls`: plain then upgraded, refused if the server cannot (587); `none`: no encryption (loopback relays only)' };

export class DkimInputDto {
  @ApiProperty({ example: 'agence-horizon.fr', description: 'The domain whose DNS publishes the key (usually the from address\'s domain)' }) @Transform(trimString) @IsString() @Matches(DOMAIN, { message: 'domain must be a domain name' }) domain: string;
  @ApiProperty({ example: 'lynara', description: 'The DKIM selector: the record is published at `<selector>._domainkey.<domain>`' }) @Transform(trimString) @IsString() @Matches(SELECTOR, { message: 'selector must be letters, digits and "-"' }) selector: string;
}

class SenderFieldsDto {
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 200, example: 'Agence Horizon' }) @IsOptional() @Transform(trimString) @IsString() @MaxLength(200) fromName?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'contact@agence-horizon.fr' }) @IsOptional() @Transform(trimString) @IsEmail() @MaxLength(254) replyTo?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 254, description: 'SMTP user name; none: no authentication' }) @IsOptional() @IsString() @MaxLength(254) username?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 500, writeOnly: true, description: 'Stored encrypted and never returned (see passwordSet); null removes it' }) @IsOptional() @IsString() @MaxLength(500) password?: string | null;
  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 1, maximum: 10_000, description: 'At most this many messages per second through this sender, shared by every worker' }) @IsOptional() @IsInt() @Min(1) @Max(10_000) ratePerSecond?: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 1, maximum: 10_000_000, description: 'At most this many messages per hour through this sender' }) @IsOptional() @IsInt() @Min(1) @Max(10_000_000) ratePerHour?: number | null;
  @ApiPropertyOptional({ type: DkimInputDto, nullable: true, description: 'Sign with DKIM: a 2048-bit RSA key is generated for this domain and selector (kept encrypted); the response shows the DNS record to publish. null stops signing' }) @IsOptional() @ValidateNested() @Type(() => DkimInputDto) dkim?: DkimInputDto | null;
  @ApiPropertyOptional({ description: 'Generate a new DKIM key (publish the new record before sending again)' }) @IsOptionalNotNull() @IsBoolean() rotateDkimKey?: boolean;
  @ApiPropertyOptional({ description: 'The workspace\'s default sender (the one used when none is named); at most one' }) @IsOptionalNotNull() @IsBoolean() isDefault?: boolean;
}

export class CreateSenderDto extends SenderFieldsDto {
  @ApiProperty({ maxLength: 100, example: 'Newsletter' }) @Transform(trimString) @IsString() @MinLength(1) @MaxLength(100) name: string;
  @ApiProperty({ example: 'newsletter@agence-horizon.fr' }) @Transform(trimString) @IsEmail() @MaxLength(254) fromAddress: string;
  @ApiProperty({ example: 'smtp.agence-horizon.fr' }) @Transform(trimString) @IsString() @Matches(HOST, { message: 'host must be a host name or an IP address' }) host: string;
  @ApiProperty({ example: 587, minimum: 1, maximum: 65535 }) @IsInt() @Min(1) @Max(65535) port: number;
  @ApiProperty(SECURITY_DOC) @IsIn(SMTP_SECURITY) security: SmtpSecurityName;
}

/** Only the fields given change; null clears an optional one. */
export class UpdateSenderDto extends SenderFieldsDto {
  @ApiPropertyOptional({ maxLength: 100 }) @IsOptionalNotNull() @Transform(trimString) @IsString() @MinLength(1) @MaxLength(100) name?: string;
  @ApiPropertyOptional() @IsOptionalNotNull() @Transform(trimString) @IsEmail() @MaxLength(254) fromAddress?: string;
  @ApiPropertyOptional() @IsOptionalNotNull() @Transform(trimString) @IsString() @Matches(HOST, { message: 'host must be a host name or an IP address' }) host?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 65535 }) @IsOptionalNotNull() @IsInt() @Min(1) @Max(65535) port?: number;
  @ApiPropertyOptional(SECURITY_DOC) @IsOptionalNotNull() @IsIn(SMTP_SECURITY) security?: SmtpSecurityName;
}

export class DkimDto {
  @ApiProperty() domain: string;
  @ApiProperty() selector: string;
  @ApiProperty({ example: 'lynara._domainkey.agence-horizon.fr', description: 'Where to publish the TXT record' }) dnsName: string;
  @ApiProperty({ example: 'v=DKIM1; k=rsa; p=MIIBIjANBg…', description: 'The TXT record\'s value' }) dnsValue: string;
}

export class SenderDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) fromName: string | null;
  @ApiProperty() fromAddress: string;
  @ApiProperty({ type: String, nullable: true }) replyTo: string | null;
  @ApiProperty() host: string;
  @ApiProperty() port: number;
  @ApiProperty(SECURITY_DOC) security: SmtpSecurityName;
  @ApiProperty({ type: String, nullable: true }) username: string | null;
  @ApiProperty({ description: 'Whether a password is stored (it is never returned)' }) passwordSet: boolean;
  @ApiProperty({ type: Number, nullable: true }) ratePerSecond: number | null;
  @ApiProperty({ type: Number, nullable: true }) ratePerHour: number | null;
  @ApiProperty({ type: DkimDto, nullable: true }) dkim: DkimDto | null;
  @ApiProperty() isDefault: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: Date;
  @ApiProperty({ format: 'date-time' }) updatedAt: Date;
}

export class SenderListDto {
  @ApiProperty({ type: [SenderDto] }) items: SenderDto[];
}

export class TestSenderDto {
  @ApiPropertyOptional({ description: 'Where to send the test; default: the member asking (required with an API key)' }) @IsOptionalNotNull() @Transform(trimString) @IsEmail() @MaxLength(254) to?: string;
}

export const SMTP_PROBLEMS = ['auth_refused', 'connection_refused', 'host_not_found', 'timeout', 'tls_mismatch', 'connection_lost', 'recipient_refused', 'sender_refused', 'message_refused', 'temporarily_refused', 'blocked_address', 'unknown'] as const;

export class SenderTestResultDto {
  @ApiProperty({ description: 'Whether the server accepted the test email' }) ok: boolean;
  @ApiProperty() to: string;
  @ApiProperty({ type: String, nullable: true, enum: SMTP_PROBLEMS, enumName: 'SmtpProblem', description: 'What went wrong, when it did' }) problem: (typeof SMTP_PROBLEMS)[number] | null;
  @ApiProperty({ description: 'In plain words (English; the web app words `problem` in the reader\'s language)' }) message: string;
  @ApiProperty({ type: String, nullable: true, example: '535 5.7.8 Authentication credentials invalid', description: 'The server\'s reply line, when it gave one' }) serverReply: string | null;
}
