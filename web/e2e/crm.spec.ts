import { expect, test } from '@playwright/test';
import { registerViaBff, settled, uniqueId } from './support';

test('custom field → new lead through the dialog → search → lead page → note → bulk tag → trash and restore', async ({ page }) => {
  await registerViaBff(page);
  const id = uniqueId();
  const lastName = `Durand${id}`;
  const email = `camille.${id}@exemple.fr`;

  // 1. Define a select custom field; the key is suggested from the label.
  await page.goto('/settings/custom-fields');
  await settled(page);
  await expect(page.getByRole('heading', { name: 'Aucun champ personnalisé' })).toBeVisible();
  await page.getByRole('button', { name: 'Nouveau champ' }).first().click();
  let dialog = page.getByRole('dialog');
  await dialog.getByLabel('Libellé').fill('Type de bien');
  await expect(dialog.getByLabel('Clé')).toHaveValue('type_de_bien');
  await dialog.getByLabel('Type', { exact: true }).click();
  await page.getByRole('option', { name: 'Liste de choix' }).click();
  await dialog.getByRole('textbox', { name: 'Option 1' }).fill('Maison');
  await dialog.getByRole('button', { name: 'Ajouter une option' }).click();
  await dialog.getByRole('textbox', { name: 'Option 2' }).fill('Appartement');
  await dialog.getByRole('button', { name: 'Créer le champ' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('custom-field-type_de_bien')).toContainText('Maison');

  // 2. Create a lead with it through the dialog; the form validates as you type.
  await page.goto('/leads');
  await settled(page);
  await page.getByRole('button', { name: 'Nouveau prospect' }).first().click();
  dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox', { name: 'Prénom' }).fill('Camille');
  await dialog.getByLabel('Nom', { exact: true }).fill(lastName);
  await dialog.getByRole('textbox', { name: 'E-mail' }).fill('camille@');
  await expect(dialog.getByText('Saisissez une adresse e-mail valide.')).toBeVisible();
  await dialog.getByRole('textbox', { name: 'E-mail' }).fill(email);
  await dialog.getByRole('textbox', { name: 'Téléphone' }).fill('06 12 34 56 78');
  await dialog.getByRole('checkbox', { name: 'Accepte les e-mails' }).click();
  await dialog.getByLabel('Type de bien').click();
  await page.getByRole('option', { name: 'Maison' }).click();
  await dialog.getByRole('button', { name: 'Créer le prospect' }).click();
  await expect(page).toHaveURL(/\/leads\/[0-9a-f-]{36}$/);
  const leadUrl = page.url();

  // The API's own field errors land next to the field: the same email again is taken.
  await page.goto('/leads');
  await settled(page);
  await page.getByRole('button', { name: 'Nouveau prospect' }).first().click();
  dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox', { name: 'E-mail' }).fill(email.toUpperCase());
  await dialog.getByRole('button', { name: 'Créer le prospect' }).click();
  await expect(dialog.getByRole('alert').filter({ hasText: 'Un autre prospect a déjà cette adresse e-mail' }).first()).toBeVisible();
  await page.keyboard.press('Escape');

  // 3. Find it by search (server-side) and open its page.
  await page.getByRole('searchbox', { name: 'Rechercher un prospect' }).fill(lastName);
  await expect(page.getByTestId('lead-row')).toHaveCount(1);
  await expect(page).toHaveURL(new RegExp(`q=${lastName}`));
  await page.getByTestId('lead-row').getByText(email).click();
  await expect(page).toHaveURL(leadUrl);
  await expect(page.getByRole('heading', { level: 1, name: `Camille ${lastName}` })).toBeVisible();
  await expect(page.getByText('06 12 34 56 78').first()).toBeVisible();
  await expect(page.getByRole('definition').filter({ hasText: 'Maison' })).toBeVisible();
  await expect(page.getByText(/Depuis le .* source : saisi dans l'application/)).toBeVisible();

  // 4. A note appears in the timeline.
  await page.getByLabel('Ajouter une note').fill('Rappeler lundi pour organiser la visite.');
  await page.getByRole('button', { name: 'Ajouter la note' }).click();
  await expect(page.getByTestId('timeline').getByText('Rappeler lundi pour organiser la visite.')).toBeVisible();
  await expect(page.getByLabel('Ajouter une note')).toHaveValue('');

  // 5. Bulk-tag it from the list (search still applied from the URL).
  await page.getByRole('button', { name: 'Retour aux prospects' }).click();
  await expect(page).toHaveURL(/\/leads\?q=/);
  await expect(page.getByTestId('lead-row')).toHaveCount(1);
  await page.getByRole('checkbox', { name: `Sélectionner Camille ${lastName}` }).click();
  const bar = page.getByTestId('bulk-bar');
  await expect(bar).toContainText('1 prospect sélectionné');
  await bar.getByRole('button', { name: 'Ajouter une étiquette' }).click();
  dialog = page.getByRole('dialog');
  await dialog.getByLabel('Étiquettes').fill('salon-2026');
  await dialog.getByRole('button', { name: 'Ajouter une étiquette' }).click();
  await expect(page.getByText('Étiquette ajoutée à 1 prospect')).toBeVisible();
  await expect(page.getByTestId('lead-row')).toContainText('salon-2026');
  await page.getByLabel('Étiquette', { exact: true }).fill('salon-2026');
  await expect(page).toHaveURL(/tag=salon-2026/);
  await settled(page);
  await expect(page.getByTestId('lead-row')).toHaveCount(1);

  // 6. Trash (asks first) and restore from the trash.
  await page.getByRole('checkbox', { name: `Sélectionner Camille ${lastName}` }).click();
  await page.getByTestId('bulk-bar').getByRole('button', { name: 'Mettre à la corbeille' }).click();
  const confirm = page.getByRole('alertdialog');
  await expect(confirm).toContainText('Mettre 1 prospect à la corbeille ?');
  await confirm.getByRole('button', { name: 'Mettre à la corbeille' }).click();
  await expect(page.getByRole('heading', { name: 'Aucun prospect ne correspond' })).toBeVisible();
  await page.getByRole('button', { name: 'Corbeille' }).click();
  await expect(page.getByTestId('lead-row')).toHaveCount(1);
  await page.getByRole('checkbox', { name: `Sélectionner Camille ${lastName}` }).click();
  await page.getByTestId('bulk-bar').getByRole('button', { name: 'Restaurer' }).click();
  await expect(page.getByText('1 prospect restauré')).toBeVisible();
  await expect(page.getByTestId('lead-row')).toHaveCount(0);
  await page.getByRole('button', { name: 'Corbeille' }).click();
  await expect(page.getByTestId('lead-row')).toHaveCount(1);

  // 7. An unknown lead is a proper not-found state.
  await page.goto('/leads/00000000-0000-4000-8000-000000000000');
  await expect(page.getByRole('heading', { name: 'Prospect introuvable' })).toBeVisible();
});
