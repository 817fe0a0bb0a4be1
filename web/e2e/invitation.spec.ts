import { expect, test } from '@playwright/test';
import { join } from 'node:path';
import { SHOTS_DIR, newAccount, registerViaBff, settled } from './support';

test('an invited marketer joins, and admin-only settings stay out of reach', async ({ page, browser }) => {
  const owner = await registerViaBff(page);
  await page.goto('/settings/members');
  await settled(page);
  await page.getByRole('button', { name: 'Inviter' }).click();
  const invitee = newAccount('invitee');
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Adresse e-mail').fill(invitee.email);
  await dialog.getByRole('button', { name: "Envoyer l'invitation" }).click();
  const acceptUrl = await dialog.getByTestId('invite-url').inputValue();
  expect(acceptUrl).toContain('/invite?token=');
  await dialog.getByRole('button', { name: 'Terminé' }).click();
  await expect(page.getByRole('region', { name: 'Invitations en attente' })).toContainText(invitee.email);

  // The invitee, in a fresh browser session.
  const other = await browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  const guest = await other.newPage();
  await guest.goto(acceptUrl);
  await expect(guest.getByText(owner.tenantName, { exact: true })).toBeVisible();
  await expect(guest.getByText('Vous êtes invité en tant que Marketeur')).toBeVisible();
  await guest.screenshot({ path: join(SHOTS_DIR, '16-invite-accept.png') });
  await guest.getByLabel('Nom complet').fill('Paul Durand');
  await guest.getByLabel('Choisissez un mot de passe').fill('court');
  await expect(guest.getByText('Au moins 10 caractères.')).toBeVisible();
  await guest.getByLabel('Choisissez un mot de passe').fill(invitee.password);
  await guest.getByRole('button', { name: `Rejoindre ${owner.tenantName}` }).click();
  await expect(guest).toHaveURL('/');
  await expect(guest.getByRole('button', { name: new RegExp(owner.tenantName) })).toBeVisible();

  // A marketer sees no team / API key / audit tabs, and a direct visit explains why.
  await guest.goto('/settings/profile');
  await expect(guest.getByText('Marketeur').first()).toBeVisible();
  await expect(guest.getByRole('link', { name: 'Équipe' })).toHaveCount(0);
  await expect(guest.getByRole('link', { name: "Clés d'API" })).toHaveCount(0);
  await guest.goto('/settings/api-keys');
  await expect(guest.getByRole('heading', { name: 'Réservé aux administrateurs' })).toBeVisible();
  await expect(guest.getByRole('button', { name: 'Nouvelle clé' })).toHaveCount(0);
  await other.close();

  // Back on the owner's side: the new member is listed, the invitation is gone.
  await page.reload();
  await settled(page);
  await expect(page.getByRole('region', { name: 'Membres' })).toContainText('Paul Durand');
  await expect(page.getByRole('region', { name: 'Invitations en attente' })).not.toContainText(invitee.email);

  // Change the member's role, then remove them (after confirming).
  const members = page.getByRole('region', { name: 'Membres' });
  await members.getByRole('combobox', { name: 'Rôle de Paul Durand' }).click();
  await page.getByRole('option', { name: 'Lecteur' }).click();
  await expect(page.getByText('Rôle mis à jour.')).toBeVisible();
  await expect(members.getByRole('combobox', { name: 'Rôle de Paul Durand' })).toHaveText('Lecteur');
  await members.getByRole('button', { name: 'Retirer Paul Durand' }).click();
  const confirm = page.getByRole('alertdialog');
  await expect(confirm).toContainText("perdra immédiatement l'accès");
  await confirm.getByRole('button', { name: 'Retirer le membre' }).click();
  await expect(confirm).toBeHidden();
  await expect(members).not.toContainText('Paul Durand');

  // The audit log recorded it all, in sentences, and filters by object type.
  await page.goto('/settings/audit-log');
  await settled(page);
  await page.getByRole('combobox', { name: "Type d'objet" }).click();
  await page.getByRole('option', { name: 'Invitations' }).click();
  await page.getByRole('button', { name: 'Filtrer' }).click();
  await settled(page);
  const rows = page.getByRole('table').getByRole('row');
  await expect(rows).toHaveCount(2); // header + the one invitation
  await expect(rows.nth(1)).toContainText('a invité');
});
