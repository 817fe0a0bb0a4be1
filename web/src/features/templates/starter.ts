/** The first MJML of a new template: a heading, a personalised greeting with its fallback, a button and the unsubscribe link. */
export function starterMjml(workspace: 'fr' | 'en'): string {
  const w =
    workspace === 'fr'
      ? { hello: 'Bonjour {{lead.firstName}}{{^lead.firstName}}à vous{{/lead.firstName}},', body: 'Votre message ici.', button: 'Découvrir', unsubscribe: 'Se désabonner' }
      : { hello: 'Hello {{lead.firstName}}{{^lead.firstName}}there{{/lead.firstName}},', body: 'Your message here.', button: 'Discover', unsubscribe: 'Unsubscribe' };
  return `<mjml>
  <mj-body background-color="#f4f4f7">
    <mj-section background-color="#ffffff" padding="24px">
      <mj-column>
        <mj-text font-size="20px" font-weight="bold">{{workspace.name}}</mj-text>
        <mj-text font-size="15px" line-height="1.5">${w.hello}</mj-text>
        <mj-text font-size="15px" line-height="1.5">${w.body}</mj-text>
        <mj-button background-color="#4f46e5" href="https://example.com">${w.button}</mj-button>
      </mj-column>
    </mj-section>
    <mj-section>
      <mj-column>
        <mj-text font-size="12px" color="#6b7280" align="center"><a href="{{unsubscribe_url}}">${w.unsubscribe}</a></mj-text>
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>`;
}

/** Where the API said a template is wrong, as "Field — line 3: unknown variable …" lines. */
export function templateProblems(errors: { field: string; message: string }[] | undefined, fieldName: (f: string) => string): string[] {
  return (errors ?? []).map((e) => `${fieldName(e.field)} — ${e.message}`);
}
