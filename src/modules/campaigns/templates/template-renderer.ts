import { Injectable } from '@nestjs/common';
import mjml from 'mjml';
import type { FieldError } from '../../../common/errors/domain-error.js';
import { htmlToText } from './html-to-text.js';
import { renderHtml, renderPlain } from './personalisation.js';

/** A template as the renderer needs it; `version` (its updated time) keys the compiled HTML. */
export interface RenderableTemplate {
  id: string;
  version: number;
  subject: string;
  preheader: string | null;
  mjml: string;
  textBody: string | null;
}

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

const CACHE_SIZE = 200;
const MJML_OPTIONS = { validationLevel: 'strict' as const, ignoreIncludes: true, fonts: {}, keepComments: false };

interface MjmlError {
  line?: number;
  message?: string;
}

/**
 * MJML → HTML once per template version (MJML takes tens of milliseconds; the HTML keeps its
 * {{variables}}, which MJML passes through untouched), then Mustache per recipient.
 * `mj-include` is off: a template must never read the server's files.
 */
@Injectable()
export class TemplateRenderer {
  private readonly compiled = new Map<string, string>();

  /** The MJML's problems, each with its line; none when it compiles. */
  async check(source: string): Promise<FieldError[]> {
    try {
      const result = await mjml(source, MJML_OPTIONS);
      return mjmlErrors(result.errors as MjmlError[]);
    } catch (err) {
      const listed = (err as { errors?: MjmlError[] }).errors;
      if (listed?.length) return mjmlErrors(listed);
      return [{ field: 'mjml', code: 'mjml', message: (err as Error).message.trim().slice(0, 500) || 'not valid MJML' }];
    }
  }

  async render(t: RenderableTemplate, view: object): Promise<RenderedEmail> {
    let html = await this.html(t);
    if (t.preheader) {
      const preheader = renderHtml(t.preheader, view);
      // Shown by inboxes beside the subject, never in the message itself.
      html = html.replace(/<body([^>]*)>/i, `<body$1><div style="display:none;max-height:0;overflow:hidden;mso-hide:all">${preheader}</div>`);
    }
    const rendered = renderHtml(html, view);
    return {
      subject: renderPlain(t.subject, view).replace(/[\r\n]+/g, ' ').trim(),
      html: rendered,
      text: t.textBody ? renderPlain(t.textBody, view) : htmlToText(rendered),
    };
  }

  private async html(t: RenderableTemplate): Promise<string> {
    const key = `${t.id}:${t.version}`;
    const cached = this.compiled.get(key);
    if (cached) return cached;
    const { html } = await mjml(t.mjml, { ...MJML_OPTIONS, validationLevel: 'soft' });
    if (this.compiled.size >= CACHE_SIZE) this.compiled.delete(this.compiled.keys().next().value!);
    this.compiled.set(key, html);
    return html;
  }
}

const mjmlErrors = (errors: MjmlError[] | undefined): FieldError[] =>
  (errors ?? []).slice(0, 20).map((e) => ({ field: 'mjml', code: 'mjml', message: `${e.line ? `line ${e.line}: ` : ''}${e.message ?? 'not valid MJML'}` }));
