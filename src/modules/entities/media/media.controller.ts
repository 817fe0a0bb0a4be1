import { Body, Controller, Delete, Get, Headers, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../../common/auth/actor.js';
import { CurrentActor, Public, Roles, Scopes, TenantId } from '../../../common/auth/decorators.js';
import { ApiProblems } from '../../../common/http/openapi.js';
import { RawBody } from '../../../common/http/raw-body.js';
import { READERS, WRITERS } from '../shared/roles.js';
import { ListMediaQueryDto, MediaDto, MediaPageDto, UpdateMediaDto, UPLOAD_BODY } from './media.dto.js';
import { MediaService } from './media.service.js';
import { MIME_BY_EXT } from './sniff.js';

const uuid = () => new ParseUUIDPipe();

@ApiTags('Media')
@Controller('media')
export class MediaController {
  constructor(private readonly media: MediaService) {}

  @Post()
  @RawBody('multipart')
  @Roles(...WRITERS)
  @Scopes('catalog:write')
  @ApiOperation({
    summary: 'Upload one image or PDF (type sniffed from the bytes; images rotated upright, metadata stripped, WebP thumbnails made)',
    description: 'Limited per workspace (MEDIA_UPLOADS_PER_MINUTE: 429 with Retry-After beyond). Images are decoded a few at a time per server; when too many are waiting, 503 with Retry-After.',
    operationId: 'uploadMedia',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody(UPLOAD_BODY)
  @ApiCreatedResponse({ type: MediaDto })
  @ApiProblems(400, 401, 403, 404, 413, 415, 422, 429, 503)
  upload(@TenantId() tenantId: string, @CurrentActor() actor: Actor, @Req() req: FastifyRequest, @Headers('content-type') contentType?: string): Promise<MediaDto> {
    return this.media.upload(tenantId, actor, req.body, contentType);
  }

  @Get()
  @Roles(...READERS)
  @Scopes('catalog:read')
  @ApiOperation({ summary: 'Media of the workspace, newest first (filter by product or property)', operationId: 'listMedia' })
  @ApiOkResponse({ type: MediaPageDto })
  @ApiProblems(400, 401, 403)
  list(@TenantId() tenantId: string, @Query() query: ListMediaQueryDto): Promise<MediaPageDto> {
    return this.media.list(tenantId, query);
  }

  /** Public: the signature is the credential (so <img src> works without headers). */
  @Get('files/:tenantId/:assetId/:file')
  @Public()
  @ApiOperation({ summary: 'A media file, by signed URL (as given in a media asset\'s url / variants[].url)', operationId: 'getMediaFile' })
  @ApiOkResponse({ description: 'The file', content: Object.fromEntries(Object.values(MIME_BY_EXT).map((m) => [m, { schema: { type: 'string', format: 'binary' } }])) })
  @ApiProblems(403, 404)
  async file(
    @Param('tenantId') tenantId: string,
    @Param('assetId') assetId: string,
    @Param('file') file: string,
    @Query('expires') expires: string | undefined,
    @Query('sig') sig: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const key = `${tenantId}/${assetId}/${file}`;
    const { stream, size, expiresAt } = await this.media.openFile(key, expires, sig);
    const ext = file.slice(file.lastIndexOf('.') + 1);
    const maxAge = Math.max(0, Math.min(expiresAt - Math.floor(Date.now() / 1000), 86_400));
    void reply
      .header('content-type', MIME_BY_EXT[ext] ?? 'application/octet-stream')
      .header('content-length', String(size))
      // Stored files never change under a key, so caches may keep them until the URL expires.
      .header('cache-control', `private, max-age=${maxAge}, immutable`)
      .header('x-content-type-options', 'nosniff')
      // Even if a browser were talked into rendering it as a document, nothing in it may run.
      .header('content-security-policy', "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox")
      // PDFs can carry scripts and forms: always downloaded, never rendered inline on our origin.
      .header('content-disposition', ext === 'pdf' ? `attachment; filename="${assetId}.pdf"` : 'inline')
      .send(stream);
  }

  @Get(':id')
  @Roles(...READERS)
  @Scopes('catalog:read')
  @ApiOperation({ summary: 'One media asset with signed URLs for its original and thumbnails', operationId: 'getMedia' })
  @ApiOkResponse({ type: MediaDto })
  @ApiProblems(400, 401, 403, 404)
  get(@TenantId() tenantId: string, @Param('id', uuid()) id: string): Promise<MediaDto> {
    return this.media.get(tenantId, id);
  }

  @Patch(':id')
  @Roles(...WRITERS)
  @Scopes('catalog:write')
  @ApiOperation({ summary: 'Link a media asset to a product or property (null unlinks)', operationId: 'updateMedia' })
  @ApiOkResponse({ type: MediaDto })
  @ApiProblems(400, 401, 403, 404)
  update(@TenantId() tenantId: string, @Param('id', uuid()) id: string, @Body() dto: UpdateMediaDto): Promise<MediaDto> {
    return this.media.update(tenantId, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles(...WRITERS)
  @Scopes('catalog:write')
  @ApiOperation({ summary: 'Delete a media asset and its files', operationId: 'deleteMedia' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblems(400, 401, 403, 404)
  async remove(@TenantId() tenantId: string, @Param('id', uuid()) id: string): Promise<void> {
    await this.media.remove(tenantId, id);
  }
}
