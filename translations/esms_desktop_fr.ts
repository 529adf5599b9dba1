<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
  <context>
    <name>AbsentCampaignPage</name>
    <message>
      <source>The campaign of this dossier is absent</source>
      <translation>La campagne de ce dossier est absente</translation>
    </message>
    <message>
      <source>This dossier follows the campaign “%1”, whose file is not in this data folder (%2): nothing can be computed without its rules. Import the campaign's file (File › Campaigns…), then open the dossier again; or change the dossier's campaign (button on the left).</source>
      <translation>Ce dossier suit la campagne « %1 », dont le fichier n'est pas dans ce dossier de données (%2) : rien ne peut être calculé sans ses règles. Importez le fichier de la campagne (Fichier › Campagnes…), puis rouvrez le dossier ; ou changez de campagne (bouton à gauche).</translation>
    </message>
  </context>
  <context>
    <name>AlreadyHereBox</name>
    <message>
      <source>%1 other dossier(s) of this folder have this organisation too.</source>
      <translation>%1 autre(s) dossier(s) de ce dossier de données ont aussi cet organisme.</translation>
    </message>
    <message>
      <source>%1 other dossier(s) of this folder hold it too.</source>
      <translation>%1 autre(s) dossier(s) de ce dossier de données le contiennent aussi.</translation>
    </message>
    <message>
      <source>&amp;Merge into it…</source>
      <translation>&amp;Fusionner dans ce dossier…</translation>
    </message>
    <message>
      <source>&amp;Merge…</source>
      <translation>&amp;Fusionner…</translation>
    </message>
    <message>
      <source>&amp;Open</source>
      <translation>&amp;Ouvrir</translation>
    </message>
    <message>
      <source>&amp;Open the dossier</source>
      <translation>&amp;Ouvrir le dossier</translation>
    </message>
    <message>
      <source>Already in this data folder</source>
      <translation>Déjà dans ce dossier de données</translation>
    </message>
    <message>
      <source>Create a &amp;copy</source>
      <translation>Créer une &amp;copie</translation>
    </message>
    <message>
      <source>Create a &amp;new dossier</source>
      <translation>Créer un &amp;nouveau dossier</translation>
    </message>
    <message>
      <source>Its establishments are already as the file has them.</source>
      <translation>Ses établissements sont déjà tels que le fichier les décrit.</translation>
    </message>
    <message>
      <source>Merging shows what the file adds and changes before applying it.</source>
      <translation>La fusion montre ce que le fichier ajoute et modifie avant de l’appliquer.</translation>
    </message>
    <message>
      <source>Nothing differs from the file: opening it is enough.</source>
      <translation>Rien ne diffère du fichier : il suffit de l’ouvrir.</translation>
    </message>
    <message>
      <source>The file “%1” holds the dossier “%2”, which is already in this data folder as “%3”.</source>
      <translation>Le fichier « %1 » contient le dossier « %2 », déjà présent dans ce dossier de données sous le nom « %3 ».</translation>
    </message>
    <message>
      <source>The file “%1” holds the dossier “%2”, which is already in this data folder.</source>
      <translation>Le fichier « %1 » contient le dossier « %2 », déjà présent dans ce dossier de données.</translation>
    </message>
    <message>
      <source>The file “%1” is the part of “%2”, an organisation already in the dossier “%3”.</source>
      <translation>Le fichier « %1 » est la partie de « %2 », un organisme déjà présent dans le dossier « %3 ».</translation>
    </message>
    <message>
      <source>The two differ (last changed here on %1). Merging brings the file's organisations and establishments, each change shown before it is applied.</source>
      <translation>Les deux diffèrent (dernière modification ici le %1). La fusion apporte les organismes et établissements du fichier, chaque changement étant montré avant d’être appliqué.</translation>
    </message>
  </context>
  <context>
    <name>AmendmentDialog</name>
    <message>
      <source>&amp;Create an amendment</source>
      <translation>&amp;Créer un avenant</translation>
    </message>
    <message>
      <source>&amp;Reference or reason of the amendment:</source>
      <translation>&amp;Référence ou motif de l’avenant :</translation>
    </message>
    <message>
      <source>Candidature already filed</source>
      <translation>Candidature déjà déposée</translation>
    </message>
    <message>
      <source>Changes to what was filed</source>
      <translation>Modifications de ce qui a été déposé</translation>
    </message>
    <message>
      <source>Reference or reason of the amendment</source>
      <translation>Référence ou motif de l’avenant</translation>
    </message>
    <message>
      <source>This candidature was filed on %1: what the ARS judged is kept as it was. This change would alter what was filed:</source>
      <translation>Cette candidature a été déposée le %1 : ce que l’ARS a examiné est conservé tel quel. Cette modification changerait ce qui a été déposé :</translation>
    </message>
    <message>
      <source>To make it, create an amendment (avenant): a change of the filed candidature to agree with your ARS. It is recorded with its date, and shown in the follow-up step and in the reports. Otherwise, cancel: nothing is changed.</source>
      <translation>Pour la faire, créez un avenant : une modification de la candidature déposée, à convenir avec votre ARS. Il est enregistré avec sa date, et figure dans l’étape de suivi et dans les rapports. Sinon, annulez : rien n’est modifié.</translation>
    </message>
    <message>
      <source>optional</source>
      <translation>facultatif</translation>
    </message>
  </context>
  <context>
    <name>AmendmentsModel</name>
    <message>
      <source>Date</source>
      <translation>Date</translation>
    </message>
    <message>
      <source>Note of the amendment of %1</source>
      <translation>Note de l’avenant du %1</translation>
    </message>
    <message>
      <source>Reference or reason</source>
      <translation>Référence ou motif</translation>
    </message>
    <message>
      <source>What changed</source>
      <translation>Ce qui a changé</translation>
    </message>
  </context>
  <context>
    <name>AmendmentsPanel</name>
    <message>
      <source>Amendments</source>
      <translation>Avenants</translation>
    </message>
    <message>
      <source>No amendment. An amendment (avenant) is a change of the filed candidature to agree with your ARS; it is created by editing a filed step (grappe, budget, porteur, commitments) and accepting to record the change, with its date.</source>
      <translation>Aucun avenant. Un avenant est une modification de la candidature déposée, à convenir avec votre ARS ; il se crée en modifiant une étape déposée (grappe, budget, porteur, engagements) et en acceptant d’enregistrer la modification, avec sa date.</translation>
    </message>
  </context>
  <context>
    <name>AnnexesModel</name>
    <message>
      <source>Attached file</source>
      <translation>Fichier joint</translation>
    </message>
    <message>
      <source>Document</source>
      <translation>Pièce</translation>
    </message>
    <message>
      <source>Required</source>
      <translation>Obligatoire</translation>
    </message>
    <message>
      <source>Tick “%1”</source>
      <translation>Cocher « %1 »</translation>
    </message>
    <message>
      <source>if applicable</source>
      <translation>le cas échéant</translation>
    </message>
    <message>
      <source>required</source>
      <translation>obligatoire</translation>
    </message>
    <message>
      <source>required: %1</source>
      <translation>requise : %1</translation>
    </message>
  </context>
  <context>
    <name>App</name>
    <message>
      <source>%1

Restore the most recent valid backup (%2)?</source>
      <translation>%1

Restaurer la sauvegarde valide la plus récente (%2) ?</translation>
    </message>
    <message>
      <source>Damaged database</source>
      <translation>Base de données endommagée</translation>
    </message>
  </context>
  <context>
    <name>AutodiagView</name>
    <message>
      <source>%1
%2 / %3 answered</source>
      <translation>%1
%2 / %3 réponses</translation>
    </message>
    <message>
      <source>%1
%2 / %3 answered · level %4 typed from MaturiN-SMS</source>
      <translation>%1
%2 / %3 réponses · niveau %4 saisi depuis MaturiN-SMS</translation>
    </message>
    <message>
      <source>%1
%2 / %3 answered · score %4</source>
      <translation>%1
%2 / %3 réponses · score %4</translation>
    </message>
    <message>
      <source>%1 (MaturiN-SMS): level %2, guides nothing</source>
      <translation>%1 (MaturiN-SMS) : niveau %2, n’oriente rien</translation>
    </message>
    <message>
      <source>%1 / %2 questions</source>
      <translation>%1 / %2 questions</translation>
    </message>
    <message>
      <source>%1 / 100 — %2 (%3)</source>
      <translation>%1 / 100 — %2 (%3)</translation>
    </message>
    <message>
      <source>%1 answer(s) to questions this version of the questionnaire no longer has are kept in the dossier but not counted.</source>
      <translation>%1 réponse(s) à des questions que cette version du questionnaire n'a plus sont conservées dans le dossier mais non comptées.</translation>
    </message>
    <message>
      <source>%1 — level %2</source>
      <translation>%1 — niveau %2</translation>
    </message>
    <message>
      <source>%1: %2 establishment(s)</source>
      <translation>%1 : %2 établissement(s)</translation>
    </message>
    <message>
      <source>A maturity questionnaire in seven domains, answered for the grappe as a whole. No form is imposed by the programme; the results guide the project type of each establishment and the priorities of the project.</source>
      <translation>Un questionnaire de maturité en sept domaines, rempli pour l'ensemble de la grappe. Le programme n'impose aucun formulaire ; les résultats orientent le type de projet de chaque établissement et les priorités du projet.</translation>
    </message>
    <message>
      <source>Add the establishments of the grappe to apply the suggestions.</source>
      <translation>Ajoutez les établissements de la grappe pour appliquer les suggestions.</translation>
    </message>
    <message>
      <source>Answer the &amp;questionnaire</source>
      <translation>&amp;Répondre au questionnaire</translation>
    </message>
    <message>
      <source>Answer the question “%1”</source>
      <translation>Répondre à la question « %1 »</translation>
    </message>
    <message>
      <source>Apply the suggested project types (%1 establishment(s))</source>
      <translation>Appliquer les types de projet suggérés (%1 établissement(s))</translation>
    </message>
    <message>
      <source>Apply the suggested project types to the grappe</source>
      <translation>Appliquer à la grappe les types de projet suggérés</translation>
    </message>
    <message>
      <source>Change the MaturiN-SMS assessment date</source>
      <translation>Modifier la date de l’évaluation MaturiN-SMS</translation>
    </message>
    <message>
      <source>Clear the MaturiN-SMS assessment date</source>
      <translation>Effacer la date de l’évaluation MaturiN-SMS</translation>
    </message>
    <message>
      <source>Current DUI (to route the project type)</source>
      <translation>DUI actuel (pour orienter le type de projet)</translation>
    </message>
    <message>
      <source>Date of the MaturiN-SMS assessment</source>
      <translation>Date de l’évaluation MaturiN-SMS</translation>
    </message>
    <message>
      <source>Date of the MaturiN-SMS assessment known</source>
      <translation>Date de l’évaluation MaturiN-SMS connue</translation>
    </message>
    <message>
      <source>Domains of the questionnaire</source>
      <translation>Domaines du questionnaire</translation>
    </message>
    <message>
      <source>Figures used per domain</source>
      <translation>Chiffres retenus par domaine</translation>
    </message>
    <message>
      <source>I already answered MaturiN-SMS: type my &amp;levels</source>
      <translation>J’ai déjà répondu à MaturiN-SMS : &amp;saisir mes niveaux</translation>
    </message>
    <message>
      <source>Known</source>
      <translation>Connue</translation>
    </message>
    <message>
      <source>Level %1 — %2</source>
      <translation>Niveau %1 — %2</translation>
    </message>
    <message>
      <source>Levels typed from MaturiN-SMS</source>
      <translation>Niveaux saisis depuis MaturiN-SMS</translation>
    </message>
    <message>
      <source>Levels typed from MaturiN-SMS
%1 / %2 typed</source>
      <translation>Niveaux saisis depuis MaturiN-SMS
%1 / %2 saisis</translation>
    </message>
    <message>
      <source>MaturiN-SMS assessment &amp;date:</source>
      <translation>&amp;Date de l’évaluation MaturiN-SMS :</translation>
    </message>
    <message>
      <source>MaturiN-SMS, typed</source>
      <translation>MaturiN-SMS, saisi</translation>
    </message>
    <message>
      <source>Next: %1</source>
      <translation>Suivant : %1</translation>
    </message>
    <message>
      <source>No matching domain in the questionnaire: shown, guides nothing.</source>
      <translation>Aucun domaine correspondant dans le questionnaire : affichée, n’oriente rien.</translation>
    </message>
    <message>
      <source>No project type can be suggested yet: answer the question on the current DUI (domain “%1”) or state it on the establishments.</source>
      <translation>Aucun type de projet ne peut encore être suggéré : répondez à la question sur le DUI actuel (domaine « %1 ») ou indiquez-le sur les établissements.</translation>
    </message>
    <message>
      <source>Not entered</source>
      <translation>Non renseigné</translation>
    </message>
    <message>
      <source>Overall score: %1 / 100 — %2</source>
      <translation>Score global : %1 / 100 — %2</translation>
    </message>
    <message>
      <source>Overall score: not assessed yet</source>
      <translation>Score global : pas encore évalué</translation>
    </message>
    <message>
      <source>Questions answered</source>
      <translation>Questions répondues</translation>
    </message>
    <message>
      <source>Recommendations</source>
      <translation>Recommandations</translation>
    </message>
    <message>
      <source>Results and recommendations</source>
      <translation>Résultats et recommandations</translation>
    </message>
    <message>
      <source>Score per domain</source>
      <translation>Score par domaine</translation>
    </message>
    <message>
      <source>Score per domain (out of 100)</source>
      <translation>Score par domaine (sur 100)</translation>
    </message>
    <message>
      <source>See the results</source>
      <translation>Voir les résultats</translation>
    </message>
    <message>
      <source>Self-assessment</source>
      <translation>Autodiagnostic</translation>
    </message>
    <message>
      <source>Set the MaturiN-SMS assessment date</source>
      <translation>Indiquer la date de l’évaluation MaturiN-SMS</translation>
    </message>
    <message>
      <source>Stands in for domain %1 while it has no answer.</source>
      <translation>Tient lieu du domaine %1 tant qu’il n’a aucune réponse.</translation>
    </message>
    <message>
      <source>Suggested changes — %1.</source>
      <translation>Changements suggérés — %1.</translation>
    </message>
    <message>
      <source>The project types of the grappe already follow the suggestions.</source>
      <translation>Les types de projet de la grappe suivent déjà les suggestions.</translation>
    </message>
    <message>
      <source>The questionnaire cannot be read: %1</source>
      <translation>Le questionnaire est illisible : %1</translation>
    </message>
    <message>
      <source>This questionnaire is esms-desktop’s own (%1 questions), inspired by the ANS’s MaturiN-SMS framework (64 questions), with one different domain: “Interoperability and core services” instead of “Quality of service”.</source>
      <translation>Ce questionnaire est propre à esms-desktop (%1 questions), inspiré du référentiel MaturiN-SMS de l’ANS (64 questions), avec un domaine différent : « Interopérabilité et services socles » au lieu de « Qualité de service ».</translation>
    </message>
    <message>
      <source>Type the MaturiN-SMS level of “%1”</source>
      <translation>Saisir le niveau MaturiN-SMS de « %1 »</translation>
    </message>
    <message>
      <source>Type, for each dimension, the level (1 to 5) your MaturiN-SMS result gives. A level stands in for the score of the matching domain of the questionnaire as long as that domain has no answer; a dimension without a matching domain is shown and printed but guides nothing.</source>
      <translation>Saisissez, pour chaque dimension, le niveau (1 à 5) indiqué par votre résultat MaturiN-SMS. Un niveau tient lieu du score du domaine correspondant du questionnaire tant que ce domaine n’a aucune réponse ; une dimension sans domaine correspondant est affichée et imprimée mais n’oriente rien.</translation>
    </message>
    <message>
      <source>not assessed</source>
      <translation>non évalué</translation>
    </message>
    <message>
      <source>questionnaire</source>
      <translation>questionnaire</translation>
    </message>
    <message>
      <source>source: %1</source>
      <translation>source : %1</translation>
    </message>
  </context>
  <context>
    <name>Background</name>
    <message>
      <source>Cancel</source>
      <translation>Annuler</translation>
    </message>
  </context>
  <context>
    <name>BackupFiles</name>
    <message>
      <source>Every dossier, with its annexes, is saved in “%1”.

Keep this file away from this computer (USB key, network folder): File › Restore a backup… › From a file… brings it back.</source>
      <translation>Tous les dossiers, avec leurs pièces, sont enregistrés dans « %1 ».

Gardez ce fichier ailleurs que sur cet ordinateur (clé USB, dossier réseau) : Fichier › Restaurer une sauvegarde… › Depuis un fichier… le restaure.</translation>
    </message>
    <message>
      <source>Restore a backup</source>
      <translation>Restaurer une sauvegarde</translation>
    </message>
    <message>
      <source>Restore a backup from a file</source>
      <translation>Restaurer une sauvegarde depuis un fichier</translation>
    </message>
    <message>
      <source>Save a backup as</source>
      <translation>Enregistrer une sauvegarde sous</translation>
    </message>
    <message>
      <source>esms-desktop backups (*.sqlite3);;All files (*)</source>
      <translation>Sauvegardes esms-desktop (*.sqlite3);;Tous les fichiers (*)</translation>
    </message>
    <message>
      <source>of %1</source>
      <translation>du %1</translation>
    </message>
    <message>
      <source>of unknown date</source>
      <translation>de date inconnue</translation>
    </message>
    <message>
      <source>“%1” is a backup %2: %3 dossier(s), %4 ESSMS.

Every dossier of this computer will be replaced by those of the backup (the current state is backed up first). Restore it?</source>
      <translation>« %1 » est une sauvegarde %2 : %3 dossier(s), %4 ESSMS.

Tous les dossiers de cet ordinateur seront remplacés par ceux de la sauvegarde (l’état actuel est sauvegardé avant). La restaurer ?</translation>
    </message>
  </context>
  <context>
    <name>BudgetModels</name>
    <message>
      <source> (paid to the editor)</source>
      <translation> (versé à l'éditeur)</translation>
    </message>
    <message>
      <source> — to be confirmed</source>
      <translation> — à confirmer</translation>
    </message>
    <message>
      <source>%1 (provisional)</source>
      <translation>%1 (provisoire)</translation>
    </message>
    <message>
      <source>Amount incl. VAT</source>
      <translation>Montant TTC</translation>
    </message>
    <message>
      <source>Establishment</source>
      <translation>Établissement</translation>
    </message>
    <message>
      <source>FINESS</source>
      <translation>FINESS</translation>
    </message>
    <message>
      <source>Line</source>
      <translation>Ligne</translation>
    </message>
    <message>
      <source>Not counted</source>
      <translation>Non compté</translation>
    </message>
    <message>
      <source>Not funded</source>
      <translation>Non financé</translation>
    </message>
    <message>
      <source>Organisation</source>
      <translation>Organisme</translation>
    </message>
    <message>
      <source>Project</source>
      <translation>Projet</translation>
    </message>
    <message>
      <source>Remark</source>
      <translation>Remarque</translation>
    </message>
    <message>
      <source>Rule</source>
      <translation>Règle</translation>
    </message>
    <message>
      <source>Set %1</source>
      <translation>Saisir « %1 »</translation>
    </message>
    <message>
      <source>Share</source>
      <translation>Part</translation>
    </message>
    <message>
      <source>Source</source>
      <translation>Source</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>Statut</translation>
    </message>
    <message>
      <source>Tranche</source>
      <translation>Tranche</translation>
    </message>
    <message>
      <source>Value</source>
      <translation>Valeur</translation>
    </message>
    <message>
      <source>a positive amount in euros is expected</source>
      <translation>un montant positif en euros est attendu</translation>
    </message>
    <message>
      <source>an amount in euros is expected</source>
      <translation>un montant en euros est attendu</translation>
    </message>
    <message>
      <source>entered by you</source>
      <translation>saisi par vous</translation>
    </message>
    <message>
      <source>founding documents</source>
      <translation>documents fondateurs</translation>
    </message>
    <message>
      <source>implausible amount: 100,000,000 € at most</source>
      <translation>montant invraisemblable : 100 000 000 € au plus</translation>
    </message>
    <message>
      <source>provisional amount, to be confirmed</source>
      <translation>montant provisoire, à confirmer</translation>
    </message>
    <message>
      <source>public source</source>
      <translation>source publique</translation>
    </message>
    <message>
      <source>to be confirmed with your ARS</source>
      <translation>à confirmer auprès de votre ARS</translation>
    </message>
    <message>
      <source>to be filled in</source>
      <translation>à renseigner</translation>
    </message>
  </context>
  <context>
    <name>BudgetView</name>
    <message>
      <source>%1 ESSMS counted, %2 funded — %3</source>
      <translation>%1 ESSMS comptés, %2 financés — %3</translation>
    </message>
    <message>
      <source>&lt;b&gt;Project lines&lt;/b&gt;</source>
      <translation>&lt;b&gt;Lignes du projet&lt;/b&gt;</translation>
    </message>
    <message>
      <source>&lt;b&gt;Total: %1&lt;/b&gt;</source>
      <translation>&lt;b&gt;Total : %1&lt;/b&gt;</translation>
    </message>
    <message>
      <source>&lt;h2&gt;Budget&lt;/h2&gt;</source>
      <translation>&lt;h2&gt;Budget&lt;/h2&gt;</translation>
    </message>
    <message>
      <source>Amount per organisation</source>
      <translation>Montant par organisme gestionnaire</translation>
    </message>
    <message>
      <source>Amounts marked “to be confirmed with your ARS” can be typed in from your ARS's call for projects; empty the cell to go back to the campaign's value.</source>
      <translation>Les montants « à confirmer auprès de votre ARS » se saisissent d'après le cahier des charges de votre ARS ; videz la cellule pour revenir à la valeur de la campagne.</translation>
    </message>
    <message>
      <source>Campaign values</source>
      <translation>Valeurs de la campagne</translation>
    </message>
    <message>
      <source>Detail: lines and rules</source>
      <translation>Détail : lignes et règles</translation>
    </message>
    <message>
      <source>Establishments</source>
      <translation>Établissements</translation>
    </message>
    <message>
      <source>Funding per establishment</source>
      <translation>Financement par établissement</translation>
    </message>
    <message>
      <source>Lines of the selected establishment</source>
      <translation>Lignes de l'établissement sélectionné</translation>
    </message>
    <message>
      <source>Payment tranches</source>
      <translation>Tranches de versement</translation>
    </message>
    <message>
      <source>Project lines</source>
      <translation>Lignes du projet</translation>
    </message>
    <message>
      <source>Save these amounts in a &amp;new campaign…</source>
      <translation>Enregistrer ces montants dans une &amp;nouvelle campagne…</translation>
    </message>
    <message>
      <source>Select an establishment to see its lines.</source>
      <translation>Sélectionnez un établissement pour voir ses lignes.</translation>
    </message>
    <message>
      <source>The amounts typed here become those of a new campaign of yours, so that the next dossier does not type them again.</source>
      <translation>Les montants saisis ici deviennent ceux d'une nouvelle campagne à vous : le prochain dossier n'aura pas à les saisir de nouveau.</translation>
    </message>
    <message>
      <source>Totals and tranches</source>
      <translation>Total et tranches</translation>
    </message>
    <message>
      <source>eligible</source>
      <translation>éligible</translation>
    </message>
    <message>
      <source>incomplete: some amounts are still to be filled in</source>
      <translation>incomplet : des montants restent à renseigner</translation>
    </message>
    <message>
      <source>not eligible</source>
      <translation>non éligible</translation>
    </message>
  </context>
  <context>
    <name>CampaignEditor</name>
    <message>
      <source>&amp;New campaign based on this one…</source>
      <translation>&amp;Nouvelle campagne d'après celle-ci…</translation>
    </message>
    <message>
      <source>&amp;Remove</source>
      <translation>&amp;Retirer</translation>
    </message>
    <message>
      <source>&amp;Save</source>
      <translation>Enre&amp;gistrer</translation>
    </message>
    <message>
      <source>A campaign shipped with the program cannot be changed: use “New campaign based on this one…” to enter your ARS's values.</source>
      <translation>Une campagne livrée avec le programme ne se modifie pas : utilisez « Nouvelle campagne d'après celle-ci… » pour saisir les valeurs de votre ARS.</translation>
    </message>
    <message>
      <source>A&amp;dd a band</source>
      <translation>A&amp;jouter un palier</translation>
    </message>
    <message>
      <source>A&amp;dd a line</source>
      <translation>A&amp;jouter une ligne</translation>
    </message>
    <message>
      <source>A&amp;dd a note</source>
      <translation>A&amp;jouter une remarque</translation>
    </message>
    <message>
      <source>A&amp;dd a payment</source>
      <translation>A&amp;jouter un versement</translation>
    </message>
    <message>
      <source>A&amp;dd a reminder</source>
      <translation>A&amp;jouter un rappel</translation>
    </message>
    <message>
      <source>A&amp;dd a step</source>
      <translation>A&amp;jouter une étape</translation>
    </message>
    <message>
      <source>A&amp;dd an amount…</source>
      <translation>A&amp;jouter un montant…</translation>
    </message>
    <message>
      <source>A&amp;dd…</source>
      <translation>A&amp;jouter…</translation>
    </message>
    <message>
      <source>C&amp;lear the value</source>
      <translation>Effacer la &amp;valeur</translation>
    </message>
    <message>
      <source>Campaign not saved</source>
      <translation>Campagne non enregistrée</translation>
    </message>
    <message>
      <source>Campaign “%1” (%2)[*] — esms-desktop</source>
      <translation>Campagne « %1 » (%2)[*] — esms-desktop</translation>
    </message>
    <message>
      <source>Clear %1</source>
      <translation>Effacer %1</translation>
    </message>
    <message>
      <source>Close</source>
      <translation>Fermer</translation>
    </message>
    <message>
      <source>Do&amp;n't save</source>
      <translation>&amp;Ne pas enregistrer</translation>
    </message>
    <message>
      <source>F2 or Enter edits the selected value, Enter keeps it, Escape leaves it as it was; Ctrl+Z undoes, Ctrl+Y redoes. Amounts in euros (12 500), dates as DD/MM/YYYY, percentages as 50 or 33,5.</source>
      <translation>F2 ou Entrée modifie la valeur choisie, Entrée la garde, Échap la laisse comme elle était ; Ctrl+Z annule, Ctrl+Y rétablit. Montants en euros (12 500), dates en JJ/MM/AAAA, pourcentages en 50 ou 33,5.</translation>
    </message>
    <message>
      <source>Identifier “%1” is already that of the campaign “%2”: give this one another identifier (key id).</source>
      <translation>L'identifiant « %1 » est déjà celui de la campagne « %2 » : donnez à celle-ci un autre identifiant (clé id).</translation>
    </message>
    <message>
      <source>Key in the file: %1</source>
      <translation>Clé dans le fichier : %1</translation>
    </message>
    <message>
      <source>Keys of the campaign</source>
      <translation>Clés de la campagne</translation>
    </message>
    <message>
      <source>Name of the amount (lower-case letters, digits and _; the lines refer to it by this name):</source>
      <translation>Nom du montant (lettres minuscules, chiffres et _ ; les lignes le désignent par ce nom) :</translation>
    </message>
    <message>
      <source>New amount</source>
      <translation>Nouveau montant</translation>
    </message>
    <message>
      <source>Redo</source>
      <translation>Rétablir</translation>
    </message>
    <message>
      <source>Remove %1</source>
      <translation>Retirer %1</translation>
    </message>
    <message>
      <source>Saved in %1</source>
      <translation>Enregistrée dans %1</translation>
    </message>
    <message>
      <source>The campaign cannot be saved yet:

%1</source>
      <translation>La campagne ne peut pas encore être enregistrée :

%1</translation>
    </message>
    <message>
      <source>The campaign “%1” has changes that are not saved. Save them?</source>
      <translation>La campagne « %1 » a des modifications non enregistrées. Les enregistrer ?</translation>
    </message>
    <message>
      <source>This campaign is shipped with the program: it can be read, not changed. To enter your ARS's values, create a new campaign from it.</source>
      <translation>Cette campagne est livrée avec le programme : elle se consulte, elle ne se modifie pas. Pour saisir les valeurs de votre ARS, créez une nouvelle campagne d'après elle.</translation>
    </message>
    <message>
      <source>Undo</source>
      <translation>Annuler</translation>
    </message>
    <message>
      <source>Unsaved changes</source>
      <translation>Modifications non enregistrées</translation>
    </message>
    <message>
      <source>Value: %1</source>
      <translation>Valeur : %1</translation>
    </message>
    <message>
      <source>Where this value usually is:</source>
      <translation>Où se trouve généralement cette valeur :</translation>
    </message>
    <message>
      <source>Where to find this value:</source>
      <translation>Où trouver cette valeur :</translation>
    </message>
    <message>
      <source>“%1” cannot name an amount: %2.</source>
      <translation>« %1 » ne peut pas nommer un montant : %2.</translation>
    </message>
  </context>
  <context>
    <name>CampaignSwitchDialog</name>
    <message>
      <source>&amp;Campaign:</source>
      <translation>&amp;Campagne :</translation>
    </message>
    <message>
      <source>Amounts typed in this dossier that this campaign does not have, and which will be dropped: %1.</source>
      <translation>Montants saisis dans ce dossier que cette campagne n'a pas, et qui seront abandonnés : %1.</translation>
    </message>
    <message>
      <source>C&amp;hange</source>
      <translation>C&amp;hanger</translation>
    </message>
    <message>
      <source>Campaign</source>
      <translation>Campagne</translation>
    </message>
    <message>
      <source>Change the campaign</source>
      <translation>Changer de campagne</translation>
    </message>
    <message>
      <source>No amount was typed in this dossier: nothing is dropped.</source>
      <translation>Aucun montant n'a été saisi dans ce dossier : rien n'est abandonné.</translation>
    </message>
    <message>
      <source>The %1 amount(s) typed in this dossier are kept.</source>
      <translation>Les %1 montant(s) saisi(s) dans ce dossier sont conservés.</translation>
    </message>
    <message>
      <source>The %1 other(s) are kept.</source>
      <translation>Les autres (%1) sont conservés.</translation>
    </message>
    <message>
      <source>This dossier follows the campaign “%1” (%2).</source>
      <translation>Ce dossier suit la campagne « %1 » (%2).</translation>
    </message>
    <message>
      <source>This dossier's campaign “%1” is not in this data folder. Choosing another one cannot be undone: to keep “%1”, import its file instead (File › Campaigns…).</source>
      <translation>La campagne « %1 » de ce dossier n'est pas dans ce dossier de données. En choisir une autre ne pourra pas être annulé : pour garder « %1 », importez plutôt son fichier (Fichier › Campagnes…).</translation>
    </message>
    <message>
      <source>This is already the dossier's campaign.</source>
      <translation>C'est déjà la campagne du dossier.</translation>
    </message>
    <message>
      <source>Total of the dossier with this campaign: %1.</source>
      <translation>Total du dossier avec cette campagne : %1.</translation>
    </message>
    <message>
      <source>your campaign</source>
      <translation>campagne de l'utilisateur</translation>
    </message>
  </context>
  <context>
    <name>CampaignTree</name>
    <message>
      <source>(not set)</source>
      <translation>(non défini)</translation>
    </message>
    <message>
      <source>(not set: founding documents)</source>
      <translation>(non défini : documents fondateurs)</translation>
    </message>
    <message>
      <source>Band %1</source>
      <translation>Palier %1</translation>
    </message>
    <message>
      <source>Change %1</source>
      <translation>Modifier %1</translation>
    </message>
    <message>
      <source>Identity</source>
      <translation>Identité</translation>
    </message>
    <message>
      <source>Item</source>
      <translation>Élément</translation>
    </message>
    <message>
      <source>Line %1</source>
      <translation>Ligne %1</translation>
    </message>
    <message>
      <source>Note %1</source>
      <translation>Remarque %1</translation>
    </message>
    <message>
      <source>Payment %1</source>
      <translation>Versement %1</translation>
    </message>
    <message>
      <source>Reminder %1</source>
      <translation>Rappel %1</translation>
    </message>
    <message>
      <source>Source</source>
      <translation>Source</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>Statut</translation>
    </message>
    <message>
      <source>Step %1</source>
      <translation>Étape %1</translation>
    </message>
    <message>
      <source>Type the value first, then its status or source.</source>
      <translation>Saisissez d'abord la valeur, puis son statut ou sa source.</translation>
    </message>
    <message>
      <source>Value</source>
      <translation>Valeur</translation>
    </message>
    <message>
      <source>a first rank (50) or a first and last rank (1-49) is expected</source>
      <translation>un premier rang (50) ou un premier et un dernier rang (1-49) est attendu</translation>
    </message>
    <message>
      <source>a note cannot be empty</source>
      <translation>une remarque ne peut pas être vide</translation>
    </message>
    <message>
      <source>a percentage between 0 and 100 is expected (e.g. 50 or 33,5)</source>
      <translation>un pourcentage entre 0 et 100 est attendu (par exemple 50 ou 33,5)</translation>
    </message>
    <message>
      <source>a positive number is expected (1,2 for +20 %)</source>
      <translation>un nombre positif est attendu (1,2 pour +20 %)</translation>
    </message>
    <message>
      <source>an amount of this name already exists</source>
      <translation>un montant de ce nom existe déjà</translation>
    </message>
    <message>
      <source>from %1</source>
      <translation>à partir du %1</translation>
    </message>
    <message>
      <source>from %1 on</source>
      <translation>%1 et au-delà</translation>
    </message>
    <message>
      <source>lower-case letters without accents, digits and _ only (e.g. acquisition_2026)</source>
      <translation>lettres minuscules sans accent, chiffres et _ seulement (par exemple acquisition_2026)</translation>
    </message>
    <message>
      <source>no</source>
      <translation>non</translation>
    </message>
    <message>
      <source>no date</source>
      <translation>sans date</translation>
    </message>
    <message>
      <source>not set</source>
      <translation>non défini</translation>
    </message>
    <message>
      <source>not set (yes by default)</source>
      <translation>non défini (oui par défaut)</translation>
    </message>
    <message>
      <source>the last rank comes before the first</source>
      <translation>le dernier rang précède le premier</translation>
    </message>
    <message>
      <source>this row has the problem shown under the tree</source>
      <translation>cette ligne a le problème affiché sous l'arbre</translation>
    </message>
    <message>
      <source>this value is required</source>
      <translation>cette valeur est obligatoire</translation>
    </message>
    <message>
      <source>to be filled in</source>
      <translation>à renseigner</translation>
    </message>
    <message>
      <source>to be filled in (provisional: %1)</source>
      <translation>à renseigner (provisoire : %1)</translation>
    </message>
    <message>
      <source>unknown status</source>
      <translation>statut inconnu</translation>
    </message>
    <message>
      <source>until %1</source>
      <translation>jusqu'au %1</translation>
    </message>
    <message>
      <source>yes</source>
      <translation>oui</translation>
    </message>
    <message>
      <source>“%1” is not one of: %2</source>
      <translation>« %1 » n'est pas l'une des valeurs : %2</translation>
    </message>
    <message>
      <source>“%1” was not kept (%2, %3): %4. The previous value stays.</source>
      <translation>« %1 » n'a pas été retenu (%2, %3) : %4. L'ancienne valeur reste.</translation>
    </message>
  </context>
  <context>
    <name>CampaignsDialog</name>
    <message>
      <source>&amp;Delete</source>
      <translation>&amp;Supprimer</translation>
    </message>
    <message>
      <source>&amp;Import…</source>
      <translation>&amp;Importer…</translation>
    </message>
    <message>
      <source>&amp;New campaign based on…</source>
      <translation>&amp;Nouvelle campagne d'après…</translation>
    </message>
    <message>
      <source>&amp;Replace</source>
      <translation>&amp;Remplacer</translation>
    </message>
    <message>
      <source>&amp;View…</source>
      <translation>&amp;Consulter…</translation>
    </message>
    <message>
      <source>Campaign files (*.toml)</source>
      <translation>Fichiers de campagne (*.toml)</translation>
    </message>
    <message>
      <source>Campaign files (*.toml);;All files (*)</source>
      <translation>Fichiers de campagne (*.toml);;Tous les fichiers (*)</translation>
    </message>
    <message>
      <source>Campaign not exported</source>
      <translation>Campagne non exportée</translation>
    </message>
    <message>
      <source>Campaign not imported</source>
      <translation>Campagne non importée</translation>
    </message>
    <message>
      <source>Campaign “%1” (%2) imported.</source>
      <translation>Campagne « %1 » (%2) importée.</translation>
    </message>
    <message>
      <source>Campaign “%1” created in %2.</source>
      <translation>Campagne « %1 » créée dans %2.</translation>
    </message>
    <message>
      <source>Campaign “%1” deleted: its file was set aside as %2.</source>
      <translation>Campagne « %1 » supprimée : son fichier a été mis de côté sous %2.</translation>
    </message>
    <message>
      <source>Campaign “%1” exported to %2.</source>
      <translation>Campagne « %1 » exportée dans %2.</translation>
    </message>
    <message>
      <source>Campaigns</source>
      <translation>Campagnes</translation>
    </message>
    <message>
      <source>Campaigns — esms-desktop</source>
      <translation>Campagnes — esms-desktop</translation>
    </message>
    <message>
      <source>Close</source>
      <translation>Fermer</translation>
    </message>
    <message>
      <source>Delete the campaign</source>
      <translation>Supprimer la campagne</translation>
    </message>
    <message>
      <source>Delete the campaign “%1”? Its file is set aside in the “supprimees” folder of your campaigns, not erased. Dossiers made with it keep their values.</source>
      <translation>Supprimer la campagne « %1 » ? Son fichier est mis de côté dans le dossier « supprimees » de vos campagnes, pas effacé. Les dossiers faits avec elle gardent leurs valeurs.</translation>
    </message>
    <message>
      <source>E&amp;xport…</source>
      <translation>E&amp;xporter…</translation>
    </message>
    <message>
      <source>Edi&amp;t…</source>
      <translation>&amp;Modifier…</translation>
    </message>
    <message>
      <source>Export a campaign</source>
      <translation>Exporter une campagne</translation>
    </message>
    <message>
      <source>Import a campaign</source>
      <translation>Importer une campagne</translation>
    </message>
    <message>
      <source>The campaigns of the programme are models: they cannot be changed. Your own campaigns (a copy completed with your ARS's values, or a file someone gave you) are kept in %1.</source>
      <translation>Les campagnes du programme sont des modèles : elles ne se modifient pas. Vos campagnes (une copie complétée des valeurs de votre ARS, ou un fichier que l'on vous a donné) sont gardées dans %1.</translation>
    </message>
    <message>
      <source>The file %1 was not imported:

%2</source>
      <translation>Le fichier %1 n'a pas été importé :

%2</translation>
    </message>
    <message>
      <source>These files of your campaigns folder cannot be used (the other campaigns can):</source>
      <translation>Ces fichiers de votre dossier de campagnes ne peuvent pas servir (les autres campagnes, si) :</translation>
    </message>
  </context>
  <context>
    <name>CampaignsModel</name>
    <message>
      <source>Amounts to fill in</source>
      <translation>Montants à renseigner</translation>
    </message>
    <message>
      <source>File</source>
      <translation>Fichier</translation>
    </message>
    <message>
      <source>Identifier</source>
      <translation>Identifiant</translation>
    </message>
    <message>
      <source>Origin</source>
      <translation>Origine</translation>
    </message>
    <message>
      <source>Title</source>
      <translation>Titre</translation>
    </message>
    <message>
      <source>Year</source>
      <translation>Année</translation>
    </message>
    <message>
      <source>none</source>
      <translation>aucun</translation>
    </message>
    <message>
      <source>programme</source>
      <translation>programme</translation>
    </message>
    <message>
      <source>yours</source>
      <translation>utilisateur</translation>
    </message>
  </context>
  <context>
    <name>CheckingDelegate</name>
    <message>
      <source>this value cannot be used here</source>
      <translation>cette valeur ne peut pas être utilisée ici</translation>
    </message>
    <message>
      <source>“%1” was not kept (%2, row %3): %4. The cell keeps its previous value.</source>
      <translation>« %1 » n'a pas été retenu (%2, ligne %3) : %4. La cellule garde sa valeur précédente.</translation>
    </message>
  </context>
  <context>
    <name>ConventionDialog</name>
    <message>
      <source>&amp;Reference:</source>
      <translation>Ré&amp;férence :</translation>
    </message>
    <message>
      <source>Amount &amp;granted:</source>
      <translation>Montant &amp;accordé :</translation>
    </message>
    <message>
      <source>Convention signed</source>
      <translation>Convention signée</translation>
    </message>
    <message>
      <source>Signed &amp;on:</source>
      <translation>Signée &amp;le :</translation>
    </message>
    <message>
      <source>dd/mm/yyyy</source>
      <translation>jj/mm/aaaa</translation>
    </message>
    <message>
      <source>the amount granted is needed</source>
      <translation>le montant accordé est nécessaire</translation>
    </message>
    <message>
      <source>the date the convention was signed is needed</source>
      <translation>la date de signature de la convention est nécessaire</translation>
    </message>
  </context>
  <context>
    <name>DossierView</name>
    <message>
      <source>%1 (%2) — %3</source>
      <translation>%1 (%2) — %3</translation>
    </message>
    <message>
      <source>%1 step(s) with a problem</source>
      <translation>%1 étape(s) avec un problème</translation>
    </message>
    <message>
      <source>%1 — %2 point(s) to see to</source>
      <translation>%1 — %2 point(s) à suivre</translation>
    </message>
    <message>
      <source>&amp;Change the campaign…</source>
      <translation>C&amp;hanger de campagne…</translation>
    </message>
    <message>
      <source>Annexes and export</source>
      <translation>Pièces et export</translation>
    </message>
    <message>
      <source>Budget</source>
      <translation>Budget</translation>
    </message>
    <message>
      <source>Campaign absent: nothing is computed.</source>
      <translation>Campagne absente : rien n'est calculé.</translation>
    </message>
    <message>
      <source>Change the campaign of the dossier</source>
      <translation>Changer la campagne du dossier</translation>
    </message>
    <message>
      <source>Change the campaign to %1</source>
      <translation>Passer à la campagne %1</translation>
    </message>
    <message>
      <source>Choose another campaign for this dossier; the amounts it would drop are named before you confirm, and Ctrl+Z undoes the change.</source>
      <translation>Choisir une autre campagne pour ce dossier ; les montants qu'elle abandonnerait sont nommés avant de confirmer, et Ctrl+Z annule le changement.</translation>
    </message>
    <message>
      <source>Complete</source>
      <translation>complet</translation>
    </message>
    <message>
      <source>Completeness: %1</source>
      <translation>Complétude : %1</translation>
    </message>
    <message>
      <source>DUI solution</source>
      <translation>Solution DUI</translation>
    </message>
    <message>
      <source>Eligibility: %1 — %2 ESSMS counted</source>
      <translation>Éligibilité : %1 — %2 ESSMS comptés</translation>
    </message>
    <message>
      <source>Eligible</source>
      <translation>Éligible</translation>
    </message>
    <message>
      <source>Eligible and complete</source>
      <translation>Éligible et complet</translation>
    </message>
    <message>
      <source>Eligible, dossier incomplete (%1 missing)</source>
      <translation>Éligible, dossier incomplet (%1 élément(s) manquant(s))</translation>
    </message>
    <message>
      <source>Filed: %1 — %2 ESSMS counted</source>
      <translation>Au dépôt : %1 — %2 ESSMS comptés</translation>
    </message>
    <message>
      <source>Follow-up: %1 point(s) to see to</source>
      <translation>Suivi : %1 point(s) à suivre</translation>
    </message>
    <message>
      <source>Follow-up: nothing left to do</source>
      <translation>Suivi : rien en attente</translation>
    </message>
    <message>
      <source>Grappe</source>
      <translation>Grappe</translation>
    </message>
    <message>
      <source>Incomplete: %1 item(s) missing</source>
      <translation>incomplet, %1 élément(s) manquant(s)</translation>
    </message>
    <message>
      <source>Not eligible</source>
      <translation>Non éligible</translation>
    </message>
    <message>
      <source>Not eligible, dossier incomplete (%1 missing)</source>
      <translation>Non éligible, dossier incomplet (%1 élément(s) manquant(s))</translation>
    </message>
    <message>
      <source>Phase: %1</source>
      <translation>Phase : %1</translation>
    </message>
    <message>
      <source>Porteur and project</source>
      <translation>Porteur et projet</translation>
    </message>
    <message>
      <source>Project follow-up</source>
      <translation>Suivi du projet</translation>
    </message>
    <message>
      <source>Received: %1 — still to come: %2</source>
      <translation>Reçu : %1 — reste à recevoir : %2</translation>
    </message>
    <message>
      <source>Record that you checked the budget under the campaign's new rules: the warning stops until the file changes again. Ctrl+Z undoes it.</source>
      <translation>Noter que vous avez vérifié le budget selon les nouvelles règles de la campagne : l'avertissement cesse jusqu'à la prochaine modification du fichier. Ctrl+Z l'annule.</translation>
    </message>
    <message>
      <source>Self-assessment</source>
      <translation>Autodiagnostic</translation>
    </message>
    <message>
      <source>Steps of the dossier</source>
      <translation>Étapes du dossier</translation>
    </message>
    <message>
      <source>Take the new &amp;version into account</source>
      <translation>Prendre en compte la nouvelle &amp;version</translation>
    </message>
    <message>
      <source>Take the new version of the campaign into account</source>
      <translation>Prendre en compte la nouvelle version de la campagne</translation>
    </message>
    <message>
      <source>To repair</source>
      <translation>À réparer</translation>
    </message>
    <message>
      <source>Usage targets and commitments</source>
      <translation>Cibles d'usage et engagements</translation>
    </message>
    <message>
      <source>What is left to do</source>
      <translation>Ce qu'il reste à faire</translation>
    </message>
    <message>
      <source>campaign “%1” absent from this data folder: import its file (File › Campaigns…) or change the campaign</source>
      <translation>campagne « %1 » absente de ce dossier de données : importez son fichier (Fichier › Campagnes…) ou changez de campagne</translation>
    </message>
    <message>
      <source>complete</source>
      <translation>complet</translation>
    </message>
    <message>
      <source>problem</source>
      <translation>problème</translation>
    </message>
    <message>
      <source>programme campaign</source>
      <translation>campagne du programme</translation>
    </message>
    <message>
      <source>to do</source>
      <translation>à faire</translation>
    </message>
    <message>
      <source>user's campaign</source>
      <translation>campagne de l'utilisateur</translation>
    </message>
  </context>
  <context>
    <name>DossiersModel</name>
    <message>
      <source>Campaign</source>
      <translation>Campagne</translation>
    </message>
    <message>
      <source>ESSMS</source>
      <translation>ESSMS</translation>
    </message>
    <message>
      <source>Last change</source>
      <translation>Dernière modification</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>Nom</translation>
    </message>
    <message>
      <source>Total</source>
      <translation>Total</translation>
    </message>
    <message>
      <source>Verdict</source>
      <translation>Verdict</translation>
    </message>
  </context>
  <context>
    <name>ErrorDialog</name>
    <message>
      <source>An unexpected error occurred in esms-desktop.</source>
      <translation>Une erreur inattendue s'est produite dans esms-desktop.</translation>
    </message>
    <message>
      <source>Close</source>
      <translation>Fermer</translation>
    </message>
    <message>
      <source>Copy the report</source>
      <translation>Copier le rapport</translation>
    </message>
    <message>
      <source>Details of the error</source>
      <translation>Détails de l'erreur</translation>
    </message>
    <message>
      <source>Hide the details</source>
      <translation>Masquer les détails</translation>
    </message>
    <message>
      <source>No log could be written: the data folder cannot be written to.</source>
      <translation>Aucun journal n'a pu être écrit : le dossier des données n'est pas accessible en écriture.</translation>
    </message>
    <message>
      <source>Show the details</source>
      <translation>Afficher les détails</translation>
    </message>
    <message>
      <source>The log is in: %1</source>
      <translation>Le journal se trouve dans : %1</translation>
    </message>
    <message>
      <source>The report is in the clipboard: paste it into your message to support.</source>
      <translation>Le rapport est dans le presse-papiers : collez-le dans votre message à l'assistance.</translation>
    </message>
    <message>
      <source>The work already saved is kept: esms-desktop saves each change as soon as it is made. You can close this message and carry on; if the error comes back, restart esms-desktop.</source>
      <translation>Le travail déjà enregistré est conservé : esms-desktop enregistre chaque modification dès qu'elle est faite. Vous pouvez fermer ce message et continuer ; si l'erreur se reproduit, redémarrez esms-desktop.</translation>
    </message>
    <message>
      <source>esms-desktop</source>
      <translation>esms-desktop</translation>
    </message>
    <message>
      <source>esms-desktop closed unexpectedly the last time it was used. Your saved work has been kept. The log is in: %1</source>
      <translation>esms-desktop s'est fermé de façon inattendue lors de la dernière utilisation. Votre travail enregistré a été conservé. Le journal se trouve dans : %1</translation>
    </message>
    <message>
      <source>esms-desktop: unexpected error</source>
      <translation>esms-desktop : erreur inattendue</translation>
    </message>
  </context>
  <context>
    <name>EstablishmentsModel</name>
    <message>
      <source>Acquisition</source>
      <translation>Acquisition</translation>
    </message>
    <message>
      <source>Amount</source>
      <translation>Montant</translation>
    </message>
    <message>
      <source>Capacity</source>
      <translation>Capacité</translation>
    </message>
    <message>
      <source>Category</source>
      <translation>Catégorie</translation>
    </message>
    <message>
      <source>Compliance upgrade</source>
      <translation>Mise en conformité</translation>
    </message>
    <message>
      <source>Core services</source>
      <translation>Services socles</translation>
    </message>
    <message>
      <source>Current DUI</source>
      <translation>DUI actuel</translation>
    </message>
    <message>
      <source>DUI solution</source>
      <translation>Solution DUI</translation>
    </message>
    <message>
      <source>Edit %1 of %2</source>
      <translation>Modifier %1 : %2</translation>
    </message>
    <message>
      <source>Eligible hours</source>
      <translation>Heures éligibles</translation>
    </message>
    <message>
      <source>Equipment</source>
      <translation>Équipement</translation>
    </message>
    <message>
      <source>FINESS</source>
      <translation>FINESS</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>Nom</translation>
    </message>
    <message>
      <source>No</source>
      <translation>Non</translation>
    </message>
    <message>
      <source>No DUI</source>
      <translation>Pas de DUI</translation>
    </message>
    <message>
      <source>None</source>
      <translation>Aucun</translation>
    </message>
    <message>
      <source>Not Ségur-referenced</source>
      <translation>Non référencé Ségur</translation>
    </message>
    <message>
      <source>Not counted</source>
      <translation>Non compté</translation>
    </message>
    <message>
      <source>Not funded</source>
      <translation>Non financé</translation>
    </message>
    <message>
      <source>Organisation</source>
      <translation>Organisme</translation>
    </message>
    <message>
      <source>Project</source>
      <translation>Projet</translation>
    </message>
    <message>
      <source>Sector</source>
      <translation>Secteur</translation>
    </message>
    <message>
      <source>Ségur-referenced</source>
      <translation>Référencé Ségur</translation>
    </message>
    <message>
      <source>Unknown</source>
      <translation>Inconnue</translation>
    </message>
    <message>
      <source>Yes</source>
      <translation>Oui</translation>
    </message>
    <message>
      <source>to be filled in</source>
      <translation>à renseigner</translation>
    </message>
  </context>
  <context>
    <name>ExportView</name>
    <message>
      <source>&amp;Attach a file…</source>
      <translation>&amp;Joindre un fichier…</translation>
    </message>
    <message>
      <source>&amp;Grappe agreement (PDF)…</source>
      <translation>Convention de &amp;grappe (PDF)…</translation>
    </message>
    <message>
      <source>&amp;Letter of commitment (PDF)…</source>
      <translation>&amp;Lettre d'engagement (PDF)…</translation>
    </message>
    <message>
      <source>&amp;Open the last export</source>
      <translation>&amp;Ouvrir le dernier export</translation>
    </message>
    <message>
      <source>&lt;h2&gt;Annexes and export&lt;/h2&gt;</source>
      <translation>&lt;h2&gt;Pièces et export&lt;/h2&gt;</translation>
    </message>
    <message>
      <source>Agreement written: %1.</source>
      <translation>Convention écrite : %1.</translation>
    </message>
    <message>
      <source>All files (*)</source>
      <translation>Tous les fichiers (*)</translation>
    </message>
    <message>
      <source>Annex checklist</source>
      <translation>Liste des pièces à joindre</translation>
    </message>
    <message>
      <source>Attach %1</source>
      <translation>Joindre %1</translation>
    </message>
    <message>
      <source>Attach a file</source>
      <translation>Joindre un fichier</translation>
    </message>
    <message>
      <source>Blank partner &amp;form (PDF)…</source>
      <translation>For&amp;mulaire partenaire vierge (PDF)…</translation>
    </message>
    <message>
      <source>CSV (*.csv)</source>
      <translation>CSV (*.csv)</translation>
    </message>
    <message>
      <source>Candidature dossier (&amp;PDF)…</source>
      <translation>Dossier de candidature (&amp;PDF)…</translation>
    </message>
    <message>
      <source>Dossier ready to print (%1 pages).</source>
      <translation>Dossier prêt à imprimer (%1 pages).</translation>
    </message>
    <message>
      <source>Excel workbook (*.xlsx);;CSV (*.csv)</source>
      <translation>Classeur Excel (*.xlsx);;CSV (*.csv)</translation>
    </message>
    <message>
      <source>Exchange file written: %1.</source>
      <translation>Fichier d'échange enregistré : %1.</translation>
    </message>
    <message>
      <source>Export a draft anyway? Its pages will be marked “DRAFT”.</source>
      <translation>Exporter quand même un brouillon ? Ses pages porteront la mention « BROUILLON ».</translation>
    </message>
    <message>
      <source>Export failed</source>
      <translation>Échec de l'export</translation>
    </message>
    <message>
      <source>Export the blank partner form</source>
      <translation>Exporter le formulaire partenaire vierge</translation>
    </message>
    <message>
      <source>Export the candidature dossier</source>
      <translation>Exporter le dossier de candidature</translation>
    </message>
    <message>
      <source>Export the dossier</source>
      <translation>Exporter le dossier</translation>
    </message>
    <message>
      <source>Export the grappe</source>
      <translation>Exporter la grappe</translation>
    </message>
    <message>
      <source>Export the grappe agreement</source>
      <translation>Exporter la convention de grappe</translation>
    </message>
    <message>
      <source>Export the letter of commitment</source>
      <translation>Exporter la lettre d'engagement</translation>
    </message>
    <message>
      <source>Export the organisation's part</source>
      <translation>Exporter la part de l'organisme</translation>
    </message>
    <message>
      <source>Export the table for the online filing</source>
      <translation>Exporter le tableau pour le dépôt en ligne</translation>
    </message>
    <message>
      <source>Exports</source>
      <translation>Exports</translation>
    </message>
    <message>
      <source>Form written: %1.</source>
      <translation>Formulaire enregistré : %1.</translation>
    </message>
    <message>
      <source>Grappe as a spreadsheet (&amp;CSV)…</source>
      <translation>Grappe au format tableur (&amp;CSV)…</translation>
    </message>
    <message>
      <source>Incomplete dossier</source>
      <translation>Dossier incomplet</translation>
    </message>
    <message>
      <source>Letter written: %1.</source>
      <translation>Lettre écrite : %1.</translation>
    </message>
    <message>
      <source>No temporary folder to prepare the printing in: %1</source>
      <translation>Aucun dossier temporaire pour préparer l’impression : %1</translation>
    </message>
    <message>
      <source>One organisation's part</source>
      <translation>Part d'un organisme</translation>
    </message>
    <message>
      <source>One organisation's part (.esms)…</source>
      <translation>Part d'un organisme (.esms)…</translation>
    </message>
    <message>
      <source>One row per ESSMS with its amount, as the online aid request (GALIS, « PAI numérique ») asks for it, and a summary sheet to copy field by field.</source>
      <translation>Une ligne par ESSMS avec son montant, comme le demande la demande d'aide en ligne (GALIS, « PAI numérique »), et une feuille récapitulative à recopier champ par champ.</translation>
    </message>
    <message>
      <source>Open the file</source>
      <translation>Ouvrir le fichier</translation>
    </message>
    <message>
      <source>Organisation:</source>
      <translation>Organisme gestionnaire :</translation>
    </message>
    <message>
      <source>PDF (*.pdf)</source>
      <translation>PDF (*.pdf)</translation>
    </message>
    <message>
      <source>PDF written: %1 (%2 pages).</source>
      <translation>PDF enregistré : %1 (%2 pages).</translation>
    </message>
    <message>
      <source>Pr&amp;int…</source>
      <translation>&amp;Imprimer…</translation>
    </message>
    <message>
      <source>Preparing the dossier for printing…</source>
      <translation>Préparation du dossier pour l’impression…</translation>
    </message>
    <message>
      <source>Previe&amp;w…</source>
      <translation>Aperç&amp;u…</translation>
    </message>
    <message>
      <source>Preview the candidature dossier and print it (Ctrl+P).</source>
      <translation>Aperçu du dossier de candidature, puis impression (Ctrl+P).</translation>
    </message>
    <message>
      <source>Remove the file</source>
      <translation>Retirer le fichier</translation>
    </message>
    <message>
      <source>Select a document of the checklist first.</source>
      <translation>Sélectionnez d'abord une pièce de la liste.</translation>
    </message>
    <message>
      <source>Some of its fields are still to complete: its pages are marked “DRAFT”.</source>
      <translation>Certains champs restent à compléter : ses pages portent la mention « PROJET — non finalisé ».</translation>
    </message>
    <message>
      <source>Spreadsheet written: %1.</source>
      <translation>Tableur enregistré : %1.</translation>
    </message>
    <message>
      <source>Table for the online filing (&amp;XLSX)…</source>
      <translation>Tableau pour le dépôt en ligne (&amp;XLSX)…</translation>
    </message>
    <message>
      <source>The dossier is incomplete: %1 item(s) are missing.</source>
      <translation>Le dossier est incomplet : %1 élément(s) manquant(s).</translation>
    </message>
    <message>
      <source>Whole dossier (.&amp;esms)…</source>
      <translation>Dossier complet (.&amp;esms)…</translation>
    </message>
    <message>
      <source>Writing the PDF…</source>
      <translation>Écriture du PDF…</translation>
    </message>
    <message>
      <source>Writing the exchange file…</source>
      <translation>Écriture du fichier d'échange…</translation>
    </message>
    <message>
      <source>Writing the table…</source>
      <translation>Écriture du tableau…</translation>
    </message>
    <message>
      <source>esms-desktop exchange file (*.esms)</source>
      <translation>Fichier d'échange esms-desktop (*.esms)</translation>
    </message>
    <message>
      <source>“%1” is not opened directly: a file of this type could run a program. Its folder is shown instead; open it from there only if you trust where it comes from.</source>
      <translation>« %1 » n'est pas ouvert directement : un fichier de ce type pourrait lancer un programme. Son dossier est affiché à la place ; ouvrez-le depuis là seulement si vous avez confiance dans sa provenance.</translation>
    </message>
    <message>
      <source>… and %1 more (see the side bar)</source>
      <translation>… et %1 autre(s) (voir la barre latérale)</translation>
    </message>
  </context>
  <context>
    <name>FileIntake</name>
    <message>
      <source>%1 files were given at once: %2.

Several .esms files can be opened together; a spreadsheet or a FINESS file is opened alone. Nothing was done.</source>
      <translation>%1 fichiers ont été donnés à la fois : %2.

Plusieurs fichiers .esms peuvent être ouverts ensemble ; un tableur ou un fichier FINESS s’ouvre seul. Rien n’a été fait.</translation>
    </message>
    <message>
      <source>File not found</source>
      <translation>Fichier introuvable</translation>
    </message>
    <message>
      <source>File not opened</source>
      <translation>Fichier non ouvert</translation>
    </message>
    <message>
      <source>Files not opened</source>
      <translation>Fichiers non ouverts</translation>
    </message>
    <message>
      <source>Import establishments</source>
      <translation>Importer des établissements</translation>
    </message>
    <message>
      <source>Merge a partner's file</source>
      <translation>Fusionner le fichier d’un partenaire</translation>
    </message>
    <message>
      <source>The file “%1” cannot be found: it was moved or deleted.</source>
      <translation>Le fichier « %1 » est introuvable : il a été déplacé ou supprimé.</translation>
    </message>
    <message>
      <source>The open dossier cannot take the establishments of “%1”: its campaign is absent from this data folder or it must be repaired first. Go back to the home page to start a new dossier from the file.</source>
      <translation>Le dossier ouvert ne peut pas recevoir les établissements de « %1 » : sa campagne est absente de ce dossier de données, ou il doit d’abord être réparé. Revenez à l’accueil pour créer un nouveau dossier à partir du fichier.</translation>
    </message>
    <message>
      <source>This dossier cannot take the file “%1” now: its campaign is absent from this data folder or it must be repaired first.</source>
      <translation>Ce dossier ne peut pas recevoir le fichier « %1 » pour l’instant : sa campagne est absente de ce dossier de données, ou il doit d’abord être réparé.</translation>
    </message>
    <message>
      <source>“%1” is not a file esms-desktop opens.

Accepted: an exchange file (.esms), a grappe spreadsheet (.csv, .xlsx, .xls, .ods), a file of the FINESS register (.csv, .json, .gz, .txt).</source>
      <translation>« %1 » n’est pas un fichier qu’esms-desktop sait ouvrir.

Acceptés : un fichier d’échange (.esms), un tableur de grappe (.csv, .xlsx, .xls, .ods), un fichier du répertoire FINESS (.csv, .json, .gz, .txt).</translation>
    </message>
  </context>
  <context>
    <name>FilePage</name>
    <message>
      <source>&amp;Browse…</source>
      <translation>&amp;Parcourir…</translation>
    </message>
    <message>
      <source>&amp;File:</source>
      <translation>&amp;Fichier :</translation>
    </message>
    <message>
      <source>&amp;Load it and choose the establishments</source>
      <translation>&amp;Le charger et choisir les établissements</translation>
    </message>
    <message>
      <source>A FINESS register file</source>
      <translation>Un fichier du répertoire FINESS</translation>
    </message>
    <message>
      <source>A grappe spreadsheet (.csv, .xlsx, .xls or .ods, the “modèle” format), an export of the FINESS website, the national FINESS extract, or the ANS FINESS JSON file.</source>
      <translation>Un tableur de grappe (.csv, .xlsx, .xls ou .ods, au format « modèle »), un export du site FINESS, l’extraction nationale FINESS ou le fichier JSON FINESS de l’ANS.</translation>
    </message>
    <message>
      <source>Choose the file</source>
      <translation>Choisir le fichier</translation>
    </message>
    <message>
      <source>File to import</source>
      <translation>Fichier à importer</translation>
    </message>
    <message>
      <source>Grappe or FINESS files (*.csv *.xlsx *.xls *.ods *.json *.gz);;All files (*)</source>
      <translation>Fichiers de grappe ou FINESS (*.csv *.xlsx *.xls *.ods *.json *.gz);;Tous les fichiers (*)</translation>
    </message>
    <message>
      <source>Import a file</source>
      <translation>Importer un fichier</translation>
    </message>
    <message>
      <source>“%1” is a file of the FINESS register: it lists every establishment of a region or of France, and added whole it would make hundreds of organisations without a name.

Load it as the FINESS register of this computer, then search and tick the establishments of the grappe and choose their organisation?</source>
      <translation>« %1 » est un fichier du répertoire FINESS : il liste tous les établissements d’une région ou de la France, et l’ajouter en entier créerait des centaines d’organismes sans nom.

Le charger comme répertoire FINESS de cet ordinateur, puis rechercher et cocher les établissements de la grappe et choisir leur organisme ?</translation>
    </message>
  </context>
  <context>
    <name>FiledGuardEditor</name>
    <message>
      <source>Amendment — %1</source>
      <translation>Avenant — %1</translation>
    </message>
    <message>
      <source>a part of the filed candidature</source>
      <translation>une partie de la candidature déposée</translation>
    </message>
  </context>
  <context>
    <name>FinessDialog</name>
    <message>
      <source>%1 establishment(s) added.</source>
      <translation>%1 établissement(s) ajouté(s).</translation>
    </message>
    <message>
      <source>%1 left out (already in the grappe or closed).</source>
      <translation>%1 laissé(s) de côté (déjà dans la grappe ou fermé(s)).</translation>
    </message>
    <message>
      <source>&amp;Add the selection</source>
      <translation>&amp;Ajouter la sélection</translation>
    </message>
    <message>
      <source>&amp;Close</source>
      <translation>&amp;Fermer</translation>
    </message>
    <message>
      <source>&amp;Search:</source>
      <translation>&amp;Rechercher :</translation>
    </message>
    <message>
      <source>Add %1 establishment(s) from FINESS</source>
      <translation>Ajouter %1 établissement(s) depuis FINESS</translation>
    </message>
    <message>
      <source>Add &amp;to:</source>
      <translation>Ajouter &amp;à :</translation>
    </message>
    <message>
      <source>Add a legal entity from FINESS (%1 establishment(s))</source>
      <translation>Ajouter une entité juridique depuis FINESS (%1 établissement(s))</translation>
    </message>
    <message>
      <source>Add from the FINESS register</source>
      <translation>Ajouter depuis le répertoire FINESS</translation>
    </message>
    <message>
      <source>Add the whole &amp;legal entity</source>
      <translation>Ajouter toute l'entité &amp;juridique</translation>
    </message>
    <message>
      <source>Category</source>
      <translation>Catégorie</translation>
    </message>
    <message>
      <source>Establishments found</source>
      <translation>Établissements trouvés</translation>
    </message>
    <message>
      <source>Every open establishment of the selected row's FINESS juridique, as one organisation</source>
      <translation>Tous les établissements ouverts du FINESS juridique de la ligne sélectionnée, comme un seul organisme</translation>
    </message>
    <message>
      <source>FINESS</source>
      <translation>FINESS</translation>
    </message>
    <message>
      <source>FINESS (legal entity)</source>
      <translation>FINESS juridique</translation>
    </message>
    <message>
      <source>FINESS register</source>
      <translation>Répertoire FINESS</translation>
    </message>
    <message>
      <source>Keep “%1” if this legal entity is the porteur typed on the Porteur page.</source>
      <translation>Gardez « %1 » si cette entité juridique est le porteur saisi sur la page Porteur.</translation>
    </message>
    <message>
      <source>Loading %1…</source>
      <translation>Chargement de %1…</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>Nom</translation>
    </message>
    <message>
      <source>Name of the organisation</source>
      <translation>Nom de l’organisme</translation>
    </message>
    <message>
      <source>New organisation(s): %1.</source>
      <translation>Nouvel(s) organisme(s) : %1.</translation>
    </message>
    <message>
      <source>No FINESS register is loaded on this computer: use File › Load the FINESS register… first.</source>
      <translation>Aucun répertoire FINESS n'est chargé sur cet ordinateur : utilisez d'abord Fichier › Charger le répertoire FINESS…</translation>
    </message>
    <message>
      <source>Nothing added: the organisation has no name.</source>
      <translation>Rien n’a été ajouté : l’organisme n’a pas de nom.</translation>
    </message>
    <message>
      <source>Nothing to add: already in the grappe or closed.</source>
      <translation>Rien à ajouter : déjà dans la grappe ou fermé.</translation>
    </message>
    <message>
      <source>Organisation receiving the establishments</source>
      <translation>Organisme qui reçoit les établissements</translation>
    </message>
    <message>
      <source>Register loaded: %1</source>
      <translation>Répertoire chargé : %1</translation>
    </message>
    <message>
      <source>Search the FINESS register</source>
      <translation>Rechercher dans le répertoire FINESS</translation>
    </message>
    <message>
      <source>Select an establishment whose FINESS juridique is known.</source>
      <translation>Sélectionnez un établissement dont le FINESS juridique est connu.</translation>
    </message>
    <message>
      <source>State</source>
      <translation>État</translation>
    </message>
    <message>
      <source>The FINESS register does not give the name of the legal entity %1. Name of this organisation (organisme gestionnaire):</source>
      <translation>Le répertoire FINESS ne donne pas le nom de l’entité juridique %1. Nom de cet organisme gestionnaire :</translation>
    </message>
    <message>
      <source>Town</source>
      <translation>Commune</translation>
    </message>
    <message>
      <source>closed</source>
      <translation>fermé</translation>
    </message>
    <message>
      <source>name, town or FINESS number</source>
      <translation>nom, commune ou numéro FINESS</translation>
    </message>
    <message>
      <source>open</source>
      <translation>ouvert</translation>
    </message>
    <message>
      <source>the organisation of its FINESS juridique</source>
      <translation>l'organisme de son FINESS juridique</translation>
    </message>
  </context>
  <context>
    <name>FollowUpView</name>
    <message>
      <source> (porteur)</source>
      <translation> (porteur)</translation>
    </message>
    <message>
      <source> — convention signed on %1, %2 granted</source>
      <translation> — convention signée le %1, %2 accordés</translation>
    </message>
    <message>
      <source>&amp;Close the project (last payment)</source>
      <translation>&amp;Solder le projet (dernier versement)</translation>
    </message>
    <message>
      <source>&amp;Indicator:</source>
      <translation>Indi&amp;cateur :</translation>
    </message>
    <message>
      <source>&amp;Mark as filed</source>
      <translation>&amp;Marquer comme déposé</translation>
    </message>
    <message>
      <source>&amp;Usage targets report (PDF)…</source>
      <translation>Ra&amp;pport d’atteinte des cibles (PDF)…</translation>
    </message>
    <message>
      <source>Add a t&amp;ransfer</source>
      <translation>A&amp;jouter un reversement</translation>
    </message>
    <message>
      <source>Add a transfer</source>
      <translation>Ajouter un reversement</translation>
    </message>
    <message>
      <source>Add the ne&amp;xt month</source>
      <translation>Ajouter le m&amp;ois suivant</translation>
    </message>
    <message>
      <source>After the candidature: the ARS's decision, the tranches received, each ESSMS's milestones and the usage indicators the last payment depends on. Each change is one step Ctrl+Z undoes.</source>
      <translation>Après la candidature : la décision de l’ARS, les tranches reçues, les jalons de chaque ESSMS et les indicateurs d’usage dont dépend le dernier versement. Chaque modification est une étape que Ctrl+Z annule.</translation>
    </message>
    <message>
      <source>Amount</source>
      <translation>Montant</translation>
    </message>
    <message>
      <source>Close the project</source>
      <translation>Solder le projet</translation>
    </message>
    <message>
      <source>Condition</source>
      <translation>Condition</translation>
    </message>
    <message>
      <source>De&amp;lete the transfer</source>
      <translation>Supprimer &amp;le reversement</translation>
    </message>
    <message>
      <source>Deployment done</source>
      <translation>Déploiement terminé</translation>
    </message>
    <message>
      <source>Deployment planned</source>
      <translation>Déploiement prévu</translation>
    </message>
    <message>
      <source>ESSMS</source>
      <translation>ESSMS</translation>
    </message>
    <message>
      <source>Edit a milestone</source>
      <translation>Modifier un jalon</translation>
    </message>
    <message>
      <source>Edit a tranche</source>
      <translation>Modifier une tranche</translation>
    </message>
    <message>
      <source>Edit a transfer</source>
      <translation>Modifier un reversement</translation>
    </message>
    <message>
      <source>Enter an indicator value</source>
      <translation>Saisir une valeur d’indicateur</translation>
    </message>
    <message>
      <source>Enter the threshold of my co&amp;nvention…</source>
      <translation>Saisir le se&amp;uil de ma convention…</translation>
    </message>
    <message>
      <source>Enter the threshold of the convention</source>
      <translation>Saisir le seuil de la convention</translation>
    </message>
    <message>
      <source>Expected</source>
      <translation>Attendu</translation>
    </message>
    <message>
      <source>FINESS EJ</source>
      <translation>FINESS EJ</translation>
    </message>
    <message>
      <source>Im&amp;port indicators…</source>
      <translation>&amp;Importer des indicateurs…</translation>
    </message>
    <message>
      <source>Import indicators</source>
      <translation>Importer des indicateurs</translation>
    </message>
    <message>
      <source>Indicator</source>
      <translation>Indicateur</translation>
    </message>
    <message>
      <source>Indicators not imported</source>
      <translation>Indicateurs non importés</translation>
    </message>
    <message>
      <source>Mark the candidature as filed</source>
      <translation>Marquer la candidature comme déposée</translation>
    </message>
    <message>
      <source>Member OG</source>
      <translation>OG membre</translation>
    </message>
    <message>
      <source>Member transfers</source>
      <translation>Reversements aux OG membres</translation>
    </message>
    <message>
      <source>Milestones per ESSMS</source>
      <translation>Jalons par ESSMS</translation>
    </message>
    <message>
      <source>Month %1 added: type its values in the grid.</source>
      <translation>Mois %1 ajouté : saisissez ses valeurs dans la grille.</translation>
    </message>
    <message>
      <source>N&amp;ot selected</source>
      <translation>&amp;Non retenu</translation>
    </message>
    <message>
      <source>No public source gives it: enter your convention's value</source>
      <translation>Aucune source publique ne le donne : saisissez celui de votre convention</translation>
    </message>
    <message>
      <source>Note</source>
      <translation>Note</translation>
    </message>
    <message>
      <source>Nothing was imported: the file holds these %1 problem(s).</source>
      <translation>Rien n’a été importé : le fichier contient ces %1 problème(s).</translation>
    </message>
    <message>
      <source>OG</source>
      <translation>OG</translation>
    </message>
    <message>
      <source>PDF (*.pdf)</source>
      <translation>PDF (*.pdf)</translation>
    </message>
    <message>
      <source>Paid on</source>
      <translation>Versé le</translation>
    </message>
    <message>
      <source>Passed on</source>
      <translation>Reversé</translation>
    </message>
    <message>
      <source>Payment &amp;statement (PDF)…</source>
      <translation>É&amp;tat des versements (PDF)…</translation>
    </message>
    <message>
      <source>Payment statement</source>
      <translation>État des versements</translation>
    </message>
    <message>
      <source>Payments</source>
      <translation>Versements</translation>
    </message>
    <message>
      <source>Phase</source>
      <translation>Phase</translation>
    </message>
    <message>
      <source>Phase: %1</source>
      <translation>Phase : %1</translation>
    </message>
    <message>
      <source>Problems of the file</source>
      <translation>Problèmes du fichier</translation>
    </message>
    <message>
      <source>Project follow-up</source>
      <translation>Suivi du projet</translation>
    </message>
    <message>
      <source>Received</source>
      <translation>Reçu</translation>
    </message>
    <message>
      <source>Received on</source>
      <translation>Reçu le</translation>
    </message>
    <message>
      <source>Received: %1 — remaining to be received: %2</source>
      <translation>Reçu : %1 — reste à recevoir : %2</translation>
    </message>
    <message>
      <source>Record that the dossier was not selected</source>
      <translation>Enregistrer que le dossier n’est pas retenu</translation>
    </message>
    <message>
      <source>Record the convention</source>
      <translation>Enregistrer la convention</translation>
    </message>
    <message>
      <source>Remove a transfer</source>
      <translation>Supprimer un reversement</translation>
    </message>
    <message>
      <source>Reports</source>
      <translation>Rapports</translation>
    </message>
    <message>
      <source>Selec&amp;ted (convention signed)…</source>
      <translation>&amp;Retenu (convention signée)…</translation>
    </message>
    <message>
      <source>Set-up and deployment of each ESSMS: planned and done dates, typed as dd/mm/yyyy.</source>
      <translation>Paramétrage et déploiement de chaque ESSMS : dates prévues et réalisées, au format jj/mm/aaaa.</translation>
    </message>
    <message>
      <source>Set-up done</source>
      <translation>Paramétrage terminé</translation>
    </message>
    <message>
      <source>Set-up planned</source>
      <translation>Paramétrage prévu</translation>
    </message>
    <message>
      <source>Share of the grant</source>
      <translation>Part de l’aide</translation>
    </message>
    <message>
      <source>Share of the tranches received</source>
      <translation>Part des tranches reçues</translation>
    </message>
    <message>
      <source>Shares of each OG</source>
      <translation>Parts de chaque OG</translation>
    </message>
    <message>
      <source>Spreadsheets (*.csv *.xlsx *.xls *.ods);;All files (*)</source>
      <translation>Tableurs (*.csv *.xlsx *.xls *.ods);;Tous les fichiers (*)</translation>
    </message>
    <message>
      <source>Start &amp;deployment</source>
      <translation>&amp;Démarrer le déploiement</translation>
    </message>
    <message>
      <source>Start the deployment</source>
      <translation>Démarrer le déploiement</translation>
    </message>
    <message>
      <source>Still owed</source>
      <translation>Reste dû</translation>
    </message>
    <message>
      <source>The candidature was filed on %1: its steps now keep what was filed; a change there is refused or becomes an amendment.</source>
      <translation>La candidature a été déposée le %1 : ses étapes gardent désormais ce qui a été déposé ; une modification y est refusée ou devient un avenant.</translation>
    </message>
    <message>
      <source>The tranches appear once the convention is recorded (« Selected »).</source>
      <translation>Les tranches apparaissent une fois la convention enregistrée (« Retenu »).</translation>
    </message>
    <message>
      <source>Threshold typed from your signed convention</source>
      <translation>Seuil saisi d’après votre convention signée</translation>
    </message>
    <message>
      <source>Trajectory of the project against the threshold</source>
      <translation>Trajectoire du projet face au seuil</translation>
    </message>
    <message>
      <source>Tranche</source>
      <translation>Tranche</translation>
    </message>
    <message>
      <source>Tranches</source>
      <translation>Tranches</translation>
    </message>
    <message>
      <source>Usage indicators</source>
      <translation>Indicateurs d’usage</translation>
    </message>
    <message>
      <source>Usage targets report</source>
      <translation>Rapport d’atteinte des cibles d’usage</translation>
    </message>
    <message>
      <source>Values per ESSMS and period</source>
      <translation>Valeurs par ESSMS et par période</translation>
    </message>
    <message>
      <source>What comes to each OG of the grappe:</source>
      <translation>Ce qui revient à chaque OG de la grappe :</translation>
    </message>
    <message>
      <source>What remains, and why</source>
      <translation>Ce qui reste, et pourquoi</translation>
    </message>
    <message>
      <source>What the porteur passed on to each member OG:</source>
      <translation>Ce que le porteur a reversé à chaque OG membre :</translation>
    </message>
    <message>
      <source>dd/mm/yyyy</source>
      <translation>jj/mm/aaaa</translation>
    </message>
    <message>
      <source>in euros, as on the convention</source>
      <translation>en euros, comme sur la convention</translation>
    </message>
    <message>
      <source>kept</source>
      <translation>conservée</translation>
    </message>
    <message>
      <source>no threshold</source>
      <translation>pas de seuil</translation>
    </message>
    <message>
      <source>row %1, column “%2”: %3</source>
      <translation>ligne %1, colonne « %2 » : %3</translation>
    </message>
    <message>
      <source>target %1</source>
      <translation>objectif %1</translation>
    </message>
    <message>
      <source>to be completed</source>
      <translation>à compléter</translation>
    </message>
    <message>
      <source>to be confirmed</source>
      <translation>à confirmer</translation>
    </message>
  </context>
  <context>
    <name>GrappeView</name>
    <message>
      <source>%1 establishment(s) declared attached to a GHT.</source>
      <translation>%1 établissement(s) déclaré(s) rattaché(s) à un GHT.</translation>
    </message>
    <message>
      <source>&amp;Organisations</source>
      <translation>&amp;Organismes gestionnaires</translation>
    </message>
    <message>
      <source>&lt;b&gt;Findings&lt;/b&gt; — %1 ESSMS counted, %2</source>
      <translation>&lt;b&gt;Constats&lt;/b&gt; — %1 ESSMS comptés, %2</translation>
    </message>
    <message>
      <source>&lt;h2&gt;Grappe&lt;/h2&gt;</source>
      <translation>&lt;h2&gt;Grappe&lt;/h2&gt;</translation>
    </message>
    <message>
      <source>Add an establishment</source>
      <translation>Ajouter un établissement</translation>
    </message>
    <message>
      <source>Add an organisation</source>
      <translation>Ajouter un organisme</translation>
    </message>
    <message>
      <source>Add from the FINESS &amp;register…</source>
      <translation>Ajouter depuis le &amp;répertoire FINESS…</translation>
    </message>
    <message>
      <source>Attached to a &amp;GHT (keeps the hospital's DUI)</source>
      <translation>Rattaché à un &amp;GHT (garde le DUI de l'hôpital)</translation>
    </message>
    <message>
      <source>Attached to a GHT (keeps the hospital's DUI)</source>
      <translation>Rattaché à un GHT (garde le DUI de l'hôpital)</translation>
    </message>
    <message>
      <source>Bring in the .esms file a partner organisation filled in on its own computer</source>
      <translation>Reprendre le fichier .esms qu'un organisme partenaire a rempli sur son propre ordinateur</translation>
    </message>
    <message>
      <source>Declare %1 establishment(s) attached to a GHT</source>
      <translation>Déclarer %1 établissement(s) rattaché(s) à un GHT</translation>
    </message>
    <message>
      <source>Declare the selected establishments attached to a hospital group (GHT) whose DUI they keep, or withdraw the declaration; the findings say what it changes. Ctrl+Z undoes it.</source>
      <translation>Déclarer les établissements sélectionnés rattachés à un groupement hospitalier de territoire (GHT) dont ils gardent le DUI, ou retirer la déclaration ; les constats disent ce que cela change. Ctrl+Z l'annule.</translation>
    </message>
    <message>
      <source>Eligibility findings</source>
      <translation>Constats d'éligibilité</translation>
    </message>
    <message>
      <source>Es&amp;tablishments</source>
      <translation>É&amp;tablissements</translation>
    </message>
    <message>
      <source>Establishments of the grappe</source>
      <translation>Établissements de la grappe</translation>
    </message>
    <message>
      <source>Filter (name, FINESS, category…)</source>
      <translation>Filtrer (nom, FINESS, catégorie…)</translation>
    </message>
    <message>
      <source>Filter establishments</source>
      <translation>Filtrer les établissements</translation>
    </message>
    <message>
      <source>Find &amp;partners…</source>
      <translation>Trouver des &amp;partenaires…</translation>
    </message>
    <message>
      <source>Import a file…</source>
      <translation>Importer un fichier…</translation>
    </message>
    <message>
      <source>Member</source>
      <translation>Membre</translation>
    </message>
    <message>
      <source>Merge a partner's file</source>
      <translation>Fusionner le fichier d'un partenaire</translation>
    </message>
    <message>
      <source>Merge a partner's file…</source>
      <translation>Fusionner le fichier d'un partenaire…</translation>
    </message>
    <message>
      <source>Name of the organisation:</source>
      <translation>Nom de l'organisme :</translation>
    </message>
    <message>
      <source>Name of the porteur, the organisation that carries the candidature:</source>
      <translation>Nom du porteur, l'organisme qui porte la candidature :</translation>
    </message>
    <message>
      <source>New establishment</source>
      <translation>Nouvel établissement</translation>
    </message>
    <message>
      <source>No</source>
      <translation>Non</translation>
    </message>
    <message>
      <source>Organisations of the FINESS register around the porteur that could complete the grappe, with how the grappe would stand with each</source>
      <translation>Les organismes du répertoire FINESS autour du porteur qui pourraient compléter la grappe, et ce que deviendrait la grappe avec chacun</translation>
    </message>
    <message>
      <source>Organisations of the grappe</source>
      <translation>Organismes gestionnaires de la grappe</translation>
    </message>
    <message>
      <source>Porteur</source>
      <translation>Porteur</translation>
    </message>
    <message>
      <source>Remove %1 establishment(s)</source>
      <translation>Retirer %1 établissement(s)</translation>
    </message>
    <message>
      <source>Remove establishment</source>
      <translation>Retirer l'établissement</translation>
    </message>
    <message>
      <source>Remove organisation</source>
      <translation>Retirer l'organisme</translation>
    </message>
    <message>
      <source>Remove organisation %1</source>
      <translation>Retirer l'organisme %1</translation>
    </message>
    <message>
      <source>Search the FINESS register loaded on this computer and add establishments</source>
      <translation>Rechercher dans le répertoire FINESS chargé sur cet ordinateur et ajouter des établissements</translation>
    </message>
    <message>
      <source>Select one or more establishments with a valid FINESS number.</source>
      <translation>Sélectionnez un ou plusieurs établissements au numéro FINESS valide.</translation>
    </message>
    <message>
      <source>The porteur and its partner organisations, each with its establishments (ESSMS). Every change is saved at once and checked against the campaign's rules.</source>
      <translation>Le porteur et ses organismes partenaires, chacun avec ses établissements (ESSMS). Chaque modification est enregistrée aussitôt et vérifiée selon les règles de la campagne.</translation>
    </message>
    <message>
      <source>Withdraw the GHT declaration of %1 establishment(s)</source>
      <translation>Retirer la déclaration GHT de %1 établissement(s)</translation>
    </message>
    <message>
      <source>Yes</source>
      <translation>Oui</translation>
    </message>
    <message>
      <source>campaign rules met</source>
      <translation>règles de la campagne respectées</translation>
    </message>
    <message>
      <source>campaign rules not met</source>
      <translation>règles de la campagne non respectées</translation>
    </message>
    <message>
      <source>esms-desktop exchange file (*.esms)</source>
      <translation>Fichier d'échange esms-desktop (*.esms)</translation>
    </message>
  </context>
  <context>
    <name>HelpWindow</name>
    <message>
      <source>%1 — esms-desktop manual</source>
      <translation>%1 — manuel d’esms-desktop</translation>
    </message>
    <message>
      <source>Address to open in your browser: %1</source>
      <translation>Adresse à ouvrir dans votre navigateur : %1</translation>
    </message>
    <message>
      <source>Back</source>
      <translation>Précédent</translation>
    </message>
    <message>
      <source>Close the manual</source>
      <translation>Fermer le manuel</translation>
    </message>
    <message>
      <source>Contents</source>
      <translation>Sommaire</translation>
    </message>
    <message>
      <source>Contents of the manual</source>
      <translation>Sommaire du manuel</translation>
    </message>
    <message>
      <source>Excel workbook (*.xlsx);;CSV (*.csv)</source>
      <translation>Classeur Excel (*.xlsx);;CSV (*.csv)</translation>
    </message>
    <message>
      <source>Forward</source>
      <translation>Suivant</translation>
    </message>
    <message>
      <source>Manual</source>
      <translation>Manuel</translation>
    </message>
    <message>
      <source>No page of the manual contains “%1”.</source>
      <translation>Aucune page du manuel ne contient « %1 ».</translation>
    </message>
    <message>
      <source>Page of the manual</source>
      <translation>Page du manuel</translation>
    </message>
    <message>
      <source>Save the grappe template</source>
      <translation>Enregistrer le modèle de grappe</translation>
    </message>
    <message>
      <source>Search the manual</source>
      <translation>Rechercher dans le manuel</translation>
    </message>
    <message>
      <source>Search the manual (Enter: next occurrence)</source>
      <translation>Rechercher dans le manuel (Entrée : occurrence suivante)</translation>
    </message>
    <message>
      <source>Template saved: %1</source>
      <translation>Modèle enregistré : %1</translation>
    </message>
    <message>
      <source>The template could not be saved:

%1</source>
      <translation>Le modèle n’a pas pu être enregistré :

%1</translation>
    </message>
    <message>
      <source>esms-desktop manual</source>
      <translation>Manuel d’esms-desktop</translation>
    </message>
    <message>
      <source>grappe template.xlsx</source>
      <translation>modèle de grappe.xlsx</translation>
    </message>
  </context>
  <context>
    <name>HomeView</name>
    <message>
      <source>&amp;Delete…</source>
      <translation>&amp;Supprimer…</translation>
    </message>
    <message>
      <source>&amp;New dossier…</source>
      <translation>&amp;Nouveau dossier…</translation>
    </message>
    <message>
      <source>&amp;Open</source>
      <translation>&amp;Ouvrir</translation>
    </message>
    <message>
      <source>&amp;Rename…</source>
      <translation>&amp;Renommer…</translation>
    </message>
    <message>
      <source>&lt;h2&gt;Your candidature dossiers&lt;/h2&gt;</source>
      <translation>&lt;h2&gt;Vos dossiers de candidature&lt;/h2&gt;</translation>
    </message>
    <message>
      <source>D&amp;uplicate</source>
      <translation>D&amp;upliquer</translation>
    </message>
    <message>
      <source>Dossiers</source>
      <translation>Dossiers</translation>
    </message>
    <message>
      <source>Each dossier is one candidature to an ESMS numérique call. Everything you type is saved at once on this computer; automatic backups are kept.</source>
      <translation>Chaque dossier est une candidature à un appel ESMS numérique. Tout ce que vous saisissez est enregistré aussitôt sur cet ordinateur ; des sauvegardes automatiques sont conservées.</translation>
    </message>
    <message>
      <source>No dossier yet: click “New dossier…” to start a candidature.</source>
      <translation>Aucun dossier pour l'instant : cliquez sur « Nouveau dossier… » pour commencer une candidature.</translation>
    </message>
  </context>
  <context>
    <name>ImportWizard</name>
    <message>
      <source>Import %1 establishment(s)</source>
      <translation>Importer %1 établissement(s)</translation>
    </message>
    <message>
      <source>Import establishments</source>
      <translation>Importer des établissements</translation>
    </message>
  </context>
  <context>
    <name>IndicatorGridModel</name>
    <message>
      <source>Below the threshold</source>
      <translation>Sous le seuil</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <source>&amp;About esms-desktop</source>
      <translation>À &amp;propos d'esms-desktop</translation>
    </message>
    <message>
      <source>&amp;Edit</source>
      <translation>&amp;Édition</translation>
    </message>
    <message>
      <source>&amp;File</source>
      <translation>&amp;Fichier</translation>
    </message>
    <message>
      <source>&amp;Find…</source>
      <translation>Re&amp;chercher…</translation>
    </message>
    <message>
      <source>&amp;Help</source>
      <translation>&amp;Aide</translation>
    </message>
    <message>
      <source>&amp;Home</source>
      <translation>&amp;Accueil</translation>
    </message>
    <message>
      <source>&amp;Import an .esms file…</source>
      <translation>Impor&amp;ter un fichier .esms…</translation>
    </message>
    <message>
      <source>&amp;Keyboard shortcuts</source>
      <translation>&amp;Raccourcis clavier</translation>
    </message>
    <message>
      <source>&amp;Load the FINESS register…</source>
      <translation>&amp;Charger le répertoire FINESS…</translation>
    </message>
    <message>
      <source>&amp;Manual</source>
      <translation>&amp;Manuel</translation>
    </message>
    <message>
      <source>&amp;New dossier…</source>
      <translation>&amp;Nouveau dossier…</translation>
    </message>
    <message>
      <source>&amp;Open a dossier…</source>
      <translation>&amp;Ouvrir un dossier…</translation>
    </message>
    <message>
      <source>&amp;Preferences…</source>
      <translation>&amp;Préférences…</translation>
    </message>
    <message>
      <source>&amp;Quit</source>
      <translation>&amp;Quitter</translation>
    </message>
    <message>
      <source>&amp;Redo</source>
      <translation>&amp;Rétablir</translation>
    </message>
    <message>
      <source>&amp;Restore a backup…</source>
      <translation>Restaurer une &amp;sauvegarde…</translation>
    </message>
    <message>
      <source>&amp;Undo</source>
      <translation>&amp;Annuler</translation>
    </message>
    <message>
      <source>&lt;p&gt;&lt;b&gt;esms-desktop %1&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Prepare an ESMS numérique candidature, offline.&lt;/p&gt;&lt;p&gt;Data folder: %2&lt;/p&gt;&lt;p&gt;FINESS data: “FINESS — Ministère chargé de la santé / DREES”. Fonts: DejaVu (Bitstream Vera licence). Qt for Python (LGPL), ReportLab (BSD), SQLAlchemy and Alembic (MIT), openpyxl (MIT), platformdirs (MIT).&lt;/p&gt;</source>
      <translation>&lt;p&gt;&lt;b&gt;esms-desktop %1&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Préparer une candidature ESMS numérique, hors ligne.&lt;/p&gt;&lt;p&gt;Dossier des données : %2&lt;/p&gt;&lt;p&gt;Données FINESS : « FINESS — Ministère chargé de la santé / DREES ». Polices : DejaVu (licence Bitstream Vera). Qt for Python (LGPL), ReportLab (BSD), SQLAlchemy et Alembic (MIT), openpyxl (MIT), platformdirs (MIT).&lt;/p&gt;</translation>
    </message>
    <message>
      <source>About esms-desktop</source>
      <translation>À propos d'esms-desktop</translation>
    </message>
    <message>
      <source>All changes saved</source>
      <translation>Toutes les modifications sont enregistrées</translation>
    </message>
    <message>
      <source>Ca&amp;mpaigns…</source>
      <translation>Ca&amp;mpagnes…</translation>
    </message>
    <message>
      <source>Campaign absent: nothing is computed.</source>
      <translation>Campagne absente : rien n'est calculé.</translation>
    </message>
    <message>
      <source>Campaign created</source>
      <translation>Campagne créée</translation>
    </message>
    <message>
      <source>Change the campaign to %1</source>
      <translation>Passer à la campagne %1</translation>
    </message>
    <message>
      <source>Could not save</source>
      <translation>Enregistrement impossible</translation>
    </message>
    <message>
      <source>Delete the dossier</source>
      <translation>Supprimer le dossier</translation>
    </message>
    <message>
      <source>Delete the dossier “%1”? A backup is taken first: it can be brought back from the backups.</source>
      <translation>Supprimer le dossier « %1 » ? Une sauvegarde est faite avant : il pourra être récupéré depuis les sauvegardes.</translation>
    </message>
    <message>
      <source>E&amp;xport this dossier as an .esms file…</source>
      <translation>E&amp;xporter ce dossier en fichier .esms…</translation>
    </message>
    <message>
      <source>Every dossier will be put back as it was at this moment (the current state is backed up first):</source>
      <translation>Tous les dossiers seront remis dans l'état de ce moment (l'état actuel est sauvegardé avant) :</translation>
    </message>
    <message>
      <source>Export the candidature &amp;PDF…</source>
      <translation>Exporter le dossier en &amp;PDF…</translation>
    </message>
    <message>
      <source>FINESS files (*.csv *.json *.gz *.txt);;All files (*)</source>
      <translation>Fichiers FINESS (*.csv *.json *.gz *.txt);;Tous les fichiers (*)</translation>
    </message>
    <message>
      <source>FINESS register</source>
      <translation>Répertoire FINESS</translation>
    </message>
    <message>
      <source>From a file… (a backup saved on a USB key, in Documents…)</source>
      <translation>Depuis un fichier… (une sauvegarde enregistrée sur une clé USB, dans Documents…)</translation>
    </message>
    <message>
      <source>Import an .esms file</source>
      <translation>Importer un fichier .esms</translation>
    </message>
    <message>
      <source>Language of the interface:</source>
      <translation>Langue de l'interface :</translation>
    </message>
    <message>
      <source>Load the FINESS register</source>
      <translation>Charger le répertoire FINESS</translation>
    </message>
    <message>
      <source>Manual open in its own window: %1</source>
      <translation>Manuel ouvert dans sa propre fenêtre : %1</translation>
    </message>
    <message>
      <source>New dossier</source>
      <translation>Nouveau dossier</translation>
    </message>
    <message>
      <source>New name:</source>
      <translation>Nouveau nom :</translation>
    </message>
    <message>
      <source>No backup has been taken on this computer yet. A backup saved elsewhere can be restored (the current state is backed up first):</source>
      <translation>Aucune sauvegarde n’a encore été faite sur cet ordinateur. Une sauvegarde enregistrée ailleurs peut être restaurée (l’état actuel est sauvegardé avant) :</translation>
    </message>
    <message>
      <source>Not saved — will retry</source>
      <translation>Non enregistré — nouvel essai à la prochaine modification</translation>
    </message>
    <message>
      <source>Pr&amp;int the dossier…</source>
      <translation>&amp;Imprimer le dossier…</translation>
    </message>
    <message>
      <source>Preferences</source>
      <translation>Préférences</translation>
    </message>
    <message>
      <source>Rename</source>
      <translation>Renommer</translation>
    </message>
    <message>
      <source>Restore a backup</source>
      <translation>Restaurer une sauvegarde</translation>
    </message>
    <message>
      <source>Save a &amp;backup as…</source>
      <translation>Enregistrer une sauve&amp;garde sous…</translation>
    </message>
    <message>
      <source>The campaign “%1” (%2) was created with the %3 amount(s) typed in this dossier; File › Campaigns… lists it for your next dossiers.

Use it for this dossier too? Its amounts then come from the campaign instead of being typed here (Ctrl+Z undoes it).</source>
      <translation>La campagne « %1 » (%2) a été créée avec les %3 montant(s) saisi(s) dans ce dossier ; Fichier › Campagnes… la propose pour vos prochains dossiers.

L'utiliser aussi pour ce dossier ? Ses montants viennent alors de la campagne au lieu d'être saisis ici (Ctrl+Z l'annule).</translation>
    </message>
    <message>
      <source>The new language will be used the next time esms-desktop starts.</source>
      <translation>La nouvelle langue sera utilisée au prochain démarrage d'esms-desktop.</translation>
    </message>
    <message>
      <source>Verdict of the dossier</source>
      <translation>Verdict du dossier</translation>
    </message>
    <message>
      <source>Your change is kept on screen but could not be saved:

%1

It will be saved again with your next change, or when you close the dossier.</source>
      <translation>Votre modification est conservée à l'écran mais n'a pas pu être enregistrée :

%1

Elle sera de nouveau enregistrée à votre prochaine modification, ou à la fermeture du dossier.</translation>
    </message>
    <message>
      <source>automatic</source>
      <translation>automatique</translation>
    </message>
    <message>
      <source>before deletion</source>
      <translation>avant suppression</translation>
    </message>
    <message>
      <source>before import</source>
      <translation>avant import</translation>
    </message>
    <message>
      <source>before restore</source>
      <translation>avant restauration</translation>
    </message>
    <message>
      <source>before update</source>
      <translation>avant mise à jour</translation>
    </message>
    <message>
      <source>esms-desktop</source>
      <translation>esms-desktop</translation>
    </message>
    <message>
      <source>esms-desktop exchange file (*.esms)</source>
      <translation>Fichier d’échange esms-desktop (*.esms)</translation>
    </message>
    <message>
      <source>manual</source>
      <translation>manuelle</translation>
    </message>
    <message>
      <source>start</source>
      <translation>démarrage</translation>
    </message>
  </context>
  <context>
    <name>MergeDialog</name>
    <message>
      <source>Also merge the &amp;grappe (creates an amendment)</source>
      <translation>Fusionner aussi la &amp;grappe (crée un avenant)</translation>
    </message>
    <message>
      <source>Blanks filled in</source>
      <translation>Champs vides remplis</translation>
    </message>
    <message>
      <source>Changes refused</source>
      <translation>Modifications refusées</translation>
    </message>
    <message>
      <source>Conflicts</source>
      <translation>Conflits</translation>
    </message>
    <message>
      <source>Differences</source>
      <translation>Différences</translation>
    </message>
    <message>
      <source>Establishment</source>
      <translation>Établissement</translation>
    </message>
    <message>
      <source>Establishments filled in on both sides with different values: choose whose values to keep.</source>
      <translation>Établissements remplis des deux côtés avec des valeurs différentes : choisissez les valeurs à garder.</translation>
    </message>
    <message>
      <source>Keep</source>
      <translation>Garder</translation>
    </message>
    <message>
      <source>Merge a partner's file</source>
      <translation>Fusionner le fichier d'un partenaire</translation>
    </message>
    <message>
      <source>Merge a partner's file (%1 added, %2 changed)</source>
      <translation>Fusion du fichier d'un partenaire (%1 ajouté(s), %2 modifié(s))</translation>
    </message>
    <message>
      <source>Merge a partner's usage indicators</source>
      <translation>Fusionner les indicateurs d’usage d’un partenaire</translation>
    </message>
    <message>
      <source>Merge of “%1”</source>
      <translation>Fusion de « %1 »</translation>
    </message>
    <message>
      <source>Not applied: establishments of another organisation, which this file may not change:</source>
      <translation>Non appliqué : établissements d'un autre organisme, que ce fichier ne peut pas modifier :</translation>
    </message>
    <message>
      <source>Our blanks that the file fills in (applied when you press OK):</source>
      <translation>Nos champs vides que le fichier remplit (appliqué quand vous validez par OK) :</translation>
    </message>
    <message>
      <source>Porteur of the project</source>
      <translation>Porteur du projet</translation>
    </message>
    <message>
      <source>Porteur of the project (the other one becomes a member):</source>
      <translation>Porteur du projet (l'autre organisme devient membre) :</translation>
    </message>
    <message>
      <source>Summary of the merge</source>
      <translation>Résumé de la fusion</translation>
    </message>
    <message>
      <source>The candidature is filed: the %1 change(s) to the grappe are left out; merging them would need an amendment (the check box below).</source>
      <translation>La candidature est déposée : les %1 modification(s) de la grappe sont laissées de côté ; les fusionner demanderait un avenant (case à cocher ci-dessous).</translation>
    </message>
    <message>
      <source>The candidature is filed: the grappe changes are recorded as an amendment.</source>
      <translation>La candidature est déposée : les modifications de la grappe sont enregistrées comme un avenant.</translation>
    </message>
    <message>
      <source>Usage indicators only: the grappe is left out (%1)</source>
      <translation>Indicateurs d’usage seulement : la grappe est laissée de côté (%1)</translation>
    </message>
    <message>
      <source>Values to keep for %1</source>
      <translation>Valeurs à garder pour %1</translation>
    </message>
    <message>
      <source>What “%1” brings to the grappe (matched by FINESS):</source>
      <translation>Ce que « %1 » apporte à la grappe (rapprochement par FINESS) :</translation>
    </message>
    <message>
      <source>our values</source>
      <translation>nos valeurs</translation>
    </message>
    <message>
      <source>their values</source>
      <translation>leurs valeurs</translation>
    </message>
  </context>
  <context>
    <name>NewCampaignDialog</name>
    <message>
      <source>&amp;Identifier:</source>
      <translation>I&amp;dentifiant :</translation>
    </message>
    <message>
      <source>&amp;Title:</source>
      <translation>&amp;Titre :</translation>
    </message>
    <message>
      <source>&amp;Year:</source>
      <translation>A&amp;nnée :</translation>
    </message>
    <message>
      <source>Give the campaign a title.</source>
      <translation>Donnez un titre à la campagne.</translation>
    </message>
    <message>
      <source>Identifier of the new campaign</source>
      <translation>Identifiant de la nouvelle campagne</translation>
    </message>
    <message>
      <source>New campaign</source>
      <translation>Nouvelle campagne</translation>
    </message>
    <message>
      <source>The identifier “%1” is already that of “%2”: choose another.</source>
      <translation>L'identifiant « %1 » est déjà celui de « %2 » : choisissez-en un autre.</translation>
    </message>
    <message>
      <source>The new campaign starts as a copy of “%1” (%2). Give it a title, for instance « Généralisation 2026 — ARS Bretagne »; its identifier is what the command line and the exchange files use.</source>
      <translation>La nouvelle campagne part d'une copie de « %1 » (%2). Donnez-lui un titre, par exemple « Généralisation 2026 — ARS Bretagne » ; son identifiant est celui qu'utilisent la ligne de commande et les fichiers d'échange.</translation>
    </message>
    <message>
      <source>Title of the new campaign</source>
      <translation>Titre de la nouvelle campagne</translation>
    </message>
    <message>
      <source>Year of the call</source>
      <translation>Année de l'appel</translation>
    </message>
  </context>
  <context>
    <name>NewDossierDialog</name>
    <message>
      <source>&amp;Browse…</source>
      <translation>&amp;Parcourir…</translation>
    </message>
    <message>
      <source>&amp;Campaign:</source>
      <translation>&amp;Campagne :</translation>
    </message>
    <message>
      <source>&amp;Name:</source>
      <translation>&amp;Nom :</translation>
    </message>
    <message>
      <source>Campaign</source>
      <translation>Campagne</translation>
    </message>
    <message>
      <source>Candidature ESMS numérique</source>
      <translation>Candidature ESMS numérique</translation>
    </message>
    <message>
      <source>Dossier name</source>
      <translation>Nom du dossier</translation>
    </message>
    <message>
      <source>Grappe or FINESS files (*.csv *.xlsx *.xls *.ods *.json *.gz *.esms);;All files (*)</source>
      <translation>Fichiers de grappe ou FINESS (*.csv *.xlsx *.xls *.ods *.json *.gz *.esms);;Tous les fichiers (*)</translation>
    </message>
    <message>
      <source>New dossier</source>
      <translation>Nouveau dossier</translation>
    </message>
    <message>
      <source>Start &amp;from:</source>
      <translation>Partir &amp;de :</translation>
    </message>
    <message>
      <source>Start from a file</source>
      <translation>Partir d'un fichier</translation>
    </message>
    <message>
      <source>Start from a file (optional)</source>
      <translation>Partir d'un fichier (facultatif)</translation>
    </message>
    <message>
      <source>optional: spreadsheet, FINESS export or .esms</source>
      <translation>facultatif : tableur, export FINESS ou fichier .esms</translation>
    </message>
  </context>
  <context>
    <name>OrganisationsModel</name>
    <message>
      <source>Contact</source>
      <translation>Contact</translation>
    </message>
    <message>
      <source>E-mail</source>
      <translation>Courriel</translation>
    </message>
    <message>
      <source>ESSMS in project</source>
      <translation>ESSMS du projet</translation>
    </message>
    <message>
      <source>ESSMS managed</source>
      <translation>ESSMS gérés</translation>
    </message>
    <message>
      <source>Edit organisation %1</source>
      <translation>Modifier l'organisme %1</translation>
    </message>
    <message>
      <source>FINESS (legal entity)</source>
      <translation>FINESS juridique</translation>
    </message>
    <message>
      <source>Member</source>
      <translation>Membre</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>Nom</translation>
    </message>
    <message>
      <source>Not given: the number of its ESSMS in the project is used.</source>
      <translation>Non renseigné : le nombre de ses ESSMS dans le projet est utilisé.</translation>
    </message>
    <message>
      <source>Porteur</source>
      <translation>Porteur</translation>
    </message>
    <message>
      <source>Role</source>
      <translation>Rôle</translation>
    </message>
    <message>
      <source>SIREN</source>
      <translation>SIREN</translation>
    </message>
    <message>
      <source>Size</source>
      <translation>Taille</translation>
    </message>
    <message>
      <source>large</source>
      <translation>grand</translation>
    </message>
    <message>
      <source>medium</source>
      <translation>moyen</translation>
    </message>
    <message>
      <source>small</source>
      <translation>petit</translation>
    </message>
  </context>
  <context>
    <name>PartnerDialog</name>
    <message>
      <source>%1 added with %2 ESSMS (Ctrl+Z undoes it).</source>
      <translation>%1 ajouté avec %2 ESSMS (Ctrl+Z pour annuler).</translation>
    </message>
    <message>
      <source>%1 declared already in a funded project.</source>
      <translation>%1 déclaré déjà dans un projet financé.</translation>
    </message>
    <message>
      <source>%1 organisation(s) could join the grappe of %2, campaign « %3 » (departments %4).</source>
      <translation>%1 organisme(s) pourrai(en)t rejoindre la grappe de %2, campagne « %3 » (départements %4).</translation>
    </message>
    <message>
      <source>&amp;Add to the grappe</source>
      <translation>&amp;Ajouter au groupement</translation>
    </message>
    <message>
      <source>&amp;Close</source>
      <translation>&amp;Fermer</translation>
    </message>
    <message>
      <source>&amp;Radius:</source>
      <translation>&amp;Rayon :</translation>
    </message>
    <message>
      <source>&amp;Sector:</source>
      <translation>&amp;Secteur :</translation>
    </message>
    <message>
      <source>Add partner %1</source>
      <translation>Ajouter le partenaire %1</translation>
    </message>
    <message>
      <source>Add the selected organisation with its checked ESSMS (Enter; Ctrl+Z undoes)</source>
      <translation>Ajouter l’organisme sélectionné avec ses ESSMS cochés (Entrée ; Ctrl+Z pour annuler)</translation>
    </message>
    <message>
      <source>All sectors</source>
      <translation>Tous les secteurs</translation>
    </message>
    <message>
      <source>Already in a &amp;funded project</source>
      <translation>Déjà dans un projet &amp;financé</translation>
    </message>
    <message>
      <source>CSV files (*.csv)</source>
      <translation>Fichiers CSV (*.csv)</translation>
    </message>
    <message>
      <source>Check at least one ESSMS to add this organisation.</source>
      <translation>Cochez au moins un ESSMS pour ajouter cet organisme.</translation>
    </message>
    <message>
      <source>Contact sheet (&amp;PDF)…</source>
      <translation>Fiche contacts (&amp;PDF)…</translation>
    </message>
    <message>
      <source>Contact sheet (CS&amp;V)…</source>
      <translation>Fiche contacts (CS&amp;V)…</translation>
    </message>
    <message>
      <source>Contact sheet (CSV)</source>
      <translation>Fiche contacts (CSV)</translation>
    </message>
    <message>
      <source>Contact sheet (PDF)</source>
      <translation>Fiche contacts (PDF)</translation>
    </message>
    <message>
      <source>Declaration withdrawn for %1.</source>
      <translation>Déclaration retirée pour %1.</translation>
    </message>
    <message>
      <source>Declare the selected organisation already in a funded project (no double funding), or withdraw the declaration</source>
      <translation>Déclarer l’organisme sélectionné déjà dans un projet financé (pas de double financement), ou retirer la déclaration</translation>
    </message>
    <message>
      <source>ESSMS it would &amp;bring (uncheck those that stay out):</source>
      <translation>ESSMS qu’il apporterait (décochez ceux qui restent &amp;hors projet) :</translation>
    </message>
    <message>
      <source>ESSMS of the selected organisation</source>
      <translation>ESSMS de l’organisme sélectionné</translation>
    </message>
    <message>
      <source>FINESS files (*.csv *.json *.gz *.txt);;All files (*)</source>
      <translation>Fichiers FINESS (*.csv *.json *.gz *.txt);;Tous les fichiers (*)</translation>
    </message>
    <message>
      <source>Find partners</source>
      <translation>Trouver des partenaires</translation>
    </message>
    <message>
      <source>For the selected organisations (Ctrl+click to select several)</source>
      <translation>Pour les organismes sélectionnés (Ctrl+clic pour en choisir plusieurs)</translation>
    </message>
    <message>
      <source>L&amp;oad a FINESS file…</source>
      <translation>Charger un fichier FINESS…</translation>
    </message>
    <message>
      <source>Leave out those &amp;declared funded</source>
      <translation>Écarter les organismes &amp;déclarés financés</translation>
    </message>
    <message>
      <source>Load the FINESS register</source>
      <translation>Charger le répertoire FINESS</translation>
    </message>
    <message>
      <source>Load the national FINESS export or extract as the offline register</source>
      <translation>Charger l’export ou l’extraction FINESS nationale comme répertoire hors ligne</translation>
    </message>
    <message>
      <source>No FINESS register is loaded on this computer: load the national FINESS file (export or extract) to find the organisations around you.</source>
      <translation>Aucun répertoire FINESS n’est chargé sur cet ordinateur : chargez le fichier FINESS national (export ou extraction) pour trouver les organismes autour de vous.</translation>
    </message>
    <message>
      <source>Organisations that could join the grappe</source>
      <translation>Organismes qui pourraient rejoindre la grappe</translation>
    </message>
    <message>
      <source>Organisations you declared already in a funded project are not listed</source>
      <translation>Les organismes que vous avez déclarés déjà dans un projet financé ne sont pas listés</translation>
    </message>
    <message>
      <source>PDF documents (*.pdf)</source>
      <translation>Documents PDF (*.pdf)</translation>
    </message>
    <message>
      <source>Proposal &amp;letters…</source>
      <translation>&amp;Lettres de proposition…</translation>
    </message>
    <message>
      <source>Proposal letters</source>
      <translation>Lettres de proposition</translation>
    </message>
    <message>
      <source>Radius in kilometres</source>
      <translation>Rayon en kilomètres</translation>
    </message>
    <message>
      <source>Redo</source>
      <translation>Rétablir</translation>
    </message>
    <message>
      <source>S&amp;mall OGs only</source>
      <translation>Petits OG seule&amp;ment</translation>
    </message>
    <message>
      <source>Saved: %1</source>
      <translation>Enregistré : %1</translation>
    </message>
    <message>
      <source>Sector</source>
      <translation>Secteur</translation>
    </message>
    <message>
      <source>Some amounts are still to be confirmed.</source>
      <translation>Certains montants restent à confirmer.</translation>
    </message>
    <message>
      <source>The register loaded gives no coordinates: distances are unknown (load the geolocated FINESS extract to rank by distance).</source>
      <translation>Le répertoire chargé ne donne pas de coordonnées : distances inconnues (chargez l’extraction FINESS géolocalisée pour classer par distance).</translation>
    </message>
    <message>
      <source>Undo</source>
      <translation>Annuler</translation>
    </message>
    <message>
      <source>With this organisation: %1 ESSMS counted (%2 today), %3; budget %4.</source>
      <translation>Avec cet organisme : %1 ESSMS comptés (%2 aujourd’hui), %3 ; budget %4.</translation>
    </message>
    <message>
      <source>no limit</source>
      <translation>sans limite</translation>
    </message>
    <message>
      <source>the grappe would meet the campaign's rules</source>
      <translation>la grappe respecterait les règles de la campagne</translation>
    </message>
    <message>
      <source>the grappe would still not meet the campaign's rules</source>
      <translation>la grappe ne respecterait toujours pas les règles de la campagne</translation>
    </message>
  </context>
  <context>
    <name>PartnersModel</name>
    <message>
      <source> (declared funded)</source>
      <translation> (déclaré financé)</translation>
    </message>
    <message>
      <source>%1 ESSMS counted today, %2 with this organisation</source>
      <translation>%1 ESSMS comptés aujourd’hui, %2 avec cet organisme</translation>
    </message>
    <message>
      <source>Budget difference</source>
      <translation>Écart de budget</translation>
    </message>
    <message>
      <source>Dept.</source>
      <translation>Dép.</translation>
    </message>
    <message>
      <source>Distance</source>
      <translation>Distance</translation>
    </message>
    <message>
      <source>ESSMS of the grappe</source>
      <translation>ESSMS du groupement</translation>
    </message>
    <message>
      <source>Eligible</source>
      <translation>Éligible</translation>
    </message>
    <message>
      <source>Eligible ESSMS</source>
      <translation>ESSMS éligibles</translation>
    </message>
    <message>
      <source>How the grappe would stand with this organisation and its ESSMS</source>
      <translation>Ce que deviendrait la grappe avec cet organisme et ses ESSMS</translation>
    </message>
    <message>
      <source>Organisation</source>
      <translation>Organisme</translation>
    </message>
    <message>
      <source>Sectors</source>
      <translation>Secteurs</translation>
    </message>
    <message>
      <source>Small OG</source>
      <translation>Petit OG</translation>
    </message>
    <message>
      <source>Some amounts are still to be confirmed</source>
      <translation>Certains montants restent à confirmer</translation>
    </message>
    <message>
      <source>no</source>
      <translation>non</translation>
    </message>
    <message>
      <source>unknown</source>
      <translation>inconnue</translation>
    </message>
    <message>
      <source>yes</source>
      <translation>oui</translation>
    </message>
  </context>
  <context>
    <name>PorteurView</name>
    <message>
      <source>&amp;Grappe agreement:</source>
      <translation>Convention de &amp;grappe :</translation>
    </message>
    <message>
      <source>&amp;Legal representative:</source>
      <translation>Représentant &amp;légal :</translation>
    </message>
    <message>
      <source>&amp;Name:</source>
      <translation>&amp;Nom :</translation>
    </message>
    <message>
      <source>&amp;Project title:</source>
      <translation>&amp;Intitulé du projet :</translation>
    </message>
    <message>
      <source>&amp;SIREN:</source>
      <translation>&amp;SIREN :</translation>
    </message>
    <message>
      <source>&amp;Their title:</source>
      <translation>&amp;Qualité :</translation>
    </message>
    <message>
      <source>14 digits</source>
      <translation>14 chiffres</translation>
    </message>
    <message>
      <source>9 characters</source>
      <translation>9 caractères</translation>
    </message>
    <message>
      <source>9 digits</source>
      <translation>9 chiffres</translation>
    </message>
    <message>
      <source>Add a member</source>
      <translation>Ajouter un membre</translation>
    </message>
    <message>
      <source>Add a team member</source>
      <translation>Ajouter un membre de l'équipe</translation>
    </message>
    <message>
      <source>Add&amp;ress:</source>
      <translation>A&amp;dresse :</translation>
    </message>
    <message>
      <source>Availability</source>
      <translation>Disponibilité</translation>
    </message>
    <message>
      <source>Business expert</source>
      <translation>Expert métier</translation>
    </message>
    <message>
      <source>Change the grappe agreement date</source>
      <translation>Modifier la date de la convention de grappe</translation>
    </message>
    <message>
      <source>Clear the grappe agreement date</source>
      <translation>Effacer la date de la convention de grappe</translation>
    </message>
    <message>
      <source>E-&amp;mail:</source>
      <translation>C&amp;ourriel :</translation>
    </message>
    <message>
      <source>Edit a team member</source>
      <translation>Modifier un membre de l'équipe</translation>
    </message>
    <message>
      <source>Edit the contact e-mail</source>
      <translation>Modifier le courriel de contact</translation>
    </message>
    <message>
      <source>Edit the contact phone</source>
      <translation>Modifier le téléphone de contact</translation>
    </message>
    <message>
      <source>Edit the legal representative</source>
      <translation>Modifier le représentant légal</translation>
    </message>
    <message>
      <source>Edit the legal representative's title</source>
      <translation>Modifier la qualité du représentant légal</translation>
    </message>
    <message>
      <source>Edit the porteur's FINESS</source>
      <translation>Modifier le FINESS du porteur</translation>
    </message>
    <message>
      <source>Edit the porteur's SIREN</source>
      <translation>Modifier le SIREN du porteur</translation>
    </message>
    <message>
      <source>Edit the porteur's SIRET</source>
      <translation>Modifier le SIRET du porteur</translation>
    </message>
    <message>
      <source>Edit the porteur's address</source>
      <translation>Modifier l'adresse du porteur</translation>
    </message>
    <message>
      <source>Edit the porteur's legal status</source>
      <translation>Modifier le statut juridique du porteur</translation>
    </message>
    <message>
      <source>Edit the porteur's name</source>
      <translation>Modifier le nom du porteur</translation>
    </message>
    <message>
      <source>Edit the porteur's postal code</source>
      <translation>Modifier le code postal du porteur</translation>
    </message>
    <message>
      <source>Edit the porteur's town</source>
      <translation>Modifier la commune du porteur</translation>
    </message>
    <message>
      <source>Edit the project lead</source>
      <translation>Modifier le chef de projet</translation>
    </message>
    <message>
      <source>Edit the project title</source>
      <translation>Modifier l'intitulé du projet</translation>
    </message>
    <message>
      <source>FINESS (legal entit&amp;y):</source>
      <translation>FINESS j&amp;uridique :</translation>
    </message>
    <message>
      <source>First name and surname</source>
      <translation>Prénom et nom</translation>
    </message>
    <message>
      <source>Function</source>
      <translation>Fonction</translation>
    </message>
    <message>
      <source>Grappe agreement</source>
      <translation>Convention de grappe</translation>
    </message>
    <message>
      <source>Grappe agreement signed</source>
      <translation>Convention de grappe signée</translation>
    </message>
    <message>
      <source>IT lead</source>
      <translation>Responsable informatique</translation>
    </message>
    <message>
      <source>Legal stat&amp;us:</source>
      <translation>Statut &amp;juridique :</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>Nom</translation>
    </message>
    <message>
      <source>New member</source>
      <translation>Nouveau membre</translation>
    </message>
    <message>
      <source>Organisation</source>
      <translation>Organisme</translation>
    </message>
    <message>
      <source>Other</source>
      <translation>Autre</translation>
    </message>
    <message>
      <source>People</source>
      <translation>Personnes</translation>
    </message>
    <message>
      <source>Ph&amp;one:</source>
      <translation>&amp;Téléphone :</translation>
    </message>
    <message>
      <source>Porteur and project</source>
      <translation>Porteur et projet</translation>
    </message>
    <message>
      <source>Porteur organisation</source>
      <translation>Organisme porteur</translation>
    </message>
    <message>
      <source>Postal co&amp;de:</source>
      <translation>&amp;Code postal :</translation>
    </message>
    <message>
      <source>Pro&amp;ject lead:</source>
      <translation>Chef de &amp;projet :</translation>
    </message>
    <message>
      <source>Project</source>
      <translation>Projet</translation>
    </message>
    <message>
      <source>Project referent</source>
      <translation>Référent du projet</translation>
    </message>
    <message>
      <source>Project team</source>
      <translation>Équipe projet</translation>
    </message>
    <message>
      <source>Project title</source>
      <translation>Intitulé du projet</translation>
    </message>
    <message>
      <source>Remove member</source>
      <translation>Retirer le membre</translation>
    </message>
    <message>
      <source>Remove team member(s)</source>
      <translation>Retirer des membres de l'équipe</translation>
    </message>
    <message>
      <source>Role</source>
      <translation>Rôle</translation>
    </message>
    <message>
      <source>S&amp;IRET of the head office:</source>
      <translation>SI&amp;RET du siège :</translation>
    </message>
    <message>
      <source>Set the grappe agreement date</source>
      <translation>Saisir la date de la convention de grappe</translation>
    </message>
    <message>
      <source>Signature date of the grappe agreement</source>
      <translation>Date de signature de la convention de grappe</translation>
    </message>
    <message>
      <source>Signed on</source>
      <translation>Signée le</translation>
    </message>
    <message>
      <source>The organisation that carries the candidature for the whole grappe, and the people the ARS will deal with. Identifiers are checked as you type; what you type is always kept, even when a check fails.</source>
      <translation>L'organisme qui porte la candidature pour toute la grappe, et les personnes avec qui l'ARS échangera. Les identifiants sont vérifiés pendant la saisie ; ce que vous tapez est toujours conservé, même quand une vérification échoue.</translation>
    </message>
    <message>
      <source>The people who carry the project: the referents of each organisation, the IT lead, the business experts, and the time each gives to the project. Double-click a cell or press F2 to edit it.</source>
      <translation>Les personnes qui portent le projet : les référents de chaque organisme, le responsable informatique, les experts métier, et le temps que chacun y consacre. Double-cliquez sur une cellule ou appuyez sur F2 pour la modifier.</translation>
    </message>
    <message>
      <source>Time given to the project, e.g. 20 % or 2 days a month</source>
      <translation>Temps consacré au projet, ex. 20 % ou 2 jours par mois</translation>
    </message>
    <message>
      <source>To&amp;wn:</source>
      <translation>Co&amp;mmune :</translation>
    </message>
    <message>
      <source>e.g. Président, Directeur général</source>
      <translation>ex. Président, Directeur général</translation>
    </message>
    <message>
      <source>e.g. Shared care record for the grappe's services</source>
      <translation>ex. Dossier usager informatisé partagé des établissements de la grappe</translation>
    </message>
    <message>
      <source>e.g. association loi 1901</source>
      <translation>ex. association loi 1901</translation>
    </message>
    <message>
      <source>name@example.org</source>
      <translation>nom@exemple.org</translation>
    </message>
    <message>
      <source>référent, informatique, métier or autre</source>
      <translation>référent, informatique, métier ou autre</translation>
    </message>
  </context>
  <context>
    <name>PreviewPage</name>
    <message>
      <source>%1 organisation(s), %2 establishment(s) ready to import.</source>
      <translation>%1 organisme(s), %2 établissement(s) prêts à importer.</translation>
    </message>
    <message>
      <source>%1 row(s) in error are left out.</source>
      <translation>%1 ligne(s) en erreur sont laissées de côté.</translation>
    </message>
    <message>
      <source>&amp;Add to the current grappe</source>
      <translation>&amp;Ajouter à la grappe actuelle</translation>
    </message>
    <message>
      <source>&amp;Replace the current grappe</source>
      <translation>&amp;Remplacer la grappe actuelle</translation>
    </message>
    <message>
      <source>&amp;Skip the rows in error and import the others</source>
      <translation>&amp;Ignorer les lignes en erreur et importer les autres</translation>
    </message>
    <message>
      <source>Category</source>
      <translation>Catégorie</translation>
    </message>
    <message>
      <source>Check what will be imported</source>
      <translation>Vérifier ce qui sera importé</translation>
    </message>
    <message>
      <source>Establishments found in the file</source>
      <translation>Établissements trouvés dans le fichier</translation>
    </message>
    <message>
      <source>FINESS</source>
      <translation>FINESS</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>Nom</translation>
    </message>
    <message>
      <source>Nothing can be imported as is: %1 problem(s). Fix the file, or tick “Skip the rows in error”.</source>
      <translation>Rien ne peut être importé en l'état : %1 problème(s). Corrigez le fichier, ou cochez « Ignorer les lignes en erreur ».</translation>
    </message>
    <message>
      <source>Organisation</source>
      <translation>Organisme</translation>
    </message>
    <message>
      <source>Porteur</source>
      <translation>Porteur</translation>
    </message>
    <message>
      <source>Problems found (row, column, problem):</source>
      <translation>Problèmes trouvés (ligne, colonne, problème) :</translation>
    </message>
    <message>
      <source>Problems found in the file</source>
      <translation>Problèmes trouvés dans le fichier</translation>
    </message>
    <message>
      <source>Project</source>
      <translation>Projet</translation>
    </message>
    <message>
      <source>Reading %1…</source>
      <translation>Lecture de %1…</translation>
    </message>
    <message>
      <source>The file names “%1” as porteur, but the dossier's porteur is “%2” (%3 establishment(s)). Which organisation carries the candidature? The other one becomes a member.</source>
      <translation>Le fichier désigne « %1 » comme porteur, mais le porteur du dossier est « %2 » (%3 établissement(s)). Quel organisme porte la candidature ? L'autre devient membre.</translation>
    </message>
    <message>
      <source>“%1”, the dossier's porteur until now</source>
      <translation>« %1 », le porteur du dossier jusqu'ici</translation>
    </message>
    <message>
      <source>“%1”, the porteur named in the file</source>
      <translation>« %1 », le porteur désigné dans le fichier</translation>
    </message>
  </context>
  <context>
    <name>PrintPreview</name>
    <message>
      <source>%1

The PDF opens in your usual viewer instead: print it from there.</source>
      <translation>%1

Le PDF s’ouvre à la place dans votre visionneuse habituelle : imprimez-le depuis celle-ci.</translation>
    </message>
    <message>
      <source>Page %1 could not be prepared for the printer (not enough memory?).</source>
      <translation>La page %1 n’a pas pu être préparée pour l’imprimante (mémoire insuffisante ?).</translation>
    </message>
    <message>
      <source>Printing</source>
      <translation>Impression</translation>
    </message>
    <message>
      <source>The printer reported an error: the pages may not be printed.</source>
      <translation>L’imprimante a signalé une erreur : les pages ne sont peut-être pas imprimées.</translation>
    </message>
    <message>
      <source>The printer stopped after %1 page(s).</source>
      <translation>L’imprimante s’est arrêtée après %1 page(s).</translation>
    </message>
    <message>
      <source>The printer “%1” could not be opened (switched off, disconnected or busy?).</source>
      <translation>L’imprimante « %1 » n’a pas pu être ouverte (éteinte, déconnectée ou occupée ?).</translation>
    </message>
    <message>
      <source>the PDF could not be read</source>
      <translation>le PDF n’a pas pu être lu</translation>
    </message>
    <message>
      <source>the PDF is protected</source>
      <translation>le PDF est protégé</translation>
    </message>
    <message>
      <source>the PDF is protected by a password</source>
      <translation>le PDF est protégé par un mot de passe</translation>
    </message>
    <message>
      <source>the file does not exist (any more)</source>
      <translation>le fichier n’existe pas (ou plus)</translation>
    </message>
    <message>
      <source>the file is not a readable PDF</source>
      <translation>le fichier n’est pas un PDF lisible</translation>
    </message>
    <message>
      <source>“%1” cannot be shown: %2.</source>
      <translation>« %1 » ne peut pas être affiché : %2.</translation>
    </message>
  </context>
  <context>
    <name>PrintPreviewDialog</name>
    <message>
      <source>%1 %</source>
      <translation>%1 %</translation>
    </message>
    <message>
      <source>&amp;Print…</source>
      <translation>&amp;Imprimer…</translation>
    </message>
    <message>
      <source>&amp;Save as…</source>
      <translation>En&amp;registrer sous…</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>Annuler</translation>
    </message>
    <message>
      <source>Fit width</source>
      <translation>Pleine largeur</translation>
    </message>
    <message>
      <source>Next page</source>
      <translation>Page suivante</translation>
    </message>
    <message>
      <source>PDF (*.pdf)</source>
      <translation>PDF (*.pdf)</translation>
    </message>
    <message>
      <source>Page %1 / %2</source>
      <translation>Page %1 / %2</translation>
    </message>
    <message>
      <source>Page shown</source>
      <translation>Page affichée</translation>
    </message>
    <message>
      <source>Pages of the PDF</source>
      <translation>Pages du PDF</translation>
    </message>
    <message>
      <source>Preparing the dossier for printing…</source>
      <translation>Préparation du dossier pour l’impression…</translation>
    </message>
    <message>
      <source>Previous page</source>
      <translation>Page précédente</translation>
    </message>
    <message>
      <source>Print</source>
      <translation>Imprimer</translation>
    </message>
    <message>
      <source>Print preview</source>
      <translation>Aperçu avant impression</translation>
    </message>
    <message>
      <source>Print preview — %1</source>
      <translation>Aperçu avant impression — %1</translation>
    </message>
    <message>
      <source>Print the dossier</source>
      <translation>Imprimer le dossier</translation>
    </message>
    <message>
      <source>Printing page %1 of %2…</source>
      <translation>Impression de la page %1 sur %2…</translation>
    </message>
    <message>
      <source>Printing…</source>
      <translation>Impression…</translation>
    </message>
    <message>
      <source>Save the PDF</source>
      <translation>Enregistrer le PDF</translation>
    </message>
    <message>
      <source>The PDF could not be written to “%1”: %2.</source>
      <translation>Le PDF n’a pas pu être écrit dans « %1 » : %2.</translation>
    </message>
    <message>
      <source>Zoom in</source>
      <translation>Zoom avant</translation>
    </message>
    <message>
      <source>Zoom out</source>
      <translation>Zoom arrière</translation>
    </message>
  </context>
  <context>
    <name>ProblemLine</name>
    <message>
      <source>No problem found: the campaign can be used.</source>
      <translation>Aucun problème : la campagne peut servir.</translation>
    </message>
    <message>
      <source>show the key</source>
      <translation>aller à la clé</translation>
    </message>
  </context>
  <context>
    <name>RepairPage</name>
    <message>
      <source>&amp;Restore a backup…</source>
      <translation>&amp;Restaurer une sauvegarde…</translation>
    </message>
    <message>
      <source>Back to the &amp;list of dossiers</source>
      <translation>Retour à la &amp;liste des dossiers</translation>
    </message>
    <message>
      <source>Expected</source>
      <translation>Attendu</translation>
    </message>
    <message>
      <source>Field</source>
      <translation>Champ</translation>
    </message>
    <message>
      <source>It holds %1 value(s) that esms-desktop cannot use, listed below: it is open read-only, and nothing in it can be changed, computed or printed until it is repaired.</source>
      <translation>Il contient %1 valeur(s) qu'esms-desktop ne peut pas utiliser, listées ci-dessous : il est ouvert en lecture seule, et rien ne peut y être modifié, calculé ni imprimé avant sa réparation.</translation>
    </message>
    <message>
      <source>This dossier must be repaired</source>
      <translation>Ce dossier doit être réparé</translation>
    </message>
    <message>
      <source>To repair it, restore a backup taken before the problem (every dossier goes back to that moment), or delete this dossier from the list of dossiers.</source>
      <translation>Pour le réparer, restaurez une sauvegarde prise avant le problème (tous les dossiers reviennent à cet instant), ou supprimez ce dossier de la liste des dossiers.</translation>
    </message>
    <message>
      <source>Value</source>
      <translation>Valeur</translation>
    </message>
    <message>
      <source>Values to repair</source>
      <translation>Valeurs à réparer</translation>
    </message>
    <message>
      <source>Where</source>
      <translation>Où</translation>
    </message>
  </context>
  <context>
    <name>SolutionView</name>
    <message>
      <source>%1 — %2 establishment(s)</source>
      <translation>%1 — %2 établissement(s)</translation>
    </message>
    <message>
      <source>&amp;Justification of the choice:</source>
      <translation>&amp;Justification du choix :</translation>
    </message>
    <message>
      <source>&amp;Product:</source>
      <translation>&amp;Produit :</translation>
    </message>
    <message>
      <source>&amp;Ségur referencing:</source>
      <translation>Référencement &amp;Ségur :</translation>
    </message>
    <message>
      <source>(no solution named)</source>
      <translation>(aucune solution indiquée)</translation>
    </message>
    <message>
      <source>Apply the project's solution to every establishment</source>
      <translation>Appliquer la solution du projet à tous les établissements</translation>
    </message>
    <message>
      <source>Apply this solution to every establishment</source>
      <translation>Appliquer cette solution à tous les établissements</translation>
    </message>
    <message>
      <source>As shown in the list of referenced solutions</source>
      <translation>Tel qu'indiqué dans la liste des solutions référencées</translation>
    </message>
    <message>
      <source>Asked of a project of the %1 sector(s) whose solution is not Ségur-referenced: until it is declared, the findings say it is to be checked.</source>
      <translation>Demandé pour un projet du ou des secteurs %1 dont la solution n'est pas référencée Ségur : tant que ce n'est pas déclaré, les constats l'indiquent « à vérifier ».</translation>
    </message>
    <message>
      <source>Change the Ségur referencing</source>
      <translation>Modifier le référencement Ségur</translation>
    </message>
    <message>
      <source>Company that publishes the software</source>
      <translation>Société qui édite le logiciel</translation>
    </message>
    <message>
      <source>DUI solution</source>
      <translation>Solution DUI</translation>
    </message>
    <message>
      <source>Declare the editor's registration at the referencing office</source>
      <translation>Déclarer l'inscription de l'éditeur au guichet de référencement</translation>
    </message>
    <message>
      <source>Differs from the project's solution</source>
      <translation>Diffère de la solution du projet</translation>
    </message>
    <message>
      <source>E&amp;ditor:</source>
      <translation>É&amp;diteur :</translation>
    </message>
    <message>
      <source>Edit the Ségur referencing number</source>
      <translation>Modifier le numéro de référencement Ségur</translation>
    </message>
    <message>
      <source>Edit the justification of the choice</source>
      <translation>Modifier la justification du choix</translation>
    </message>
    <message>
      <source>Edit the solution's editor</source>
      <translation>Modifier l'éditeur de la solution</translation>
    </message>
    <message>
      <source>Edit the solution's product</source>
      <translation>Modifier le produit de la solution</translation>
    </message>
    <message>
      <source>Editor</source>
      <translation>Éditeur</translation>
    </message>
    <message>
      <source>Editor registered at the Ségur referencing office: %1</source>
      <translation>Éditeur inscrit au guichet de référencement Ségur : %1</translation>
    </message>
    <message>
      <source>Every establishment already names it.</source>
      <translation>Tous les établissements l'indiquent déjà.</translation>
    </message>
    <message>
      <source>Justification of the choice</source>
      <translation>Justification du choix</translation>
    </message>
    <message>
      <source>Mandatory: at least one establishment acquires a DUI. Explain which editors were consulted and why this solution was chosen.</source>
      <translation>Obligatoire : au moins un établissement acquiert un DUI. Indiquez les éditeurs consultés et pourquoi cette solution a été retenue.</translation>
    </message>
    <message>
      <source>Name and version of the software</source>
      <translation>Nom et version du logiciel</translation>
    </message>
    <message>
      <source>Name “%1” on %2 establishment(s); Ctrl+Z undoes it.</source>
      <translation>« %1 » indiqué sur %2 établissement(s) ; Ctrl+Z l'annule.</translation>
    </message>
    <message>
      <source>No</source>
      <translation>Non</translation>
    </message>
    <message>
      <source>No establishment in the grappe yet.</source>
      <translation>Aucun établissement dans la grappe pour l'instant.</translation>
    </message>
    <message>
      <source>Not declared</source>
      <translation>Non déclaré</translation>
    </message>
    <message>
      <source>Not referenced</source>
      <translation>Non référencée</translation>
    </message>
    <message>
      <source>Product</source>
      <translation>Produit</translation>
    </message>
    <message>
      <source>Referenced</source>
      <translation>Référencée</translation>
    </message>
    <message>
      <source>Referencing &amp;number:</source>
      <translation>&amp;Numéro de référencement :</translation>
    </message>
    <message>
      <source>Solution of the project</source>
      <translation>Solution du projet</translation>
    </message>
    <message>
      <source>Solutions named on the establishments</source>
      <translation>Solutions indiquées sur les établissements</translation>
    </message>
    <message>
      <source>Ségur referencing number</source>
      <translation>Numéro de référencement Ségur</translation>
    </message>
    <message>
      <source>Ségur referencing: %1</source>
      <translation>Référencement Ségur : %1</translation>
    </message>
    <message>
      <source>The editor is &amp;registered at the Ségur referencing office on the date of the convention:</source>
      <translation>L'éditeur est &amp;inscrit au guichet de référencement Ségur à la date de la convention :</translation>
    </message>
    <message>
      <source>The shared care record (DUI) solution chosen for the project. For an acquisition, the programme funds solutions referenced in the Ségur catalogue, chosen after consulting several editors.</source>
      <translation>La solution de dossier usager informatisé (DUI) choisie pour le projet. Pour une acquisition, le programme finance des solutions référencées au catalogue Ségur, choisies après consultation de plusieurs éditeurs.</translation>
    </message>
    <message>
      <source>To be checked</source>
      <translation>À vérifier</translation>
    </message>
    <message>
      <source>Type the solution's editor or product first.</source>
      <translation>Saisissez d'abord l'éditeur ou le produit de la solution.</translation>
    </message>
    <message>
      <source>What each establishment row of the grappe names as its DUI solution, with the number of rows. They should all name the project's solution.</source>
      <translation>La solution DUI indiquée sur chaque ligne d'établissement de la grappe, avec le nombre de lignes. Toutes devraient indiquer la solution du projet.</translation>
    </message>
    <message>
      <source>Which editors were consulted, on what criteria, and why this solution was chosen.</source>
      <translation>Quels éditeurs ont été consultés, sur quels critères, et pourquoi cette solution a été retenue.</translation>
    </message>
    <message>
      <source>Yes</source>
      <translation>Oui</translation>
    </message>
  </context>
  <context>
    <name>TargetsView</name>
    <message>
      <source>Accept an attestation</source>
      <translation>Cocher une attestation</translation>
    </message>
    <message>
      <source>Add a milestone</source>
      <translation>Ajouter une étape</translation>
    </message>
    <message>
      <source>Add a target</source>
      <translation>Ajouter une cible</translation>
    </message>
    <message>
      <source>Add a usage target</source>
      <translation>Ajouter une cible d'usage</translation>
    </message>
    <message>
      <source>As set by the call for projects: a percentage (80 %) or a count, per period if any (100 messages / mois, 300 DUI actifs); empty when not set</source>
      <translation>Tel que fixé par l'appel à projets : un pourcentage (80 %) ou un nombre, par période s'il y a lieu (100 messages / mois, 300 DUI actifs) ; vide tant qu'il n'est pas connu</translation>
    </message>
    <message>
      <source>Attestations</source>
      <translation>Attestations</translation>
    </message>
    <message>
      <source>Current value</source>
      <translation>Valeur actuelle</translation>
    </message>
    <message>
      <source>Description</source>
      <translation>Description</translation>
    </message>
    <message>
      <source>Due date</source>
      <translation>Échéance</translation>
    </message>
    <message>
      <source>Edit a milestone</source>
      <translation>Modifier une étape</translation>
    </message>
    <message>
      <source>Edit a usage target</source>
      <translation>Modifier une cible d'usage</translation>
    </message>
    <message>
      <source>Edit the governance</source>
      <translation>Modifier la gouvernance</translation>
    </message>
    <message>
      <source>Evidence</source>
      <translation>Justificatif</translation>
    </message>
    <message>
      <source>Governance of the project</source>
      <translation>Gouvernance du projet</translation>
    </message>
    <message>
      <source>How the grappe &amp;steers the project: steering committee, who takes part, how often it meets, how decisions are recorded.</source>
      <translation>Comment la grappe &amp;pilote le projet : comité de pilotage, participants, fréquence des réunions, traçabilité des décisions.</translation>
    </message>
    <message>
      <source>Indicator</source>
      <translation>Indicateur</translation>
    </message>
    <message>
      <source>Milestone</source>
      <translation>Étape</translation>
    </message>
    <message>
      <source>New indicator</source>
      <translation>Nouvel indicateur</translation>
    </message>
    <message>
      <source>New milestone</source>
      <translation>Nouvelle étape</translation>
    </message>
    <message>
      <source>Planning</source>
      <translation>Planning</translation>
    </message>
    <message>
      <source>Planning milestones</source>
      <translation>Étapes du planning</translation>
    </message>
    <message>
      <source>Remove milestone</source>
      <translation>Retirer l'étape</translation>
    </message>
    <message>
      <source>Remove milestone(s)</source>
      <translation>Retirer des étapes</translation>
    </message>
    <message>
      <source>Remove target</source>
      <translation>Retirer la cible</translation>
    </message>
    <message>
      <source>Remove usage target(s)</source>
      <translation>Retirer des cibles d'usage</translation>
    </message>
    <message>
      <source>Sector</source>
      <translation>Secteur</translation>
    </message>
    <message>
      <source>The key steps of the project (choice of the solution, deployment, first uses…), each with its due date typed as dd/mm/yyyy.</source>
      <translation>Les grandes étapes du projet (choix de la solution, déploiement, premiers usages…), chacune avec son échéance au format jj/mm/aaaa.</translation>
    </message>
    <message>
      <source>The usage targets the organisations commit to, the project's planning and governance, and the attestations the porteur signs. Double-click a cell or press F2 to edit it.</source>
      <translation>Les cibles d'usage sur lesquelles les organismes s'engagent, le planning et la gouvernance du projet, et les attestations que signe le porteur. Double-cliquez sur une cellule ou appuyez sur F2 pour la modifier.</translation>
    </message>
    <message>
      <source>Threshold</source>
      <translation>Seuil</translation>
    </message>
    <message>
      <source>Thresholds change from one call for projects to the next: copy them from your ARS's call, as a percentage (80 %) or a count per period (100 messages / mois). Leave a threshold empty until you know it.</source>
      <translation>Les seuils changent d'un appel à projets à l'autre : recopiez ceux de l'appel de votre ARS, en pourcentage (80 %) ou en nombre par période (100 messages / mois). Laissez un seuil vide tant que vous ne le connaissez pas.</translation>
    </message>
    <message>
      <source>Time frame</source>
      <translation>Échéance de mesure</translation>
    </message>
    <message>
      <source>Usage targets</source>
      <translation>Cibles d'usage</translation>
    </message>
    <message>
      <source>Usage targets and commitments</source>
      <translation>Cibles d'usage et engagements</translation>
    </message>
    <message>
      <source>Where the organisations stand today, as you know it (35 %, none…): the commitment reads as a move from there to the threshold</source>
      <translation>Où en sont les organismes aujourd'hui (35 %, aucun…) : l'engagement se lit comme le passage de cette valeur au seuil</translation>
    </message>
    <message>
      <source>Withdraw an attestation</source>
      <translation>Décocher une attestation</translation>
    </message>
    <message>
      <source>dd/mm/yyyy</source>
      <translation>jj/mm/aaaa</translation>
    </message>
  </context>
  <context>
    <name>ThresholdDialog</name>
    <message>
      <source>&amp;Threshold:</source>
      <translation>&amp;Seuil :</translation>
    </message>
    <message>
      <source>Threshold of my convention</source>
      <translation>Seuil de ma convention</translation>
    </message>
    <message>
      <source>a threshold is needed</source>
      <translation>un seuil est nécessaire</translation>
    </message>
  </context>
</TS>
