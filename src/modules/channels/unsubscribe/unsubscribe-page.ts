/** The words of the small unsubscribe page, in the reader's language (French by default). */
const WORDS = {
  fr: {
    title: 'Se désabonner',
    ask: 'Vous ne recevrez plus nos e-mails à l\'adresse {address}. Confirmez-vous ?',
    button: 'Me désabonner',
    done: 'C\'est fait : l\'adresse {address} ne recevra plus nos e-mails.',
    invalid: 'Ce lien de désabonnement n\'est pas valide.',
  },
  en: {
    title: 'Unsubscribe',
    ask: 'You will no longer receive our emails at {address}. Do you confirm?',
    button: 'Unsubscribe me',
    done: 'Done: {address} will no longer receive our emails.',
    invalid: 'This unsubscribe link is not valid.',
  },
} as const;

export type PageLanguage = keyof typeof WORDS;

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/** French unless the reader prefers English before French. */
export function pageLanguage(acceptLanguage: string | undefined): PageLanguage {
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { lang: tag!.split('-')[0]!, q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .filter((l) => l.lang === 'fr' || l.lang === 'en')
    .sort((a, b) => b.q - a.q);
  return ranked[0]?.lang === 'en' ? 'en' : 'fr';
}

function page(lang: PageLanguage, body: string): string {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex">
<title>${WORDS[lang].title}</title></head>
<body style="font-family:system-ui,sans-serif;color:#1e1b4b;max-width:520px;margin:48px auto;padding:0 24px"><h1 style="font-size:22px">${WORDS[lang].title}</h1>${body}</body></html>`;
}

/** A GET never unsubscribes (link scanners and prefetchers follow links): it asks, with a button that POSTs. */
export function confirmPage(lang: PageLanguage, address: string, action: string): string {
  return page(
    lang,
    `<p>${escape(WORDS[lang].ask.replace('{address}', address))}</p>
<form method="post" action="${escape(action)}"><input type="hidden" name="List-Unsubscribe" value="One-Click">
<button type="submit" style="background:#4f46e5;color:#fff;border:0;padding:10px 18px;border-radius:8px;font-size:16px">${WORDS[lang].button}</button></form>`,
  );
}

export function donePage(lang: PageLanguage, address: string): string {
  return page(lang, `<p>${escape(WORDS[lang].done.replace('{address}', address))}</p>`);
}

export function invalidPage(lang: PageLanguage): string {
  return page(lang, `<p>${WORDS[lang].invalid}</p>`);
}
