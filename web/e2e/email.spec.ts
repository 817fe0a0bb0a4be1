import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { SMTPServer } from 'smtp-server';
import { SHOTS_DIR, WEB_URL, apiPost, registerViaBff, settled } from './support';

mkdirSync(SHOTS_DIR, { recursive: true });
// GrapesJS, axe scans and a worker send on a shared 2-core machine: more than the default minute.
test.describe.configure({ timeout: 180_000 });
const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS_DIR, `${name}.png`), fullPage: true });

async function seriousViolations(page: Page, exclude: string[] = []) {
  let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
  // The editor's canvas and the sandboxed preview are frames axe cannot enter (no scripts run
  // in the preview): scanning them waits forever. The page around them is scanned.
  if (exclude.length) builder = builder.options({ iframes: false });
  for (const e of exclude) builder = builder.exclude(e);
  const results = await builder.analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => ({ id: v.id, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
}

/** A loopback SMTP server that keeps what it receives (recipients only: enough to see a send arrive). */
async function smtpLab() {
  const received: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData: (stream, session, cb) => {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        received.push(...session.envelope.rcptTo.map((r) => r.address));
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.server.address() as { port: number }).port, received, close: () => new Promise<void>((r) => server.close(() => r())) };
}

async function closedPort(): Promise<number> {
  const s = createServer().listen(0, '127.0.0.1');
  await new Promise((r) => s.once('listening', r));
  const { port } = s.address() as { port: number };
  await new Promise((r) => s.close(r));
  return port;
}

test('email senders: add one with DKIM, copy its DNS record, test it, and read a failure in words', async ({ page }) => {
  const lab = await smtpLab();
  try {
    const account = await registerViaBff(page);
    await page.goto('/settings/senders');
    await settled(page);
    await expect(page.getByText('Aucun expéditeur')).toBeVisible();
    await shot(page, 'email-01-senders-empty-fr');

    await page.getByRole('button', { name: 'Ajouter un expéditeur' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Nom', { exact: true }).fill('Newsletter');
    await dialog.getByLabel("Nom d'expéditeur").fill('Agence Horizon');
    await dialog.getByLabel("Adresse d'expédition").fill('news@agence-horizon.fr');
    await dialog.getByLabel('Serveur SMTP').fill('127.0.0.1');
    await dialog.getByLabel('Port').fill('70000');
    await expect(dialog.getByText('Un port entre 1 et 65535.')).toBeVisible();
    await dialog.getByLabel('Port').fill(String(lab.port));
    await dialog.getByLabel('Sécurité').click();
    await page.getByRole('option', { name: 'Aucun chiffrement' }).click();
    await dialog.getByLabel('E-mails par seconde').fill('10');
    await dialog.getByLabel('Signer avec DKIM').click();
    await dialog.getByLabel('Domaine').fill('agence-horizon.fr');
    expect(await seriousViolations(page), 'sender form').toEqual([]);
    await shot(page, 'email-02-sender-form-fr');
    await dialog.getByRole('button', { name: 'Ajouter', exact: true }).click();

    const dns = page.getByRole('dialog', { name: /Enregistrement DKIM pour agence-horizon\.fr/ });
    await expect(dns).toBeVisible();
    await expect(dns.getByText('lynara._domainkey.agence-horizon.fr')).toBeVisible();
    await expect(dns.getByText(/^v=DKIM1; k=rsa; p=MII/)).toBeVisible();
    await shot(page, 'email-03-dkim-record-fr');
    await page.keyboard.press('Escape');

    const row = page.getByTestId('sender-Newsletter');
    await expect(row.getByText('Par défaut')).toBeVisible();
    await row.getByRole('button', { name: "Tester l'expéditeur Newsletter" }).click();
    await page.getByRole('button', { name: 'Envoyer le test' }).click();
    await expect(page.getByText(`Le serveur a accepté l'e-mail de test pour ${account.email}.`)).toBeVisible();
    expect(lab.received).toContain(account.email);
    await shot(page, 'email-04-sender-test-ok-fr');
    await page.keyboard.press('Escape');

    await apiPost(page, '/senders', { name: 'Ancien serveur', fromAddress: 'old@agence-horizon.fr', host: '127.0.0.1', port: await closedPort(), security: 'none' });
    await page.reload();
    await settled(page);
    await page.getByRole('button', { name: "Tester l'expéditeur Ancien serveur" }).click();
    await page.getByLabel('Envoyer à').fill('claire@exemple.fr');
    await page.getByRole('button', { name: 'Envoyer le test' }).click();
    await expect(page.getByTestId('sender-test-failure')).toContainText('Rien ne répond à cette adresse et ce port (connexion refusée).');
    expect(await seriousViolations(page), 'test dialog').toEqual([]);
    await shot(page, 'email-05-sender-test-failure-fr');
    await page.keyboard.press('Escape');
    expect(await seriousViolations(page), 'senders list').toEqual([]);

    await page.context().addCookies([{ name: 'NEXT_LOCALE', value: 'en', url: WEB_URL }]);
    await page.reload();
    await settled(page);
    await expect(page.getByRole('heading', { name: 'Email senders' })).toBeVisible();
    await shot(page, 'email-06-senders-en');
  } finally {
    await lab.close();
  }
});

test('email templates: empty list, create, code view error, preview for a lead with fallbacks, test send', async ({ page }) => {
  const lab = await smtpLab();
  try {
    const account = await registerViaBff(page);
    await apiPost(page, '/senders', { name: 'Lab', fromAddress: 'news@agence-horizon.fr', host: '127.0.0.1', port: lab.port, security: 'none' });
    await apiPost(page, '/leads', { email: 'lea.moreau@gmail.com', firstName: 'Léa', lastName: 'Moreau' });
    await page.goto('/campaigns/templates');
    await settled(page);
    await expect(page.getByText('Aucun modèle')).toBeVisible();
    expect(await seriousViolations(page), 'templates empty').toEqual([]);
    await shot(page, 'email-07-templates-empty-fr');

    await page.getByRole('button', { name: 'Nouveau modèle' }).click();
    await page.getByRole('dialog').getByLabel('Nom').fill('Bienvenue');
    await page.getByRole('button', { name: 'Créer et ouvrir' }).click();
    await expect(page).toHaveURL(/\/campaigns\/templates\/[0-9a-f-]{36}$/);
    await expect(page.getByTestId('mjml-visual-editor')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('mjml-visual-editor').locator('.gjs-cv-canvas')).toBeVisible({ timeout: 30_000 });
    await shot(page, 'email-08-editor-visual-fr');

    await page.getByRole('tab', { name: 'Code MJML' }).click();
    const code = page.getByLabel('Code MJML du modèle');
    const original = await code.inputValue();
    await code.fill(original.replace('{{workspace.name}}', '{{lead.prenom}}'));
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await expect(page.getByText('MJML — line 5: unknown variable "lead.prenom"')).toBeVisible();
    await shot(page, 'email-09-editor-error-fr');
    await code.fill(original.replace('{{workspace.name}}', '{{lead.salutation}}{{^lead.salutation}}{{workspace.name}}{{/lead.salutation}}'));
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await expect(page.getByText('Enregistré', { exact: true })).toBeVisible();

    await page.getByRole('button', { name: "Afficher l'aperçu" }).click();
    const preview = page.getByTestId('template-preview');
    await expect(preview.frameLocator('iframe').getByText('Bonjour à vous,')).toBeVisible();
    await page.getByLabel('Contact').fill('lea');
    await page.getByRole('button', { name: /Léa Moreau/ }).click();
    await page.getByRole('button', { name: "Afficher l'aperçu" }).click();
    await expect(preview.frameLocator('iframe').getByText('Bonjour Léa,')).toBeVisible();
    await page.getByLabel('Version texte').check();
    await expect(preview.locator('pre')).toContainText('Bonjour Léa,');
    await page.getByLabel('Version texte').uncheck();
    expect(await seriousViolations(page, ['[data-testid="mjml-visual-editor"]', '[data-testid="template-preview"] iframe']), 'editor (outside GrapesJS)').toEqual([]);
    await shot(page, 'email-10-editor-preview-fr');

    await page.getByRole('button', { name: "M'envoyer un test" }).click();
    await expect(page.getByText(`Test envoyé à ${account.email}.`)).toBeVisible({ timeout: 20_000 });
    expect(lab.received).toContain(account.email);

    await page.goto('/campaigns/templates');
    await settled(page);
    await expect(page.getByRole('link', { name: 'Bienvenue' })).toBeVisible();
    await shot(page, 'email-11-templates-list-fr');
    await page.context().addCookies([{ name: 'NEXT_LOCALE', value: 'en', url: WEB_URL }]);
    await page.getByRole('link', { name: 'Bienvenue' }).click();
    await expect(page.getByRole('heading', { name: 'Email editor' })).toBeVisible();
    await expect(page.getByTestId('mjml-visual-editor').locator('.gjs-cv-canvas')).toBeVisible({ timeout: 30_000 });
    await shot(page, 'email-12-editor-en');
  } finally {
    await lab.close();
  }
});
