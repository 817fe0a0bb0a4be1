import { ApiProperty } from '@nestjs/swagger';
import { CursorQueryDto } from '../../../common/http/pagination.js';

export class ListLeadsQueryDto extends CursorQueryDto {}

export class LeadDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ nullable: true, type: String }) email: string | null;
  @ApiProperty({ nullable: true, type: String }) firstName: string | null;
  @ApiProperty({ nullable: true, type: String }) lastName: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'E.164' }) phone: string | null;
  @ApiProperty({ nullable: true, type: String }) company: string | null;
  @ApiProperty({ nullable: true, type: String }) jobTitle: string | null;
  @ApiProperty({ nullable: true, type: String }) source: string | null;
  @ApiProperty({ enum: ['subscriber', 'lead', 'mql', 'sql', 'opportunity', 'customer', 'evangelist', 'other'] }) lifecycleStage: string;
  @ApiProperty({ type: [String] }) tags: string[];
  @ApiProperty() score: number;
  @ApiProperty({ format: 'date-time' }) createdAt: Date;
  @ApiProperty({ format: 'date-time' }) updatedAt: Date;
}

export class LeadPageDto {
  @ApiProperty({ type: [LeadDto] }) items: LeadDto[];
  @ApiProperty({ nullable: true, type: String, description: 'Pass as cursor for the next page; null on the last page' }) nextCursor: string | null;
}
