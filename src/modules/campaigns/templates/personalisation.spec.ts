import { checkPersonalisation, personalisationView, renderHtml, renderPlain, type PersonalisedLead } from './personalisation.js';
import { htmlToText } from './html-to-text.js';

const catalogue = { customKeys: ['budget'] };
const lead = (over: Partial<PersonalisedLead> = {}): PersonalisedLead => ({
  firstName: 'Anne', lastName: 'Lefèvre', email: 'anne@exemple.fr', phone: null, company: null, jobTitle: null, civility: 'ms',
  streetAddress: null, postalCode: '69003', city: 'Lyon', region: null, country: 'FR', language: null, customFields: { budget: 250000 }, ...over,
});
const ctx = { workspaceName: 'Agence <Horizon>', unsubscribeUrl: 'https://x.test/u/abc', preferencesUrl: 'https://x.test/u/abc' };

describe('personalisation', () => {
  it('accepts the catalogue, custom fields, data and fallbacks', () => {
    expect(checkPersonalisation('mjml', 'Bonjour {{lead.firstName}}{{^lead.firstName}}cher client{{/lead.firstName}} {{lead.custom.budget}} {{data.order.id}} {{workspace.name}} {{unsubscribe_url}} {{#lead.city}}à {{.}}{{/lead.city}}', catalogue)).toEqual([]);
  });

  it('names unknown variables with their line, and refuses partials and unescaped output', () => {
    const errors = checkPersonalisation('mjml', 'Bonjour\n{{lead.fristName}}\n{{{lead.email}}} {{> footer}} {{lead.custom.nope}} {{.}}', catalogue);
    expect(errors.map((e) => [e.code, e.message])).toEqual([
      ['unknown_variable', 'line 2: unknown variable "lead.fristName"'],
      ['unescaped', 'line 3: unescaped output of "lead.email" is not allowed (use {{lead.email}})'],
      ['partial', 'line 3: partials ({{> footer}}) are not supported'],
      ['unknown_variable', 'line 3: unknown variable "lead.custom.nope"'],
      ['unknown_variable', 'line 3: unknown variable "."'],
    ]);
  });

  it('reports an unclosed section as a syntax error with its line', () => {
    const [error] = checkPersonalisation('subject', 'a\n{{#lead.city}} b', catalogue);
    expect(error).toMatchObject({ field: 'subject', code: 'syntax' });
    expect(error!.message).toMatch(/^line 2: Unclosed section "lead.city"/);
  });

  it('renders civility and salutation in the lead\'s language, French by default', () => {
    expect(personalisationView(lead(), ctx).lead).toMatchObject({ civility: 'Madame', salutation: 'Madame Lefèvre', country: 'France', custom: { budget: '250000' } });
    expect(personalisationView(lead({ civility: 'mr', language: 'en-GB', country: 'DE' }), ctx).lead).toMatchObject({ civility: 'Mr', salutation: 'Mr Lefèvre', country: 'Germany' });
    expect(personalisationView(lead({ civility: 'other' }), ctx).lead).toMatchObject({ civility: null, salutation: null });
    expect(personalisationView(lead({ lastName: ' ' }), ctx).lead.salutation).toBeNull();
  });

  it('shows fallbacks for empty values and escapes HTML in the HTML part only', () => {
    const template = 'Bonjour {{lead.firstName}}{{^lead.firstName}}cher client{{/lead.firstName}} — {{workspace.name}}';
    expect(renderHtml(template, personalisationView(lead({ firstName: '' }), ctx))).toBe('Bonjour cher client — Agence &lt;Horizon&gt;');
    expect(renderPlain(template, personalisationView(lead({ firstName: 'Zoé' }), ctx))).toBe('Bonjour Zoé — Agence <Horizon>');
    expect(renderPlain('{{lead.email}}', personalisationView(null, { ...ctx, to: 'x@y.fr' }))).toBe('x@y.fr');
  });
});

describe('htmlToText', () => {
  it('keeps words, line breaks and link addresses, drops styles and hidden preheaders', () => {
    const html = '<html><head><style>p{color:red}</style></head><body><div style="display:none">pre</div><p>Bonjour&nbsp;Anne &amp; co</p><p><a href="https://x.test/a?b=1&amp;c=2">Voir</a><br>fin</p></body></html>';
    expect(htmlToText(html)).toBe('Bonjour Anne & co\nVoir (https://x.test/a?b=1&c=2)\nfin');
  });
});
