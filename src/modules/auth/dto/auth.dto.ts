import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { ROLES, type Role } from '../../../common/auth/actor.js';
import { trimString } from '../../../common/http/transforms.js';


export class RegisterDto {
  @ApiProperty({ example: 'claire@agence-horizon.fr', maxLength: 254 })
  @Transform(trimString)
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ minLength: 10, maxLength: 200, example: 'correct horse battery' })
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  password: string;

  @ApiProperty({ example: 'Claire Martin', maxLength: 100 })
  @Transform(trimString)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;

  @ApiProperty({ example: 'Agence Horizon', maxLength: 100 })
  @Transform(trimString)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  tenantName: string;
}

export class LoginDto {
  @ApiProperty({ example: 'claire@agence-horizon.fr' }) @Transform(trimString) @IsEmail() @MaxLength(254) email: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(200) password: string;
}

export class RefreshDto {
  @ApiProperty({ example: 'rt_…' }) @IsString() @MinLength(10) @MaxLength(200) refreshToken: string;
}

export class SwitchTenantDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() tenantId: string;
}

export class ForgotPasswordDto {
  @ApiProperty({ example: 'claire@agence-horizon.fr' }) @Transform(trimString) @IsEmail() @MaxLength(254) email: string;
}

export class ResetPasswordDto {
  @ApiProperty() @IsString() @MinLength(10) @MaxLength(200) token: string;
  @ApiProperty({ minLength: 10 }) @IsString() @MinLength(10) @MaxLength(200) password: string;
}

export class UserDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
}

export class TenantDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ example: 'agence-horizon' }) slug: string;
}

export class TenantMembershipDto extends TenantDto {
  @ApiProperty({ enum: ROLES }) role: Role;
}

export class AuthResultDto {
  @ApiProperty({ description: 'JWT for Authorization: Bearer' }) accessToken: string;
  @ApiProperty({ description: 'Single-use token for POST /auth/refresh' }) refreshToken: string;
  @ApiProperty({ description: 'Access token lifetime in seconds', example: 600 }) expiresIn: number;
  @ApiProperty({ type: UserDto }) user: UserDto;
  @ApiProperty({ type: TenantDto }) tenant: TenantDto;
  @ApiProperty({ enum: ROLES }) role: Role;
}

export class MeDto {
  @ApiProperty({ type: UserDto }) user: UserDto;
  @ApiProperty({ type: TenantDto }) tenant: TenantDto;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty({ type: [TenantMembershipDto] }) tenants: TenantMembershipDto[];
}

export class InvitationPreviewDto {
  @ApiProperty() email: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty({ type: TenantDto }) tenant: Omit<TenantDto, 'slug'> & { slug?: string };
  @ApiProperty({ description: 'Whether this email already has a Lynara account (then only the password is asked)' }) userExists: boolean;
  @ApiProperty({ format: 'date-time' }) expiresAt: Date;
}

export class AcceptInvitationDto {
  @ApiProperty() @IsString() @MinLength(10) @MaxLength(200) token: string;
  @ApiPropertyOptional({ description: 'Required when the email has no account yet' })
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name?: string;
  @ApiProperty({ minLength: 10, description: 'The new account\'s password, or the existing account\'s' })
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  password: string;
}

export class InviteMemberDto {
  @ApiProperty({ example: 'paul@agence-horizon.fr' }) @Transform(trimString) @IsEmail() @MaxLength(254) email: string;
  @ApiProperty({ enum: ROLES }) @IsIn(ROLES) role: Role;
}

export class ChangeRoleDto {
  @ApiProperty({ enum: ROLES }) @IsIn(ROLES) role: Role;
}

export class MemberDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty({ format: 'date-time' }) createdAt: Date;
}

export class MemberListDto {
  @ApiProperty({ type: [MemberDto] }) items: MemberDto[];
}

export class InvitationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty({ format: 'date-time' }) createdAt: Date;
  @ApiProperty({ format: 'date-time' }) expiresAt: Date;
}

export class CreatedInvitationDto extends InvitationDto {
  @ApiProperty({ description: 'Single-use link to share with the invitee' }) acceptUrl: string;
  @ApiProperty({ description: 'Whether the invitation email was handed to the SMTP server' }) emailSent: boolean;
}

export class InvitationListDto {
  @ApiProperty({ type: [InvitationDto] }) items: InvitationDto[];
}
