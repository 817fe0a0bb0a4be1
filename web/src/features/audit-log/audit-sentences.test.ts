import { createTranslator } from 'next-intl';
import { describe, expect, it } from 'vitest';
import en from '../../../messages/en.json';
import fr from '../../../messages/fr.json';
import type { AuditLogEntry } from '@/lib/api/types';
import { ACTION_FAMILIES, actionsOf, auditSentence, AUDIT_ACTIONS, sentenceKey, type AuditAction, type Translate } from './audit-sentences';

const translator = (locale: 'fr' | 'en'): Translate => {
  const tr = createTranslator({ locale, messages: locale === 'fr' ? fr : en });
  return (key, values) => tr(key as never, values as never);
};

type Entry = Pick<AuditLogEntry, 'action' | 'actorType' | 'actorId' | 'actorLabel' | 'entityType' | 'entityId' | 'metadata'>;
const CLAIRE = '0192f0c4-0000-7000-8000-00000000c1a1';
const by = (action: string, metadata: Record<string, unknown> = {}, entityType = action.split('.')[0]!): Entry => ({
  action,
  actorType: 'user',
  actorId: CLAIRE,
  actorLabel: 'claire@agence.fr',
  entityType,
  entityId: '0192f0c4-aaaa-7000-8000-000000000042',
  metadata,
});
const memberName = (id: string) => (id === CLAIRE ? 'Claire' : undefined);

/** [action, metadata, French, English] — the sentences people read. */
const TABLE: [AuditAction, Record<string, unknown>, string, string][] = [
  ['api_key.revoked', { name: 'Zapier' }, "Claire a révoqué la clé d'API « Zapier »", 'Claire revoked the API key “Zapier”'],
  ['api_key.created', { name: 'Site web', scopes: ['leads:read'] }, "Claire a créé la clé d'API « Site web »", 'Claire created the API key “Site web”'],
  ['tenant.created', { name: 'Agence du Rhône' }, "Claire a créé l'espace « Agence du Rhône »", 'Claire created the workspace “Agence du Rhône”'],
  ['auth.login', {}, 'Claire a ouvert une session', 'Claire signed in'],
  [
    'workspace.settings_updated',
    { changes: { defaultCountry: { from: null, to: 'FR' } } },
    "Claire a changé le pays par défaut de l'espace : aucun → FR",
    'Claire changed the workspace’s default country: none → FR',
  ],
  ['invitation.created', { email: 'paul@agence.fr', role: 'viewer' }, 'Claire a invité paul@agence.fr en tant que Lecteur', 'Claire invited paul@agence.fr as Viewer'],
  ['invitation.revoked', { email: 'paul@agence.fr', role: 'viewer' }, "Claire a annulé l'invitation de paul@agence.fr", 'Claire cancelled the invitation of paul@agence.fr'],
  ['invitation.accepted', { email: 'claire@agence.fr', name: 'Claire', role: 'marketer' }, "Claire a rejoint l'espace en tant que Marketeur", 'Claire joined the workspace as Marketer'],
  ['member.role_changed', { name: 'Paul Durand', from: 'marketer', to: 'admin' }, 'Claire a changé le rôle de Paul Durand : Marketeur → Administrateur', 'Claire changed the role of Paul Durand: Marketer → Admin'],
  ['member.removed', { name: 'Paul Durand', email: 'paul@agence.fr', role: 'viewer' }, "Claire a retiré Paul Durand de l'espace", 'Claire removed Paul Durand from the workspace'],
  ['lead.created', { name: 'Hélène Lefèvre' }, 'Claire a créé le prospect « Hélène Lefèvre »', 'Claire created the lead “Hélène Lefèvre”'],
  ['lead.updated', { name: 'Hélène Lefèvre', fields: ['jobTitle'] }, 'Claire a modifié le prospect « Hélène Lefèvre »', 'Claire changed the lead “Hélène Lefèvre”'],
  ['lead.deleted', { name: 'Hélène Lefèvre', affected: 1 }, 'Claire a mis le prospect « Hélène Lefèvre » à la corbeille', 'Claire moved the lead “Hélène Lefèvre” to the trash'],
  ['lead.restored', { name: 'Hélène Lefèvre', affected: 1 }, 'Claire a restauré le prospect « Hélène Lefèvre »', 'Claire restored the lead “Hélène Lefèvre”'],
  ['lead.note_added', { name: 'Hélène Lefèvre' }, 'Claire a ajouté une note au prospect « Hélène Lefèvre »', 'Claire added a note to the lead “Hélène Lefèvre”'],
  ['lead.merged', { name: 'Hélène Lefèvre', sourceIds: ['a'] }, 'Claire a fusionné 1 doublon dans le prospect « Hélène Lefèvre »', 'Claire merged 1 duplicate into the lead “Hélène Lefèvre”'],
  ['lead.merged', { name: 'Hélène Lefèvre', sourceIds: ['a', 'b'] }, 'Claire a fusionné 2 doublons dans le prospect « Hélène Lefèvre »', 'Claire merged 2 duplicates into the lead “Hélène Lefèvre”'],
  ['lead.bulk_delete', { affected: 1 }, 'Claire a mis 1 prospect à la corbeille', 'Claire moved 1 lead to the trash'],
  ['lead.bulk_delete', { affected: 1234 }, 'Claire a mis 1 234 prospects à la corbeille', 'Claire moved 1,234 leads to the trash'],
  ['lead.bulk_restore', { affected: 2 }, 'Claire a restauré 2 prospects', 'Claire restored 2 leads'],
  ['lead.bulk_addTags', { affected: 3 }, 'Claire a ajouté des étiquettes à 3 prospects', 'Claire added tags to 3 leads'],
  ['lead.bulk_removeTags', { affected: 1 }, 'Claire a retiré des étiquettes de 1 prospect', 'Claire removed tags from 1 lead'],
  ['lead.bulk_update', { affected: 5 }, 'Claire a modifié 5 prospects', 'Claire changed 5 leads'],
  ['lead_import.uploaded', { fileName: 'export-agence.csv', size: 1024 }, 'Claire a déposé le fichier de prospects « export-agence.csv »', 'Claire uploaded the lead file “export-agence.csv”'],
  ['lead_import.started', { fileName: 'export-agence.csv' }, "Claire a lancé l'import de « export-agence.csv »", 'Claire started importing “export-agence.csv”'],
  ['lead_import.deleted', { fileName: 'export-agence.csv', status: 'uploaded' }, "Claire a supprimé l'import « export-agence.csv »", 'Claire deleted the import “export-agence.csv”'],
  ['custom_field.created', { name: 'Budget', key: 'budget' }, 'Claire a créé le champ « Budget »', 'Claire created the field “Budget”'],
  ['custom_field.updated', { name: 'Budget max', key: 'budget' }, 'Claire a modifié le champ « Budget max »', 'Claire changed the field “Budget max”'],
  ['custom_field.deleted', { name: 'Budget max', key: 'budget' }, 'Claire a supprimé le champ « Budget max »', 'Claire deleted the field “Budget max”'],
  ['segment.created', { name: 'Salon 2026' }, 'Claire a créé le segment « Salon 2026 »', 'Claire created the segment “Salon 2026”'],
  ['segment.updated', { name: 'Salon 2026' }, 'Claire a modifié le segment « Salon 2026 »', 'Claire changed the segment “Salon 2026”'],
  ['segment.deleted', { name: 'Salon 2026' }, 'Claire a supprimé le segment « Salon 2026 »', 'Claire deleted the segment “Salon 2026”'],
  ['segment.snapshot_requested', { name: 'Salon 2026' }, "Claire a figé l'audience du segment « Salon 2026 »", 'Claire froze the audience of the segment “Salon 2026”'],
  ['lead_view.created', { name: 'Clients à Lyon', shared: true }, 'Claire a enregistré la vue de prospects « Clients à Lyon »', 'Claire saved the lead view “Clients à Lyon”'],
  ['lead_view.updated', { name: 'Clients à Lyon', fields: ['shared'] }, 'Claire a modifié la vue de prospects « Clients à Lyon »', 'Claire changed the lead view “Clients à Lyon”'],
  ['lead_view.deleted', { name: 'Clients à Lyon' }, 'Claire a supprimé la vue de prospects « Clients à Lyon »', 'Claire deleted the lead view “Clients à Lyon”'],
  ['scoring_rule.created', { name: 'Décideur' }, 'Claire a créé la règle de score « Décideur »', 'Claire created the scoring rule “Décideur”'],
  ['scoring_rule.updated', { name: 'Décideur' }, 'Claire a modifié la règle de score « Décideur »', 'Claire changed the scoring rule “Décideur”'],
  ['scoring_rule.deleted', { name: 'Décideur' }, 'Claire a supprimé la règle de score « Décideur »', 'Claire deleted the scoring rule “Décideur”'],
  ['sender.created', { name: 'Newsletter' }, "Claire a ajouté l'expéditeur « Newsletter »", 'Claire added the sender “Newsletter”'],
  ['sender.updated', { name: 'Newsletter' }, "Claire a modifié l'expéditeur « Newsletter »", 'Claire changed the sender “Newsletter”'],
  ['sender.deleted', { name: 'Newsletter' }, "Claire a supprimé l'expéditeur « Newsletter »", 'Claire deleted the sender “Newsletter”'],
  ['sender.tested', { to: 'claire@exemple.fr', ok: true }, 'Claire a testé un expéditeur (envoi à claire@exemple.fr)', 'Claire tested a sender (sent to claire@exemple.fr)'],
  ['template.created', { name: 'Bienvenue' }, 'Claire a créé le modèle « Bienvenue »', 'Claire created the template “Bienvenue”'],
  ['template.updated', { name: 'Bienvenue' }, 'Claire a modifié le modèle « Bienvenue »', 'Claire changed the template “Bienvenue”'],
  ['template.deleted', { name: 'Bienvenue' }, 'Claire a supprimé le modèle « Bienvenue »', 'Claire deleted the template “Bienvenue”'],
  ['template.test_sent', { to: 'claire@exemple.fr' }, "Claire s'est envoyé un test d'un modèle (claire@exemple.fr)", 'Claire sent themselves a test of a template (claire@exemple.fr)'],
  ['suppression.unsubscribed', { name: 'anne@exemple.fr' }, "Claire : anne@exemple.fr s'est désabonné des e-mails", 'Claire: anne@exemple.fr unsubscribed from emails'],
  ['product.created', { name: 'Chaise en chêne', sku: 'CHAIR-01' }, 'Claire a créé le produit « Chaise en chêne »', 'Claire created the product “Chaise en chêne”'],
  ['product.updated', { name: 'Chaise en chêne', sku: 'CHAIR-01' }, 'Claire a modifié le produit « Chaise en chêne »', 'Claire changed the product “Chaise en chêne”'],
  ['product.deleted', { name: 'Chaise en chêne', sku: 'CHAIR-01' }, 'Claire a supprimé le produit « Chaise en chêne »', 'Claire deleted the product “Chaise en chêne”'],
  ['product.imported', { created: 12, updated: 1, unchanged: 0 }, 'Claire a importé des produits : 12 créés, 1 modifié', 'Claire imported products: 12 created, 1 changed'],
  ['product.media_reordered', { name: 'Chaise en chêne' }, 'Claire a changé l\'ordre des photos du produit « Chaise en chêne »', 'Claire reordered the photos of the product “Chaise en chêne”'],
  ['property.created', { name: 'T3 lumineux', reference: 'LYN-42' }, 'Claire a créé le bien « T3 lumineux »', 'Claire created the property “T3 lumineux”'],
  ['property.updated', { name: 'T3 lumineux', reference: 'LYN-42' }, 'Claire a modifié le bien « T3 lumineux »', 'Claire changed the property “T3 lumineux”'],
  ['property.deleted', { name: 'T3 lumineux', reference: 'LYN-42' }, 'Claire a supprimé le bien « T3 lumineux »', 'Claire deleted the property “T3 lumineux”'],
  ['property.imported', { created: 0, updated: 3 }, 'Claire a importé des biens : aucun créé, 3 modifiés', 'Claire imported properties: none created, 3 changed'],
  ['property.media_reordered', { name: 'T3 lumineux' }, 'Claire a changé l\'ordre des photos du bien « T3 lumineux »', 'Claire reordered the photos of the property “T3 lumineux”'],
  ['media.uploaded', { fileName: 'salon.jpg' }, 'Claire a ajouté le média « salon.jpg »', 'Claire added the media “salon.jpg”'],
  ['media.updated', { fileName: 'salon.jpg', propertyId: 'x' }, 'Claire a changé les liens du média « salon.jpg »', 'Claire changed the links of the media “salon.jpg”'],
  ['media.deleted', { fileName: 'salon.jpg' }, 'Claire a supprimé le média « salon.jpg »', 'Claire deleted the media “salon.jpg”'],
];

// Narrow no-break spaces in French numbers: compare with plain spaces.
const plain = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');

describe('audit sentences', () => {
  it.each(TABLE)('%s reads as a sentence naming its object (%j)', (action, metadata, french, english) => {
    expect(plain(auditSentence(by(action, metadata), translator('fr'), memberName))).toBe(french);
    expect(plain(auditSentence(by(action, metadata), translator('en'), memberName))).toBe(english);
  });

  it('has a sentence, in both languages, for every action the API records, and the table covers them all', () => {
    for (const action of Object.keys(AUDIT_ACTIONS) as AuditAction[]) {
      for (const locale of ['fr', 'en'] as const) {
        const sentence = auditSentence(by(action, { name: 'X' }), translator(locale), memberName);
        expect(sentence, `${locale} ${action}`).not.toContain(sentenceKey(action));
        expect(sentence.startsWith('Claire')).toBe(true);
      }
    }
    expect(new Set(TABLE.map(([a]) => a))).toEqual(new Set(Object.keys(AUDIT_ACTIONS)));
  });

  it('names the actor: a member by their current name, else the address of the time; an API key; the system', () => {
    const fr = translator('fr');
    expect(auditSentence({ ...by('lead.created', { name: 'Anne' }), actorId: 'gone' }, fr, memberName)).toBe('claire@agence.fr a créé le prospect « Anne »');
    expect(auditSentence({ ...by('lead.created', { name: 'Anne' }), actorType: 'api_key', actorId: 'k', actorLabel: 'Zapier' }, fr, memberName)).toBe(
      "La clé d'API « Zapier » a créé le prospect « Anne »",
    );
    expect(auditSentence({ ...by('lead.created', { name: 'Anne' }), actorType: 'system', actorId: null, actorLabel: 'system' }, translator('en'))).toBe('The system created the lead “Anne”');
  });

  it('still reads for entries written before names were recorded, and for actions this page does not know', () => {
    expect(auditSentence(by('api_key.revoked'), translator('fr'), memberName)).toBe("Claire a révoqué la clé d'API « 0192f0c4 »");
    expect(auditSentence(by('campaign.launched', { name: 'Soldes' }, 'campaign'), translator('fr'), memberName)).toBe('Claire : campaign.launched (campaign Soldes)');
  });

  it('names countries in a default country change when it can', () => {
    const entry = by('workspace.settings_updated', { changes: { defaultCountry: { from: 'BE', to: 'FR' } } }, 'tenant');
    const names = (locale: string) => (code: string) => new Intl.DisplayNames([locale], { type: 'region' }).of(code)!;
    expect(auditSentence(entry, translator('fr'), memberName, names('fr'))).toBe("Claire a changé le pays par défaut de l'espace : Belgique → France");
    expect(auditSentence(entry, translator('en'), memberName, names('en'))).toBe('Claire changed the workspace’s default country: Belgium → France');
  });

  it('sorts every action into exactly one family', () => {
    const all = ACTION_FAMILIES.flatMap((f) => actionsOf(f));
    expect(all.sort()).toEqual(Object.keys(AUDIT_ACTIONS).sort());
    expect(actionsOf('delete')).toEqual(expect.arrayContaining(['api_key.revoked', 'member.removed', 'invitation.revoked']));
  });
});
