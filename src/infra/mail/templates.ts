const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/** A plain, accessible system email: one message, one button, the link spelled out too. */
export function actionEmail(opts: { heading: string; body: string; action: string; link: string; footer: string }) {
  const text = `${opts.heading}\n\n${opts.body}\n\n${opts.action}: ${opts.link}\n\n${opts.footer}\n`;
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#1e1b4b;max-width:560px;margin:auto;padding:24px">
<h1 style="font-size:20px">${escape(opts.heading)}</h1><p>${escape(opts.body)}</p>
<p><a href="${escape(opts.link)}" style="display:inline-block;background:#4f46e5;color:#fff;padding:10px 18px;border-radius:8px;text-decoration:none">${escape(opts.action)}</a></p>
<p style="font-size:13px;color:#475569">${escape(opts.link)}</p><p style="font-size:13px;color:#475569">${escape(opts.footer)}</p></body></html>`;
  return { text, html };
}
