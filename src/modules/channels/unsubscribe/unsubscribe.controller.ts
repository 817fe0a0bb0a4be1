import { Controller, Get, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../../../common/auth/decorators.js';
import { RawBody } from '../../../common/http/raw-body.js';
import { ChannelsError } from '../channels.errors.js';
import { confirmPage, donePage, invalidPage, pageLanguage } from './unsubscribe-page.js';
import { UnsubscribeService } from './unsubscribe.service.js';

const html = (reply: FastifyReply, status: number, body: string) =>
  reply.status(status).header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'").send(body);

/**
 * The links in List-Unsubscribe headers and {{unsubscribe_url}}: public (the recipient has no
 * session), outside the OpenAPI document (integrators never call them). A GET only asks; the
 * POST — the mail client's RFC 8058 one-click, or the page's button — unsubscribes.
 */
@ApiExcludeController()
@Controller('u')
export class UnsubscribeController {
  constructor(private readonly unsubscribe: UnsubscribeService) {}

  @Get(':token')
  @Public()
  async page(@Param('token') token: string, @Headers('accept-language') acceptLanguage: string | undefined, @Res() reply: FastifyReply): Promise<void> {
    const lang = pageLanguage(acceptLanguage);
    try {
      const address = await this.unsubscribe.address(token);
      html(reply, 200, confirmPage(lang, address, token));
    } catch (err) {
      if (!(err instanceof ChannelsError)) throw err;
      html(reply, 404, invalidPage(lang));
    }
  }

  @Post(':token')
  @Public()
  @HttpCode(200)
  @RawBody('form')
  async oneClick(@Param('token') token: string, @Headers('accept-language') acceptLanguage: string | undefined, @Res() reply: FastifyReply): Promise<void> {
    const address = await this.unsubscribe.unsubscribe(token);
    html(reply, 200, donePage(pageLanguage(acceptLanguage), address));
  }
}
