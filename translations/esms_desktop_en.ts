<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB">
  <context>
    <name>AbsentCampaignPage</name>
    <message>
      <source>The campaign of this dossier is absent</source>
      <translation>The campaign of this dossier is absent</translation>
    </message>
    <message>
      <source>This dossier follows the campaign “%1”, whose file is not in this data folder (%2): nothing can be computed without its rules. Import the campaign's file (File › Campaigns…), then open the dossier again; or change the dossier's campaign (button on the left).</source>
      <translation>This dossier follows the campaign “%1”, whose file is not in this data folder (%2): nothing can be computed without its rules. Import the campaign's file (File › Campaigns…), then open the dossier again; or change the dossier's campaign (button on the left).</translation>
    </message>
  </context>
  <context>
    <name>AlreadyHereBox</name>
    <message>
      <source>%1 other dossier(s) of this folder have this organisation too.</source>
      <translation>%1 other dossier(s) of this folder have this organisation too.</translation>
    </message>
    <message>
      <source>%1 other dossier(s) of this folder hold it too.</source>
      <translation>%1 other dossier(s) of this folder hold it too.</translation>
    </message>
    <message>
      <source>&amp;Merge into it…</source>
      <translation>&amp;Merge into it…</translation>
    </message>
    <message>
      <source>&amp;Merge…</source>
      <translation>&amp;Merge…</translation>
    </message>
    <message>
      <source>&amp;Open</source>
      <translation>&amp;Open</translation>
    </message>
    <message>
      <source>&amp;Open the dossier</source>
      <translation>&amp;Open the dossier</translation>
    </message>
    <message>
      <source>Already in this data folder</source>
      <translation>Already in this data folder</translation>
    </message>
    <message>
      <source>Create a &amp;copy</source>
      <translation>Create a &amp;copy</translation>
    </message>
    <message>
      <source>Create a &amp;new dossier</source>
      <translation>Create a &amp;new dossier</translation>
    </message>
    <message>
      <source>Its establishments are already as the file has them.</source>
      <translation>Its establishments are already as the file has them.</translation>
    </message>
    <message>
      <source>Merging shows what the file adds and changes before applying it.</source>
      <translation>Merging shows what the file adds and changes before applying it.</translation>
    </message>
    <message>
      <source>Nothing differs from the file: opening it is enough.</source>
      <translation>Nothing differs from the file: opening it is enough.</translation>
    </message>
    <message>
      <source>The file “%1” holds the dossier “%2”, which is already in this data folder as “%3”.</source>
      <translation>The file “%1” holds the dossier “%2”, which is already in this data folder as “%3”.</translation>
    </message>
    <message>
      <source>The file “%1” holds the dossier “%2”, which is already in this data folder.</source>
      <translation>The file “%1” holds the dossier “%2”, which is already in this data folder.</translation>
    </message>
    <message>
      <source>The file “%1” is the part of “%2”, an organisation already in the dossier “%3”.</source>
      <translation>The file “%1” is the part of “%2”, an organisation already in the dossier “%3”.</translation>
    </message>
    <message>
      <source>The two differ (last changed here on %1). Merging brings the file's organisations and establishments, each change shown before it is applied.</source>
      <translation>The two differ (last changed here on %1). Merging brings the file's organisations and establishments, each change shown before it is applied.</translation>
    </message>
  </context>
  <context>
    <name>AmendmentDialog</name>
    <message>
      <source>&amp;Create an amendment</source>
      <translation>&amp;Create an amendment</translation>
    </message>
    <message>
      <source>&amp;Reference or reason of the amendment:</source>
      <translation>&amp;Reference or reason of the amendment:</translation>
    </message>
    <message>
      <source>Candidature already filed</source>
      <translation>Candidature already filed</translation>
    </message>
    <message>
      <source>Changes to what was filed</source>
      <translation>Changes to what was filed</translation>
    </message>
    <message>
      <source>Reference or reason of the amendment</source>
      <translation>Reference or reason of the amendment</translation>
    </message>
    <message>
      <source>This candidature was filed on %1: what the ARS judged is kept as it was. This change would alter what was filed:</source>
      <translation>This candidature was filed on %1: what the ARS judged is kept as it was. This change would alter what was filed:</translation>
    </message>
    <message>
      <source>To make it, create an amendment (avenant): a change of the filed candidature to agree with your ARS. It is recorded with its date, and shown in the follow-up step and in the reports. Otherwise, cancel: nothing is changed.</source>
      <translation>To make it, create an amendment (avenant): a change of the filed candidature to agree with your ARS. It is recorded with its date, and shown in the follow-up step and in the reports. Otherwise, cancel: nothing is changed.</translation>
    </message>
    <message>
      <source>optional</source>
      <translation>optional</translation>
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
      <translation>Note of the amendment of %1</translation>
    </message>
    <message>
      <source>Reference or reason</source>
      <translation>Reference or reason</translation>
    </message>
    <message>
      <source>What changed</source>
      <translation>What changed</translation>
    </message>
  </context>
  <context>
    <name>AmendmentsPanel</name>
    <message>
      <source>Amendments</source>
      <translation>Amendments</translation>
    </message>
    <message>
      <source>No amendment. An amendment (avenant) is a change of the filed candidature to agree with your ARS; it is created by editing a filed step (grappe, budget, porteur, commitments) and accepting to record the change, with its date.</source>
      <translation>No amendment. An amendment (avenant) is a change of the filed candidature to agree with your ARS; it is created by editing a filed step (grappe, budget, porteur, commitments) and accepting to record the change, with its date.</translation>
    </message>
  </context>
  <context>
    <name>AnnexesModel</name>
    <message>
      <source>Attached file</source>
      <translation>Attached file</translation>
    </message>
    <message>
      <source>Document</source>
      <translation>Document</translation>
    </message>
    <message>
      <source>Required</source>
      <translation>Required</translation>
    </message>
    <message>
      <source>Tick “%1”</source>
      <translation>Tick “%1”</translation>
    </message>
    <message>
      <source>if applicable</source>
      <translation>if applicable</translation>
    </message>
    <message>
      <source>required</source>
      <translation>required</translation>
    </message>
    <message>
      <source>required: %1</source>
      <translation>required: %1</translation>
    </message>
  </context>
  <context>
    <name>App</name>
    <message>
      <source>%1

Restore the most recent valid backup (%2)?</source>
      <translation>%1

Restore the most recent valid backup (%2)?</translation>
    </message>
    <message>
      <source>Damaged database</source>
      <translation>Damaged database</translation>
    </message>
  </context>
  <context>
    <name>AutodiagView</name>
    <message>
      <source>%1
%2 / %3 answered</source>
      <translation>%1
%2 / %3 answered</translation>
    </message>
    <message>
      <source>%1
%2 / %3 answered · level %4 typed from MaturiN-SMS</source>
      <translation>%1
%2 / %3 answered · level %4 typed from MaturiN-SMS</translation>
    </message>
    <message>
      <source>%1
%2 / %3 answered · score %4</source>
      <translation>%1
%2 / %3 answered · score %4</translation>
    </message>
    <message>
      <source>%1 (MaturiN-SMS): level %2, guides nothing</source>
      <translation>%1 (MaturiN-SMS): level %2, guides nothing</translation>
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
      <translation>%1 answer(s) to questions this version of the questionnaire no longer has are kept in the dossier but not counted.</translation>
    </message>
    <message>
      <source>%1 — level %2</source>
      <translation>%1 — level %2</translation>
    </message>
    <message>
      <source>%1: %2 establishment(s)</source>
      <translation>%1: %2 establishment(s)</translation>
    </message>
    <message>
      <source>A maturity questionnaire in seven domains, answered for the grappe as a whole. No form is imposed by the programme; the results guide the project type of each establishment and the priorities of the project.</source>
      <translation>A maturity questionnaire in seven domains, answered for the grappe as a whole. No form is imposed by the programme; the results guide the project type of each establishment and the priorities of the project.</translation>
    </message>
    <message>
      <source>Add the establishments of the grappe to apply the suggestions.</source>
      <translation>Add the establishments of the grappe to apply the suggestions.</translation>
    </message>
    <message>
      <source>Answer the &amp;questionnaire</source>
      <translation>Answer the &amp;questionnaire</translation>
    </message>
    <message>
      <source>Answer the question “%1”</source>
      <translation>Answer the question “%1”</translation>
    </message>
    <message>
      <source>Apply the suggested project types (%1 establishment(s))</source>
      <translation>Apply the suggested project types (%1 establishment(s))</translation>
    </message>
    <message>
      <source>Apply the suggested project types to the grappe</source>
      <translation>Apply the suggested project types to the grappe</translation>
    </message>
    <message>
      <source>Change the MaturiN-SMS assessment date</source>
      <translation>Change the MaturiN-SMS assessment date</translation>
    </message>
    <message>
      <source>Clear the MaturiN-SMS assessment date</source>
      <translation>Clear the MaturiN-SMS assessment date</translation>
    </message>
    <message>
      <source>Current DUI (to route the project type)</source>
      <translation>Current DUI (to route the project type)</translation>
    </message>
    <message>
      <source>Date of the MaturiN-SMS assessment</source>
      <translation>Date of the MaturiN-SMS assessment</translation>
    </message>
    <message>
      <source>Date of the MaturiN-SMS assessment known</source>
      <translation>Date of the MaturiN-SMS assessment known</translation>
    </message>
    <message>
      <source>Domains of the questionnaire</source>
      <translation>Domains of the questionnaire</translation>
    </message>
    <message>
      <source>Figures used per domain</source>
      <translation>Figures used per domain</translation>
    </message>
    <message>
      <source>I already answered MaturiN-SMS: type my &amp;levels</source>
      <translation>I already answered MaturiN-SMS: type my &amp;levels</translation>
    </message>
    <message>
      <source>Known</source>
      <translation>Known</translation>
    </message>
    <message>
      <source>Level %1 — %2</source>
      <translation>Level %1 — %2</translation>
    </message>
    <message>
      <source>Levels typed from MaturiN-SMS</source>
      <translation>Levels typed from MaturiN-SMS</translation>
    </message>
    <message>
      <source>Levels typed from MaturiN-SMS
%1 / %2 typed</source>
      <translation>Levels typed from MaturiN-SMS
%1 / %2 typed</translation>
    </message>
    <message>
      <source>MaturiN-SMS assessment &amp;date:</source>
      <translation>MaturiN-SMS assessment &amp;date:</translation>
    </message>
    <message>
      <source>MaturiN-SMS, typed</source>
      <translation>MaturiN-SMS, typed</translation>
    </message>
    <message>
      <source>Next: %1</source>
      <translation>Next: %1</translation>
    </message>
    <message>
      <source>No matching domain in the questionnaire: shown, guides nothing.</source>
      <translation>No matching domain in the questionnaire: shown, guides nothing.</translation>
    </message>
    <message>
      <source>No project type can be suggested yet: answer the question on the current DUI (domain “%1”) or state it on the establishments.</source>
      <translation>No project type can be suggested yet: answer the question on the current DUI (domain “%1”) or state it on the establishments.</translation>
    </message>
    <message>
      <source>Not entered</source>
      <translation>Not entered</translation>
    </message>
    <message>
      <source>Overall score: %1 / 100 — %2</source>
      <translation>Overall score: %1 / 100 — %2</translation>
    </message>
    <message>
      <source>Overall score: not assessed yet</source>
      <translation>Overall score: not assessed yet</translation>
    </message>
    <message>
      <source>Questions answered</source>
      <translation>Questions answered</translation>
    </message>
    <message>
      <source>Recommendations</source>
      <translation>Recommendations</translation>
    </message>
    <message>
      <source>Results and recommendations</source>
      <translation>Results and recommendations</translation>
    </message>
    <message>
      <source>Score per domain</source>
      <translation>Score per domain</translation>
    </message>
    <message>
      <source>Score per domain (out of 100)</source>
      <translation>Score per domain (out of 100)</translation>
    </message>
    <message>
      <source>See the results</source>
      <translation>See the results</translation>
    </message>
    <message>
      <source>Self-assessment</source>
      <translation>Self-assessment</translation>
    </message>
    <message>
      <source>Set the MaturiN-SMS assessment date</source>
      <translation>Set the MaturiN-SMS assessment date</translation>
    </message>
    <message>
      <source>Stands in for domain %1 while it has no answer.</source>
      <translation>Stands in for domain %1 while it has no answer.</translation>
    </message>
    <message>
      <source>Suggested changes — %1.</source>
      <translation>Suggested changes — %1.</translation>
    </message>
    <message>
      <source>The project types of the grappe already follow the suggestions.</source>
      <translation>The project types of the grappe already follow the suggestions.</translation>
    </message>
    <message>
      <source>The questionnaire cannot be read: %1</source>
      <translation>The questionnaire cannot be read: %1</translation>
    </message>
    <message>
      <source>This questionnaire is esms-desktop’s own (%1 questions), inspired by the ANS’s MaturiN-SMS framework (64 questions), with one different domain: “Interoperability and core services” instead of “Quality of service”.</source>
      <translation>This questionnaire is esms-desktop’s own (%1 questions), inspired by the ANS’s MaturiN-SMS framework (64 questions), with one different domain: “Interoperability and core services” instead of “Quality of service”.</translation>
    </message>
    <message>
      <source>Type the MaturiN-SMS level of “%1”</source>
      <translation>Type the MaturiN-SMS level of “%1”</translation>
    </message>
    <message>
      <source>Type, for each dimension, the level (1 to 5) your MaturiN-SMS result gives. A level stands in for the score of the matching domain of the questionnaire as long as that domain has no answer; a dimension without a matching domain is shown and printed but guides nothing.</source>
      <translation>Type, for each dimension, the level (1 to 5) your MaturiN-SMS result gives. A level stands in for the score of the matching domain of the questionnaire as long as that domain has no answer; a dimension without a matching domain is shown and printed but guides nothing.</translation>
    </message>
    <message>
      <source>not assessed</source>
      <translation>not assessed</translation>
    </message>
    <message>
      <source>questionnaire</source>
      <translation>questionnaire</translation>
    </message>
    <message>
      <source>source: %1</source>
      <translation>source: %1</translation>
    </message>
  </context>
  <context>
    <name>Background</name>
    <message>
      <source>Cancel</source>
      <translation>Cancel</translation>
    </message>
  </context>
  <context>
    <name>BackupFiles</name>
    <message>
      <source>Every dossier, with its annexes, is saved in “%1”.

Keep this file away from this computer (USB key, network folder): File › Restore a backup… › From a file… brings it back.</source>
      <translation>Every dossier, with its annexes, is saved in “%1”.

Keep this file away from this computer (USB key, network folder): File › Restore a backup… › From a file… brings it back.</translation>
    </message>
    <message>
      <source>Restore a backup</source>
      <translation>Restore a backup</translation>
    </message>
    <message>
      <source>Restore a backup from a file</source>
      <translation>Restore a backup from a file</translation>
    </message>
    <message>
      <source>Save a backup as</source>
      <translation>Save a backup as</translation>
    </message>
    <message>
      <source>esms-desktop backups (*.sqlite3);;All files (*)</source>
      <translation>esms-desktop backups (*.sqlite3);;All files (*)</translation>
    </message>
    <message>
      <source>of %1</source>
      <translation>of %1</translation>
    </message>
    <message>
      <source>of unknown date</source>
      <translation>of unknown date</translation>
    </message>
    <message>
      <source>“%1” is a backup %2: %3 dossier(s), %4 ESSMS.

Every dossier of this computer will be replaced by those of the backup (the current state is backed up first). Restore it?</source>
      <translation>“%1” is a backup %2: %3 dossier(s), %4 ESSMS.

Every dossier of this computer will be replaced by those of the backup (the current state is backed up first). Restore it?</translation>
    </message>
  </context>
  <context>
    <name>BudgetModels</name>
    <message>
      <source> (paid to the editor)</source>
      <translation> (paid to the editor)</translation>
    </message>
    <message>
      <source> — to be confirmed</source>
      <translation> — to be confirmed</translation>
    </message>
    <message>
      <source>%1 (provisional)</source>
      <translation>%1 (provisional)</translation>
    </message>
    <message>
      <source>Amount incl. VAT</source>
      <translation>Amount incl. VAT</translation>
    </message>
    <message>
      <source>Establishment</source>
      <translation>Establishment</translation>
    </message>
    <message>
      <source>FINESS</source>
      <translation>FINESS</translation>
    </message>
    <message>
      <source>Line</source>
      <translation>Line</translation>
    </message>
    <message>
      <source>Not counted</source>
      <translation>Not counted</translation>
    </message>
    <message>
      <source>Not funded</source>
      <translation>Not funded</translation>
    </message>
    <message>
      <source>Organisation</source>
      <translation>Organisation</translation>
    </message>
    <message>
      <source>Project</source>
      <translation>Project</translation>
    </message>
    <message>
      <source>Remark</source>
      <translation>Remark</translation>
    </message>
    <message>
      <source>Rule</source>
      <translation>Rule</translation>
    </message>
    <message>
      <source>Set %1</source>
      <translation>Set %1</translation>
    </message>
    <message>
      <source>Share</source>
      <translation>Share</translation>
    </message>
    <message>
      <source>Source</source>
      <translation>Source</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>Status</translation>
    </message>
    <message>
      <source>Tranche</source>
      <translation>Tranche</translation>
    </message>
    <message>
      <source>Value</source>
      <translation>Value</translation>
    </message>
    <message>
      <source>a positive amount in euros is expected</source>
      <translation>a positive amount in euros is expected</translation>
    </message>
    <message>
      <source>an amount in euros is expected</source>
      <translation>an amount in euros is expected</translation>
    </message>
    <message>
      <source>entered by you</source>
      <translation>entered by you</translation>
    </message>
    <message>
      <source>founding documents</source>
      <translation>founding documents</translation>
    </message>
    <message>
      <source>implausible amount: 100,000,000 € at most</source>
      <translation>implausible amount: 100,000,000 € at most</translation>
    </message>
    <message>
      <source>provisional amount, to be confirmed</source>
      <translation>provisional amount, to be confirmed</translation>
    </message>
    <message>
      <source>public source</source>
      <translation>public source</translation>
    </message>
    <message>
      <source>to be confirmed with your ARS</source>
      <translation>to be confirmed with your ARS</translation>
    </message>
    <message>
      <source>to be filled in</source>
      <translation>to be filled in</translation>
    </message>
  </context>
  <context>
    <name>BudgetView</name>
    <message>
      <source>%1 ESSMS counted, %2 funded — %3</source>
      <translation>%1 ESSMS counted, %2 funded — %3</translation>
    </message>
    <message>
      <source>&lt;b&gt;Project lines&lt;/b&gt;</source>
      <translation>&lt;b&gt;Project lines&lt;/b&gt;</translation>
    </message>
    <message>
      <source>&lt;b&gt;Total: %1&lt;/b&gt;</source>
      <translation>&lt;b&gt;Total: %1&lt;/b&gt;</translation>
    </message>
    <message>
      <source>&lt;h2&gt;Budget&lt;/h2&gt;</source>
      <translation>&lt;h2&gt;Budget&lt;/h2&gt;</translation>
    </message>
    <message>
      <source>Amount per organisation</source>
      <translation>Amount per organisation</translation>
    </message>
    <message>
      <source>Amounts marked “to be confirmed with your ARS” can be typed in from your ARS's call for projects; empty the cell to go back to the campaign's value.</source>
      <translation>Amounts marked “to be confirmed with your ARS” can be typed in from your ARS's call for projects; empty the cell to go back to the campaign's value.</translation>
    </message>
    <message>
      <source>Campaign values</source>
      <translation>Campaign values</translation>
    </message>
    <message>
      <source>Detail: lines and rules</source>
      <translation>Detail: lines and rules</translation>
    </message>
    <message>
      <source>Establishments</source>
      <translation>Establishments</translation>
    </message>
    <message>
      <source>Funding per establishment</source>
      <translation>Funding per establishment</translation>
    </message>
    <message>
      <source>Lines of the selected establishment</source>
      <translation>Lines of the selected establishment</translation>
    </message>
    <message>
      <source>Payment tranches</source>
      <translation>Payment tranches</translation>
    </message>
    <message>
      <source>Project lines</source>
      <translation>Project lines</translation>
    </message>
    <message>
      <source>Save these amounts in a &amp;new campaign…</source>
      <translation>Save these amounts in a &amp;new campaign…</translation>
    </message>
    <message>
      <source>Select an establishment to see its lines.</source>
      <translation>Select an establishment to see its lines.</translation>
    </message>
    <message>
      <source>The amounts typed here become those of a new campaign of yours, so that the next dossier does not type them again.</source>
      <translation>The amounts typed here become those of a new campaign of yours, so that the next dossier does not type them again.</translation>
    </message>
    <message>
      <source>Totals and tranches</source>
      <translation>Totals and tranches</translation>
    </message>
    <message>
      <source>eligible</source>
      <translation>eligible</translation>
    </message>
    <message>
      <source>incomplete: some amounts are still to be filled in</source>
      <translation>incomplete: some amounts are still to be filled in</translation>
    </message>
    <message>
      <source>not eligible</source>
      <translation>not eligible</translation>
    </message>
  </context>
  <context>
    <name>CampaignEditor</name>
    <message>
      <source>&amp;New campaign based on this one…</source>
      <translation>&amp;New campaign based on this one…</translation>
    </message>
    <message>
      <source>&amp;Remove</source>
      <translation>&amp;Remove</translation>
    </message>
    <message>
      <source>&amp;Save</source>
      <translation>&amp;Save</translation>
    </message>
    <message>
      <source>A campaign shipped with the program cannot be changed: use “New campaign based on this one…” to enter your ARS's values.</source>
      <translation>A campaign shipped with the program cannot be changed: use “New campaign based on this one…” to enter your ARS's values.</translation>
    </message>
    <message>
      <source>A&amp;dd a band</source>
      <translation>A&amp;dd a band</translation>
    </message>
    <message>
      <source>A&amp;dd a line</source>
      <translation>A&amp;dd a line</translation>
    </message>
    <message>
      <source>A&amp;dd a note</source>
      <translation>A&amp;dd a note</translation>
    </message>
    <message>
      <source>A&amp;dd a payment</source>
      <translation>A&amp;dd a payment</translation>
    </message>
    <message>
      <source>A&amp;dd a reminder</source>
      <translation>A&amp;dd a reminder</translation>
    </message>
    <message>
      <source>A&amp;dd a step</source>
      <translation>A&amp;dd a step</translation>
    </message>
    <message>
      <source>A&amp;dd an amount…</source>
      <translation>A&amp;dd an amount…</translation>
    </message>
    <message>
      <source>A&amp;dd…</source>
      <translation>A&amp;dd…</translation>
    </message>
    <message>
      <source>C&amp;lear the value</source>
      <translation>C&amp;lear the value</translation>
    </message>
    <message>
      <source>Campaign not saved</source>
      <translation>Campaign not saved</translation>
    </message>
    <message>
      <source>Campaign “%1” (%2)[*] — esms-desktop</source>
      <translation>Campaign “%1” (%2)[*] — esms-desktop</translation>
    </message>
    <message>
      <source>Clear %1</source>
      <translation>Clear %1</translation>
    </message>
    <message>
      <source>Close</source>
      <translation>Close</translation>
    </message>
    <message>
      <source>Do&amp;n't save</source>
      <translation>Do&amp;n't save</translation>
    </message>
    <message>
      <source>F2 or Enter edits the selected value, Enter keeps it, Escape leaves it as it was; Ctrl+Z undoes, Ctrl+Y redoes. Amounts in euros (12 500), dates as DD/MM/YYYY, percentages as 50 or 33,5.</source>
      <translation>F2 or Enter edits the selected value, Enter keeps it, Escape leaves it as it was; Ctrl+Z undoes, Ctrl+Y redoes. Amounts in euros (12 500), dates as DD/MM/YYYY, percentages as 50 or 33,5.</translation>
    </message>
    <message>
      <source>Identifier “%1” is already that of the campaign “%2”: give this one another identifier (key id).</source>
      <translation>Identifier “%1” is already that of the campaign “%2”: give this one another identifier (key id).</translation>
    </message>
    <message>
      <source>Key in the file: %1</source>
      <translation>Key in the file: %1</translation>
    </message>
    <message>
      <source>Keys of the campaign</source>
      <translation>Keys of the campaign</translation>
    </message>
    <message>
      <source>Name of the amount (lower-case letters, digits and _; the lines refer to it by this name):</source>
      <translation>Name of the amount (lower-case letters, digits and _; the lines refer to it by this name):</translation>
    </message>
    <message>
      <source>New amount</source>
      <translation>New amount</translation>
    </message>
    <message>
      <source>Redo</source>
      <translation>Redo</translation>
    </message>
    <message>
      <source>Remove %1</source>
      <translation>Remove %1</translation>
    </message>
    <message>
      <source>Saved in %1</source>
      <translation>Saved in %1</translation>
    </message>
    <message>
      <source>The campaign cannot be saved yet:

%1</source>
      <translation>The campaign cannot be saved yet:

%1</translation>
    </message>
    <message>
      <source>The campaign “%1” has changes that are not saved. Save them?</source>
      <translation>The campaign “%1” has changes that are not saved. Save them?</translation>
    </message>
    <message>
      <source>This campaign is shipped with the program: it can be read, not changed. To enter your ARS's values, create a new campaign from it.</source>
      <translation>This campaign is shipped with the program: it can be read, not changed. To enter your ARS's values, create a new campaign from it.</translation>
    </message>
    <message>
      <source>Undo</source>
      <translation>Undo</translation>
    </message>
    <message>
      <source>Unsaved changes</source>
      <translation>Unsaved changes</translation>
    </message>
    <message>
      <source>Value: %1</source>
      <translation>Value: %1</translation>
    </message>
    <message>
      <source>Where this value usually is:</source>
      <translation>Where this value usually is:</translation>
    </message>
    <message>
      <source>Where to find this value:</source>
      <translation>Where to find this value:</translation>
    </message>
    <message>
      <source>“%1” cannot name an amount: %2.</source>
      <translation>“%1” cannot name an amount: %2.</translation>
    </message>
  </context>
  <context>
    <name>CampaignSwitchDialog</name>
    <message>
      <source>&amp;Campaign:</source>
      <translation>&amp;Campaign:</translation>
    </message>
    <message>
      <source>Amounts typed in this dossier that this campaign does not have, and which will be dropped: %1.</source>
      <translation>Amounts typed in this dossier that this campaign does not have, and which will be dropped: %1.</translation>
    </message>
    <message>
      <source>C&amp;hange</source>
      <translation>C&amp;hange</translation>
    </message>
    <message>
      <source>Campaign</source>
      <translation>Campaign</translation>
    </message>
    <message>
      <source>Change the campaign</source>
      <translation>Change the campaign</translation>
    </message>
    <message>
      <source>No amount was typed in this dossier: nothing is dropped.</source>
      <translation>No amount was typed in this dossier: nothing is dropped.</translation>
    </message>
    <message>
      <source>The %1 amount(s) typed in this dossier are kept.</source>
      <translation>The %1 amount(s) typed in this dossier are kept.</translation>
    </message>
    <message>
      <source>The %1 other(s) are kept.</source>
      <translation>The %1 other(s) are kept.</translation>
    </message>
    <message>
      <source>This dossier follows the campaign “%1” (%2).</source>
      <translation>This dossier follows the campaign “%1” (%2).</translation>
    </message>
    <message>
      <source>This dossier's campaign “%1” is not in this data folder. Choosing another one cannot be undone: to keep “%1”, import its file instead (File › Campaigns…).</source>
      <translation>This dossier's campaign “%1” is not in this data folder. Choosing another one cannot be undone: to keep “%1”, import its file instead (File › Campaigns…).</translation>
    </message>
    <message>
      <source>This is already the dossier's campaign.</source>
      <translation>This is already the dossier's campaign.</translation>
    </message>
    <message>
      <source>Total of the dossier with this campaign: %1.</source>
      <translation>Total of the dossier with this campaign: %1.</translation>
    </message>
    <message>
      <source>your campaign</source>
      <translation>your campaign</translation>
    </message>
  </context>
  <context>
    <name>CampaignTree</name>
    <message>
      <source>(not set)</source>
      <translation>(not set)</translation>
    </message>
    <message>
      <source>(not set: founding documents)</source>
      <translation>(not set: founding documents)</translation>
    </message>
    <message>
      <source>Band %1</source>
      <translation>Band %1</translation>
    </message>
    <message>
      <source>Change %1</source>
      <translation>Change %1</translation>
    </message>
    <message>
      <source>Identity</source>
      <translation>Identity</translation>
    </message>
    <message>
      <source>Item</source>
      <translation>Item</translation>
    </message>
    <message>
      <source>Line %1</source>
      <translation>Line %1</translation>
    </message>
    <message>
      <source>Note %1</source>
      <translation>Note %1</translation>
    </message>
    <message>
      <source>Payment %1</source>
      <translation>Payment %1</translation>
    </message>
    <message>
      <source>Reminder %1</source>
      <translation>Reminder %1</translation>
    </message>
    <message>
      <source>Source</source>
      <translation>Source</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>Status</translation>
    </message>
    <message>
      <source>Step %1</source>
      <translation>Step %1</translation>
    </message>
    <message>
      <source>Type the value first, then its status or source.</source>
      <translation>Type the value first, then its status or source.</translation>
    </message>
    <message>
      <source>Value</source>
      <translation>Value</translation>
    </message>
    <message>
      <source>a first rank (50) or a first and last rank (1-49) is expected</source>
      <translation>a first rank (50) or a first and last rank (1-49) is expected</translation>
    </message>
    <message>
      <source>a note cannot be empty</source>
      <translation>a note cannot be empty</translation>
    </message>
    <message>
      <source>a percentage between 0 and 100 is expected (e.g. 50 or 33,5)</source>
      <translation>a percentage between 0 and 100 is expected (e.g. 50 or 33,5)</translation>
    </message>
    <message>
      <source>a positive number is expected (1,2 for +20 %)</source>
      <translation>a positive number is expected (1,2 for +20 %)</translation>
    </message>
    <message>
      <source>an amount of this name already exists</source>
      <translation>an amount of this name already exists</translation>
    </message>
    <message>
      <source>from %1</source>
      <translation>from %1</translation>
    </message>
    <message>
      <source>from %1 on</source>
      <translation>from %1 on</translation>
    </message>
    <message>
      <source>lower-case letters without accents, digits and _ only (e.g. acquisition_2026)</source>
      <translation>lower-case letters without accents, digits and _ only (e.g. acquisition_2026)</translation>
    </message>
    <message>
      <source>no</source>
      <translation>no</translation>
    </message>
    <message>
      <source>no date</source>
      <translation>no date</translation>
    </message>
    <message>
      <source>not set</source>
      <translation>not set</translation>
    </message>
    <message>
      <source>not set (yes by default)</source>
      <translation>not set (yes by default)</translation>
    </message>
    <message>
      <source>the last rank comes before the first</source>
      <translation>the last rank comes before the first</translation>
    </message>
    <message>
      <source>this row has the problem shown under the tree</source>
      <translation>this row has the problem shown under the tree</translation>
    </message>
    <message>
      <source>this value is required</source>
      <translation>this value is required</translation>
    </message>
    <message>
      <source>to be filled in</source>
      <translation>to be filled in</translation>
    </message>
    <message>
      <source>to be filled in (provisional: %1)</source>
      <translation>to be filled in (provisional: %1)</translation>
    </message>
    <message>
      <source>unknown status</source>
      <translation>unknown status</translation>
    </message>
    <message>
      <source>until %1</source>
      <translation>until %1</translation>
    </message>
    <message>
      <source>yes</source>
      <translation>yes</translation>
    </message>
    <message>
      <source>“%1” is not one of: %2</source>
      <translation>“%1” is not one of: %2</translation>
    </message>
    <message>
      <source>“%1” was not kept (%2, %3): %4. The previous value stays.</source>
      <translation>“%1” was not kept (%2, %3): %4. The previous value stays.</translation>
    </message>
  </context>
  <context>
    <name>CampaignsDialog</name>
    <message>
      <source>&amp;Delete</source>
      <translation>&amp;Delete</translation>
    </message>
    <message>
      <source>&amp;Import…</source>
      <translation>&amp;Import…</translation>
    </message>
    <message>
      <source>&amp;New campaign based on…</source>
      <translation>&amp;New campaign based on…</translation>
    </message>
    <message>
      <source>&amp;Replace</source>
      <translation>&amp;Replace</translation>
    </message>
    <message>
      <source>&amp;View…</source>
      <translation>&amp;View…</translation>
    </message>
    <message>
      <source>Campaign files (*.toml)</source>
      <translation>Campaign files (*.toml)</translation>
    </message>
    <message>
      <source>Campaign files (*.toml);;All files (*)</source>
      <translation>Campaign files (*.toml);;All files (*)</translation>
    </message>
    <message>
      <source>Campaign not exported</source>
      <translation>Campaign not exported</translation>
    </message>
    <message>
      <source>Campaign not imported</source>
      <translation>Campaign not imported</translation>
    </message>
    <message>
      <source>Campaign “%1” (%2) imported.</source>
      <translation>Campaign “%1” (%2) imported.</translation>
    </message>
    <message>
      <source>Campaign “%1” created in %2.</source>
      <translation>Campaign “%1” created in %2.</translation>
    </message>
    <message>
      <source>Campaign “%1” deleted: its file was set aside as %2.</source>
      <translation>Campaign “%1” deleted: its file was set aside as %2.</translation>
    </message>
    <message>
      <source>Campaign “%1” exported to %2.</source>
      <translation>Campaign “%1” exported to %2.</translation>
    </message>
    <message>
      <source>Campaigns</source>
      <translation>Campaigns</translation>
    </message>
    <message>
      <source>Campaigns — esms-desktop</source>
      <translation>Campaigns — esms-desktop</translation>
    </message>
    <message>
      <source>Close</source>
      <translation>Close</translation>
    </message>
    <message>
      <source>Delete the campaign</source>
      <translation>Delete the campaign</translation>
    </message>
    <message>
      <source>Delete the campaign “%1”? Its file is set aside in the “supprimees” folder of your campaigns, not erased. Dossiers made with it keep their values.</source>
      <translation>Delete the campaign “%1”? Its file is set aside in the “supprimees” folder of your campaigns, not erased. Dossiers made with it keep their values.</translation>
    </message>
    <message>
      <source>E&amp;xport…</source>
      <translation>E&amp;xport…</translation>
    </message>
    <message>
      <source>Edi&amp;t…</source>
      <translation>Edi&amp;t…</translation>
    </message>
    <message>
      <source>Export a campaign</source>
      <translation>Export a campaign</translation>
    </message>
    <message>
      <source>Import a campaign</source>
      <translation>Import a campaign</translation>
    </message>
    <message>
      <source>The campaigns of the programme are models: they cannot be changed. Your own campaigns (a copy completed with your ARS's values, or a file someone gave you) are kept in %1.</source>
      <translation>The campaigns of the programme are models: they cannot be changed. Your own campaigns (a copy completed with your ARS's values, or a file someone gave you) are kept in %1.</translation>
    </message>
    <message>
      <source>The file %1 was not imported:

%2</source>
      <translation>The file %1 was not imported:

%2</translation>
    </message>
    <message>
      <source>These files of your campaigns folder cannot be used (the other campaigns can):</source>
      <translation>These files of your campaigns folder cannot be used (the other campaigns can):</translation>
    </message>
  </context>
  <context>
    <name>CampaignsModel</name>
    <message>
      <source>Amounts to fill in</source>
      <translation>Amounts to fill in</translation>
    </message>
    <message>
      <source>File</source>
      <translation>File</translation>
    </message>
    <message>
      <source>Identifier</source>
      <translation>Identifier</translation>
    </message>
    <message>
      <source>Origin</source>
      <translation>Origin</translation>
    </message>
    <message>
      <source>Title</source>
      <translation>Title</translation>
    </message>
    <message>
      <source>Year</source>
      <translation>Year</translation>
    </message>
    <message>
      <source>none</source>
      <translation>none</translation>
    </message>
    <message>
      <source>programme</source>
      <translation>programme</translation>
    </message>
    <message>
      <source>yours</source>
      <translation>yours</translation>
    </message>
  </context>
  <context>
    <name>CheckingDelegate</name>
    <message>
      <source>this value cannot be used here</source>
      <translation>this value cannot be used here</translation>
    </message>
    <message>
      <source>“%1” was not kept (%2, row %3): %4. The cell keeps its previous value.</source>
      <translation>“%1” was not kept (%2, row %3): %4. The cell keeps its previous value.</translation>
    </message>
  </context>
  <context>
    <name>ConventionDialog</name>
    <message>
      <source>&amp;Reference:</source>
      <translation>&amp;Reference:</translation>
    </message>
    <message>
      <source>Amount &amp;granted:</source>
      <translation>Amount &amp;granted:</translation>
    </message>
    <message>
      <source>Convention signed</source>
      <translation>Convention signed</translation>
    </message>
    <message>
      <source>Signed &amp;on:</source>
      <translation>Signed &amp;on:</translation>
    </message>
    <message>
      <source>dd/mm/yyyy</source>
      <translation>dd/mm/yyyy</translation>
    </message>
    <message>
      <source>the amount granted is needed</source>
      <translation>the amount granted is needed</translation>
    </message>
    <message>
      <source>the date the convention was signed is needed</source>
      <translation>the date the convention was signed is needed</translation>
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
      <translation>%1 step(s) with a problem</translation>
    </message>
    <message>
      <source>%1 — %2 point(s) to see to</source>
      <translation>%1 — %2 point(s) to see to</translation>
    </message>
    <message>
      <source>&amp;Change the campaign…</source>
      <translation>&amp;Change the campaign…</translation>
    </message>
    <message>
      <source>Annexes and export</source>
      <translation>Annexes and export</translation>
    </message>
    <message>
      <source>Budget</source>
      <translation>Budget</translation>
    </message>
    <message>
      <source>Campaign absent: nothing is computed.</source>
      <translation>Campaign absent: nothing is computed.</translation>
    </message>
    <message>
      <source>Change the campaign of the dossier</source>
      <translation>Change the campaign of the dossier</translation>
    </message>
    <message>
      <source>Change the campaign to %1</source>
      <translation>Change the campaign to %1</translation>
    </message>
    <message>
      <source>Choose another campaign for this dossier; the amounts it would drop are named before you confirm, and Ctrl+Z undoes the change.</source>
      <translation>Choose another campaign for this dossier; the amounts it would drop are named before you confirm, and Ctrl+Z undoes the change.</translation>
    </message>
    <message>
      <source>Complete</source>
      <translation>Complete</translation>
    </message>
    <message>
      <source>Completeness: %1</source>
      <translation>Completeness: %1</translation>
    </message>
    <message>
      <source>DUI solution</source>
      <translation>DUI solution</translation>
    </message>
    <message>
      <source>Eligibility: %1 — %2 ESSMS counted</source>
      <translation>Eligibility: %1 — %2 ESSMS counted</translation>
    </message>
    <message>
      <source>Eligible</source>
      <translation>Eligible</translation>
    </message>
    <message>
      <source>Eligible and complete</source>
      <translation>Eligible and complete</translation>
    </message>
    <message>
      <source>Eligible, dossier incomplete (%1 missing)</source>
      <translation>Eligible, dossier incomplete (%1 missing)</translation>
    </message>
    <message>
      <source>Filed: %1 — %2 ESSMS counted</source>
      <translation>Filed: %1 — %2 ESSMS counted</translation>
    </message>
    <message>
      <source>Follow-up: %1 point(s) to see to</source>
      <translation>Follow-up: %1 point(s) to see to</translation>
    </message>
    <message>
      <source>Follow-up: nothing left to do</source>
      <translation>Follow-up: nothing left to do</translation>
    </message>
    <message>
      <source>Grappe</source>
      <translation>Grappe</translation>
    </message>
    <message>
      <source>Incomplete: %1 item(s) missing</source>
      <translation>Incomplete: %1 item(s) missing</translation>
    </message>
    <message>
      <source>Not eligible</source>
      <translation>Not eligible</translation>
    </message>
    <message>
      <source>Not eligible, dossier incomplete (%1 missing)</source>
      <translation>Not eligible, dossier incomplete (%1 missing)</translation>
    </message>
    <message>
      <source>Phase: %1</source>
      <translation>Phase: %1</translation>
    </message>
    <message>
      <source>Porteur and project</source>
      <translation>Porteur and project</translation>
    </message>
    <message>
      <source>Project follow-up</source>
      <translation>Project follow-up</translation>
    </message>
    <message>
      <source>Received: %1 — still to come: %2</source>
      <translation>Received: %1 — still to come: %2</translation>
    </message>
    <message>
      <source>Record that you checked the budget under the campaign's new rules: the warning stops until the file changes again. Ctrl+Z undoes it.</source>
      <translation>Record that you checked the budget under the campaign's new rules: the warning stops until the file changes again. Ctrl+Z undoes it.</translation>
    </message>
    <message>
      <source>Self-assessment</source>
      <translation>Self-assessment</translation>
    </message>
    <message>
      <source>Steps of the dossier</source>
      <translation>Steps of the dossier</translation>
    </message>
    <message>
      <source>Take the new &amp;version into account</source>
      <translation>Take the new &amp;version into account</translation>
    </message>
    <message>
      <source>Take the new version of the campaign into account</source>
      <translation>Take the new version of the campaign into account</translation>
    </message>
    <message>
      <source>To repair</source>
      <translation>To repair</translation>
    </message>
    <message>
      <source>Usage targets and commitments</source>
      <translation>Usage targets and commitments</translation>
    </message>
    <message>
      <source>What is left to do</source>
      <translation>What is left to do</translation>
    </message>
    <message>
      <source>campaign “%1” absent from this data folder: import its file (File › Campaigns…) or change the campaign</source>
      <translation>campaign “%1” absent from this data folder: import its file (File › Campaigns…) or change the campaign</translation>
    </message>
    <message>
      <source>complete</source>
      <translation>complete</translation>
    </message>
    <message>
      <source>problem</source>
      <translation>problem</translation>
    </message>
    <message>
      <source>programme campaign</source>
      <translation>programme campaign</translation>
    </message>
    <message>
      <source>to do</source>
      <translation>to do</translation>
    </message>
    <message>
      <source>user's campaign</source>
      <translation>user's campaign</translation>
    </message>
  </context>
  <context>
    <name>DossiersModel</name>
    <message>
      <source>Campaign</source>
      <translation>Campaign</translation>
    </message>
    <message>
      <source>ESSMS</source>
      <translation>ESSMS</translation>
    </message>
    <message>
      <source>Last change</source>
      <translation>Last change</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>Name</translation>
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
      <translation>An unexpected error occurred in esms-desktop.</translation>
    </message>
    <message>
      <source>Close</source>
      <translation>Close</translation>
    </message>
    <message>
      <source>Copy the report</source>
      <translation>Copy the report</translation>
    </message>
    <message>
      <source>Details of the error</source>
      <translation>Details of the error</translation>
    </message>
    <message>
      <source>Hide the details</source>
      <translation>Hide the details</translation>
    </message>
    <message>
      <source>No log could be written: the data folder cannot be written to.</source>
      <translation>No log could be written: the data folder cannot be written to.</translation>
    </message>
    <message>
      <source>Show the details</source>
      <translation>Show the details</translation>
    </message>
    <message>
      <source>The log is in: %1</source>
      <translation>The log is in: %1</translation>
    </message>
    <message>
      <source>The report is in the clipboard: paste it into your message to support.</source>
      <translation>The report is in the clipboard: paste it into your message to support.</translation>
    </message>
    <message>
      <source>The work already saved is kept: esms-desktop saves each change as soon as it is made. You can close this message and carry on; if the error comes back, restart esms-desktop.</source>
      <translation>The work already saved is kept: esms-desktop saves each change as soon as it is made. You can close this message and carry on; if the error comes back, restart esms-desktop.</translation>
    </message>
    <message>
      <source>esms-desktop</source>
      <translation>esms-desktop</translation>
    </message>
    <message>
      <source>esms-desktop closed unexpectedly the last time it was used. Your saved work has been kept. The log is in: %1</source>
      <translation>esms-desktop closed unexpectedly the last time it was used. Your saved work has been kept. The log is in: %1</translation>
    </message>
    <message>
      <source>esms-desktop: unexpected error</source>
      <translation>esms-desktop: unexpected error</translation>
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
      <translation>Amount</translation>
    </message>
    <message>
      <source>Capacity</source>
      <translation>Capacity</translation>
    </message>
    <message>
      <source>Category</source>
      <translation>Category</translation>
    </message>
    <message>
      <source>Compliance upgrade</source>
      <translation>Compliance upgrade</translation>
    </message>
    <message>
      <source>Core services</source>
      <translation>Core services</translation>
    </message>
    <message>
      <source>Current DUI</source>
      <translation>Current DUI</translation>
    </message>
    <message>
      <source>DUI solution</source>
      <translation>DUI solution</translation>
    </message>
    <message>
      <source>Edit %1 of %2</source>
      <translation>Edit %1 of %2</translation>
    </message>
    <message>
      <source>Eligible hours</source>
      <translation>Eligible hours</translation>
    </message>
    <message>
      <source>Equipment</source>
      <translation>Equipment</translation>
    </message>
    <message>
      <source>FINESS</source>
      <translation>FINESS</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>Name</translation>
    </message>
    <message>
      <source>No</source>
      <translation>No</translation>
    </message>
    <message>
      <source>No DUI</source>
      <translation>No DUI</translation>
    </message>
    <message>
      <source>None</source>
      <translation>None</translation>
    </message>
    <message>
      <source>Not Ségur-referenced</source>
      <translation>Not Ségur-referenced</translation>
    </message>
    <message>
      <source>Not counted</source>
      <translation>Not counted</translation>
    </message>
    <message>
      <source>Not funded</source>
      <translation>Not funded</translation>
    </message>
    <message>
      <source>Organisation</source>
      <translation>Organisation</translation>
    </message>
    <message>
      <source>Project</source>
      <translation>Project</translation>
    </message>
    <message>
      <source>Sector</source>
      <translation>Sector</translation>
    </message>
    <message>
      <source>Ségur-referenced</source>
      <translation>Ségur-referenced</translation>
    </message>
    <message>
      <source>Unknown</source>
      <translation>Unknown</translation>
    </message>
    <message>
      <source>Yes</source>
      <translation>Yes</translation>
    </message>
    <message>
      <source>to be filled in</source>
      <translation>to be filled in</translation>
    </message>
  </context>
  <context>
    <name>ExportView</name>
    <message>
      <source>&amp;Attach a file…</source>
      <translation>&amp;Attach a file…</translation>
    </message>
    <message>
      <source>&amp;Grappe agreement (PDF)…</source>
      <translation>&amp;Grappe agreement (PDF)…</translation>
    </message>
    <message>
      <source>&amp;Letter of commitment (PDF)…</source>
      <translation>&amp;Letter of commitment (PDF)…</translation>
    </message>
    <message>
      <source>&amp;Open the last export</source>
      <translation>&amp;Open the last export</translation>
    </message>
    <message>
      <source>&lt;h2&gt;Annexes and export&lt;/h2&gt;</source>
      <translation>&lt;h2&gt;Annexes and export&lt;/h2&gt;</translation>
    </message>
    <message>
      <source>Agreement written: %1.</source>
      <translation>Agreement written: %1.</translation>
    </message>
    <message>
      <source>All files (*)</source>
      <translation>All files (*)</translation>
    </message>
    <message>
      <source>Annex checklist</source>
      <translation>Annex checklist</translation>
    </message>
    <message>
      <source>Attach %1</source>
      <translation>Attach %1</translation>
    </message>
    <message>
      <source>Attach a file</source>
      <translation>Attach a file</translation>
    </message>
    <message>
      <source>Blank partner &amp;form (PDF)…</source>
      <translation>Blank partner &amp;form (PDF)…</translation>
    </message>
    <message>
      <source>CSV (*.csv)</source>
      <translation>CSV (*.csv)</translation>
    </message>
    <message>
      <source>Candidature dossier (&amp;PDF)…</source>
      <translation>Candidature dossier (&amp;PDF)…</translation>
    </message>
    <message>
      <source>Dossier ready to print (%1 pages).</source>
      <translation>Dossier ready to print (%1 pages).</translation>
    </message>
    <message>
      <source>Excel workbook (*.xlsx);;CSV (*.csv)</source>
      <translation>Excel workbook (*.xlsx);;CSV (*.csv)</translation>
    </message>
    <message>
      <source>Exchange file written: %1.</source>
      <translation>Exchange file written: %1.</translation>
    </message>
    <message>
      <source>Export a draft anyway? Its pages will be marked “DRAFT”.</source>
      <translation>Export a draft anyway? Its pages will be marked “DRAFT”.</translation>
    </message>
    <message>
      <source>Export failed</source>
      <translation>Export failed</translation>
    </message>
    <message>
      <source>Export the blank partner form</source>
      <translation>Export the blank partner form</translation>
    </message>
    <message>
      <source>Export the candidature dossier</source>
      <translation>Export the candidature dossier</translation>
    </message>
    <message>
      <source>Export the dossier</source>
      <translation>Export the dossier</translation>
    </message>
    <message>
      <source>Export the grappe</source>
      <translation>Export the grappe</translation>
    </message>
    <message>
      <source>Export the grappe agreement</source>
      <translation>Export the grappe agreement</translation>
    </message>
    <message>
      <source>Export the letter of commitment</source>
      <translation>Export the letter of commitment</translation>
    </message>
    <message>
      <source>Export the organisation's part</source>
      <translation>Export the organisation's part</translation>
    </message>
    <message>
      <source>Export the table for the online filing</source>
      <translation>Export the table for the online filing</translation>
    </message>
    <message>
      <source>Exports</source>
      <translation>Exports</translation>
    </message>
    <message>
      <source>Form written: %1.</source>
      <translation>Form written: %1.</translation>
    </message>
    <message>
      <source>Grappe as a spreadsheet (&amp;CSV)…</source>
      <translation>Grappe as a spreadsheet (&amp;CSV)…</translation>
    </message>
    <message>
      <source>Incomplete dossier</source>
      <translation>Incomplete dossier</translation>
    </message>
    <message>
      <source>Letter written: %1.</source>
      <translation>Letter written: %1.</translation>
    </message>
    <message>
      <source>No temporary folder to prepare the printing in: %1</source>
      <translation>No temporary folder to prepare the printing in: %1</translation>
    </message>
    <message>
      <source>One organisation's part</source>
      <translation>One organisation's part</translation>
    </message>
    <message>
      <source>One organisation's part (.esms)…</source>
      <translation>One organisation's part (.esms)…</translation>
    </message>
    <message>
      <source>One row per ESSMS with its amount, as the online aid request (GALIS, « PAI numérique ») asks for it, and a summary sheet to copy field by field.</source>
      <translation>One row per ESSMS with its amount, as the online aid request (GALIS, « PAI numérique ») asks for it, and a summary sheet to copy field by field.</translation>
    </message>
    <message>
      <source>Open the file</source>
      <translation>Open the file</translation>
    </message>
    <message>
      <source>Organisation:</source>
      <translation>Organisation:</translation>
    </message>
    <message>
      <source>PDF (*.pdf)</source>
      <translation>PDF (*.pdf)</translation>
    </message>
    <message>
      <source>PDF written: %1 (%2 pages).</source>
      <translation>PDF written: %1 (%2 pages).</translation>
    </message>
    <message>
      <source>Pr&amp;int…</source>
      <translation>Pr&amp;int…</translation>
    </message>
    <message>
      <source>Preparing the dossier for printing…</source>
      <translation>Preparing the dossier for printing…</translation>
    </message>
    <message>
      <source>Previe&amp;w…</source>
      <translation>Previe&amp;w…</translation>
    </message>
    <message>
      <source>Preview the candidature dossier and print it (Ctrl+P).</source>
      <translation>Preview the candidature dossier and print it (Ctrl+P).</translation>
    </message>
    <message>
      <source>Remove the file</source>
      <translation>Remove the file</translation>
    </message>
    <message>
      <source>Select a document of the checklist first.</source>
      <translation>Select a document of the checklist first.</translation>
    </message>
    <message>
      <source>Some of its fields are still to complete: its pages are marked “DRAFT”.</source>
      <translation>Some of its fields are still to complete: its pages are marked “DRAFT”.</translation>
    </message>
    <message>
      <source>Spreadsheet written: %1.</source>
      <translation>Spreadsheet written: %1.</translation>
    </message>
    <message>
      <source>Table for the online filing (&amp;XLSX)…</source>
      <translation>Table for the online filing (&amp;XLSX)…</translation>
    </message>
    <message>
      <source>The dossier is incomplete: %1 item(s) are missing.</source>
      <translation>The dossier is incomplete: %1 item(s) are missing.</translation>
    </message>
    <message>
      <source>Whole dossier (.&amp;esms)…</source>
      <translation>Whole dossier (.&amp;esms)…</translation>
    </message>
    <message>
      <source>Writing the PDF…</source>
      <translation>Writing the PDF…</translation>
    </message>
    <message>
      <source>Writing the exchange file…</source>
      <translation>Writing the exchange file…</translation>
    </message>
    <message>
      <source>Writing the table…</source>
      <translation>Writing the table…</translation>
    </message>
    <message>
      <source>esms-desktop exchange file (*.esms)</source>
      <translation>esms-desktop exchange file (*.esms)</translation>
    </message>
    <message>
      <source>“%1” is not opened directly: a file of this type could run a program. Its folder is shown instead; open it from there only if you trust where it comes from.</source>
      <translation>“%1” is not opened directly: a file of this type could run a program. Its folder is shown instead; open it from there only if you trust where it comes from.</translation>
    </message>
    <message>
      <source>… and %1 more (see the side bar)</source>
      <translation>… and %1 more (see the side bar)</translation>
    </message>
  </context>
  <context>
    <name>FileIntake</name>
    <message>
      <source>%1 files were given at once: %2.

Several .esms files can be opened together; a spreadsheet or a FINESS file is opened alone. Nothing was done.</source>
      <translation>%1 files were given at once: %2.

Several .esms files can be opened together; a spreadsheet or a FINESS file is opened alone. Nothing was done.</translation>
    </message>
    <message>
      <source>File not found</source>
      <translation>File not found</translation>
    </message>
    <message>
      <source>File not opened</source>
      <translation>File not opened</translation>
    </message>
    <message>
      <source>Files not opened</source>
      <translation>Files not opened</translation>
    </message>
    <message>
      <source>Import establishments</source>
      <translation>Import establishments</translation>
    </message>
    <message>
      <source>Merge a partner's file</source>
      <translation>Merge a partner's file</translation>
    </message>
    <message>
      <source>The file “%1” cannot be found: it was moved or deleted.</source>
      <translation>The file “%1” cannot be found: it was moved or deleted.</translation>
    </message>
    <message>
      <source>The open dossier cannot take the establishments of “%1”: its campaign is absent from this data folder or it must be repaired first. Go back to the home page to start a new dossier from the file.</source>
      <translation>The open dossier cannot take the establishments of “%1”: its campaign is absent from this data folder or it must be repaired first. Go back to the home page to start a new dossier from the file.</translation>
    </message>
    <message>
      <source>This dossier cannot take the file “%1” now: its campaign is absent from this data folder or it must be repaired first.</source>
      <translation>This dossier cannot take the file “%1” now: its campaign is absent from this data folder or it must be repaired first.</translation>
    </message>
    <message>
      <source>“%1” is not a file esms-desktop opens.

Accepted: an exchange file (.esms), a grappe spreadsheet (.csv, .xlsx, .xls, .ods), a file of the FINESS register (.csv, .json, .gz, .txt).</source>
      <translation>“%1” is not a file esms-desktop opens.

Accepted: an exchange file (.esms), a grappe spreadsheet (.csv, .xlsx, .xls, .ods), a file of the FINESS register (.csv, .json, .gz, .txt).</translation>
    </message>
  </context>
  <context>
    <name>FilePage</name>
    <message>
      <source>&amp;Browse…</source>
      <translation>&amp;Browse…</translation>
    </message>
    <message>
      <source>&amp;File:</source>
      <translation>&amp;File:</translation>
    </message>
    <message>
      <source>&amp;Load it and choose the establishments</source>
      <translation>&amp;Load it and choose the establishments</translation>
    </message>
    <message>
      <source>A FINESS register file</source>
      <translation>A FINESS register file</translation>
    </message>
    <message>
      <source>A grappe spreadsheet (.csv, .xlsx, .xls or .ods, the “modèle” format), an export of the FINESS website, the national FINESS extract, or the ANS FINESS JSON file.</source>
      <translation>A grappe spreadsheet (.csv, .xlsx, .xls or .ods, the “modèle” format), an export of the FINESS website, the national FINESS extract, or the ANS FINESS JSON file.</translation>
    </message>
    <message>
      <source>Choose the file</source>
      <translation>Choose the file</translation>
    </message>
    <message>
      <source>File to import</source>
      <translation>File to import</translation>
    </message>
    <message>
      <source>Grappe or FINESS files (*.csv *.xlsx *.xls *.ods *.json *.gz);;All files (*)</source>
      <translation>Grappe or FINESS files (*.csv *.xlsx *.xls *.ods *.json *.gz);;All files (*)</translation>
    </message>
    <message>
      <source>Import a file</source>
      <translation>Import a file</translation>
    </message>
    <message>
      <source>“%1” is a file of the FINESS register: it lists every establishment of a region or of France, and added whole it would make hundreds of organisations without a name.

Load it as the FINESS register of this computer, then search and tick the establishments of the grappe and choose their organisation?</source>
      <translation>“%1” is a file of the FINESS register: it lists every establishment of a region or of France, and added whole it would make hundreds of organisations without a name.

Load it as the FINESS register of this computer, then search and tick the establishments of the grappe and choose their organisation?</translation>
    </message>
  </context>
  <context>
    <name>FiledGuardEditor</name>
    <message>
      <source>Amendment — %1</source>
      <translation>Amendment — %1</translation>
    </message>
    <message>
      <source>a part of the filed candidature</source>
      <translation>a part of the filed candidature</translation>
    </message>
  </context>
  <context>
    <name>FinessDialog</name>
    <message>
      <source>%1 establishment(s) added.</source>
      <translation>%1 establishment(s) added.</translation>
    </message>
    <message>
      <source>%1 left out (already in the grappe or closed).</source>
      <translation>%1 left out (already in the grappe or closed).</translation>
    </message>
    <message>
      <source>&amp;Add the selection</source>
      <translation>&amp;Add the selection</translation>
    </message>
    <message>
      <source>&amp;Close</source>
      <translation>&amp;Close</translation>
    </message>
    <message>
      <source>&amp;Search:</source>
      <translation>&amp;Search:</translation>
    </message>
    <message>
      <source>Add %1 establishment(s) from FINESS</source>
      <translation>Add %1 establishment(s) from FINESS</translation>
    </message>
    <message>
      <source>Add &amp;to:</source>
      <translation>Add &amp;to:</translation>
    </message>
    <message>
      <source>Add a legal entity from FINESS (%1 establishment(s))</source>
      <translation>Add a legal entity from FINESS (%1 establishment(s))</translation>
    </message>
    <message>
      <source>Add from the FINESS register</source>
      <translation>Add from the FINESS register</translation>
    </message>
    <message>
      <source>Add the whole &amp;legal entity</source>
      <translation>Add the whole &amp;legal entity</translation>
    </message>
    <message>
      <source>Category</source>
      <translation>Category</translation>
    </message>
    <message>
      <source>Establishments found</source>
      <translation>Establishments found</translation>
    </message>
    <message>
      <source>Every open establishment of the selected row's FINESS juridique, as one organisation</source>
      <translation>Every open establishment of the selected row's FINESS juridique, as one organisation</translation>
    </message>
    <message>
      <source>FINESS</source>
      <translation>FINESS</translation>
    </message>
    <message>
      <source>FINESS (legal entity)</source>
      <translation>FINESS (legal entity)</translation>
    </message>
    <message>
      <source>FINESS register</source>
      <translation>FINESS register</translation>
    </message>
    <message>
      <source>Keep “%1” if this legal entity is the porteur typed on the Porteur page.</source>
      <translation>Keep “%1” if this legal entity is the porteur typed on the Porteur page.</translation>
    </message>
    <message>
      <source>Loading %1…</source>
      <translation>Loading %1…</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>Name</translation>
    </message>
    <message>
      <source>Name of the organisation</source>
      <translation>Name of the organisation</translation>
    </message>
    <message>
      <source>New organisation(s): %1.</source>
      <translation>New organisation(s): %1.</translation>
    </message>
    <message>
      <source>No FINESS register is loaded on this computer: use File › Load the FINESS register… first.</source>
      <translation>No FINESS register is loaded on this computer: use File › Load the FINESS register… first.</translation>
    </message>
    <message>
      <source>Nothing added: the organisation has no name.</source>
      <translation>Nothing added: the organisation has no name.</translation>
    </message>
    <message>
      <source>Nothing to add: already in the grappe or closed.</source>
      <translation>Nothing to add: already in the grappe or closed.</translation>
    </message>
    <message>
      <source>Organisation receiving the establishments</source>
      <translation>Organisation receiving the establishments</translation>
    </message>
    <message>
      <source>Register loaded: %1</source>
      <translation>Register loaded: %1</translation>
    </message>
    <message>
      <source>Search the FINESS register</source>
      <translation>Search the FINESS register</translation>
    </message>
    <message>
      <source>Select an establishment whose FINESS juridique is known.</source>
      <translation>Select an establishment whose FINESS juridique is known.</translation>
    </message>
    <message>
      <source>State</source>
      <translation>State</translation>
    </message>
    <message>
      <source>The FINESS register does not give the name of the legal entity %1. Name of this organisation (organisme gestionnaire):</source>
      <translation>The FINESS register does not give the name of the legal entity %1. Name of this organisation (organisme gestionnaire):</translation>
    </message>
    <message>
      <source>Town</source>
      <translation>Town</translation>
    </message>
    <message>
      <source>closed</source>
      <translation>closed</translation>
    </message>
    <message>
      <source>name, town or FINESS number</source>
      <translation>name, town or FINESS number</translation>
    </message>
    <message>
      <source>open</source>
      <translation>open</translation>
    </message>
    <message>
      <source>the organisation of its FINESS juridique</source>
      <translation>the organisation of its FINESS juridique</translation>
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
      <translation> — convention signed on %1, %2 granted</translation>
    </message>
    <message>
      <source>&amp;Close the project (last payment)</source>
      <translation>&amp;Close the project (last payment)</translation>
    </message>
    <message>
      <source>&amp;Indicator:</source>
      <translation>&amp;Indicator:</translation>
    </message>
    <message>
      <source>&amp;Mark as filed</source>
      <translation>&amp;Mark as filed</translation>
    </message>
    <message>
      <source>&amp;Usage targets report (PDF)…</source>
      <translation>&amp;Usage targets report (PDF)…</translation>
    </message>
    <message>
      <source>Add a t&amp;ransfer</source>
      <translation>Add a t&amp;ransfer</translation>
    </message>
    <message>
      <source>Add a transfer</source>
      <translation>Add a transfer</translation>
    </message>
    <message>
      <source>Add the ne&amp;xt month</source>
      <translation>Add the ne&amp;xt month</translation>
    </message>
    <message>
      <source>After the candidature: the ARS's decision, the tranches received, each ESSMS's milestones and the usage indicators the last payment depends on. Each change is one step Ctrl+Z undoes.</source>
      <translation>After the candidature: the ARS's decision, the tranches received, each ESSMS's milestones and the usage indicators the last payment depends on. Each change is one step Ctrl+Z undoes.</translation>
    </message>
    <message>
      <source>Amount</source>
      <translation>Amount</translation>
    </message>
    <message>
      <source>Close the project</source>
      <translation>Close the project</translation>
    </message>
    <message>
      <source>Condition</source>
      <translation>Condition</translation>
    </message>
    <message>
      <source>De&amp;lete the transfer</source>
      <translation>De&amp;lete the transfer</translation>
    </message>
    <message>
      <source>Deployment done</source>
      <translation>Deployment done</translation>
    </message>
    <message>
      <source>Deployment planned</source>
      <translation>Deployment planned</translation>
    </message>
    <message>
      <source>ESSMS</source>
      <translation>ESSMS</translation>
    </message>
    <message>
      <source>Edit a milestone</source>
      <translation>Edit a milestone</translation>
    </message>
    <message>
      <source>Edit a tranche</source>
      <translation>Edit a tranche</translation>
    </message>
    <message>
      <source>Edit a transfer</source>
      <translation>Edit a transfer</translation>
    </message>
    <message>
      <source>Enter an indicator value</source>
      <translation>Enter an indicator value</translation>
    </message>
    <message>
      <source>Enter the threshold of my co&amp;nvention…</source>
      <translation>Enter the threshold of my co&amp;nvention…</translation>
    </message>
    <message>
      <source>Enter the threshold of the convention</source>
      <translation>Enter the threshold of the convention</translation>
    </message>
    <message>
      <source>Expected</source>
      <translation>Expected</translation>
    </message>
    <message>
      <source>FINESS EJ</source>
      <translation>FINESS EJ</translation>
    </message>
    <message>
      <source>Im&amp;port indicators…</source>
      <translation>Im&amp;port indicators…</translation>
    </message>
    <message>
      <source>Import indicators</source>
      <translation>Import indicators</translation>
    </message>
    <message>
      <source>Indicator</source>
      <translation>Indicator</translation>
    </message>
    <message>
      <source>Indicators not imported</source>
      <translation>Indicators not imported</translation>
    </message>
    <message>
      <source>Mark the candidature as filed</source>
      <translation>Mark the candidature as filed</translation>
    </message>
    <message>
      <source>Member OG</source>
      <translation>Member OG</translation>
    </message>
    <message>
      <source>Member transfers</source>
      <translation>Member transfers</translation>
    </message>
    <message>
      <source>Milestones per ESSMS</source>
      <translation>Milestones per ESSMS</translation>
    </message>
    <message>
      <source>Month %1 added: type its values in the grid.</source>
      <translation>Month %1 added: type its values in the grid.</translation>
    </message>
    <message>
      <source>N&amp;ot selected</source>
      <translation>N&amp;ot selected</translation>
    </message>
    <message>
      <source>No public source gives it: enter your convention's value</source>
      <translation>No public source gives it: enter your convention's value</translation>
    </message>
    <message>
      <source>Note</source>
      <translation>Note</translation>
    </message>
    <message>
      <source>Nothing was imported: the file holds these %1 problem(s).</source>
      <translation>Nothing was imported: the file holds these %1 problem(s).</translation>
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
      <translation>Paid on</translation>
    </message>
    <message>
      <source>Passed on</source>
      <translation>Passed on</translation>
    </message>
    <message>
      <source>Payment &amp;statement (PDF)…</source>
      <translation>Payment &amp;statement (PDF)…</translation>
    </message>
    <message>
      <source>Payment statement</source>
      <translation>Payment statement</translation>
    </message>
    <message>
      <source>Payments</source>
      <translation>Payments</translation>
    </message>
    <message>
      <source>Phase</source>
      <translation>Phase</translation>
    </message>
    <message>
      <source>Phase: %1</source>
      <translation>Phase: %1</translation>
    </message>
    <message>
      <source>Problems of the file</source>
      <translation>Problems of the file</translation>
    </message>
    <message>
      <source>Project follow-up</source>
      <translation>Project follow-up</translation>
    </message>
    <message>
      <source>Received</source>
      <translation>Received</translation>
    </message>
    <message>
      <source>Received on</source>
      <translation>Received on</translation>
    </message>
    <message>
      <source>Received: %1 — remaining to be received: %2</source>
      <translation>Received: %1 — remaining to be received: %2</translation>
    </message>
    <message>
      <source>Record that the dossier was not selected</source>
      <translation>Record that the dossier was not selected</translation>
    </message>
    <message>
      <source>Record the convention</source>
      <translation>Record the convention</translation>
    </message>
    <message>
      <source>Remove a transfer</source>
      <translation>Remove a transfer</translation>
    </message>
    <message>
      <source>Reports</source>
      <translation>Reports</translation>
    </message>
    <message>
      <source>Selec&amp;ted (convention signed)…</source>
      <translation>Selec&amp;ted (convention signed)…</translation>
    </message>
    <message>
      <source>Set-up and deployment of each ESSMS: planned and done dates, typed as dd/mm/yyyy.</source>
      <translation>Set-up and deployment of each ESSMS: planned and done dates, typed as dd/mm/yyyy.</translation>
    </message>
    <message>
      <source>Set-up done</source>
      <translation>Set-up done</translation>
    </message>
    <message>
      <source>Set-up planned</source>
      <translation>Set-up planned</translation>
    </message>
    <message>
      <source>Share of the grant</source>
      <translation>Share of the grant</translation>
    </message>
    <message>
      <source>Share of the tranches received</source>
      <translation>Share of the tranches received</translation>
    </message>
    <message>
      <source>Shares of each OG</source>
      <translation>Shares of each OG</translation>
    </message>
    <message>
      <source>Spreadsheets (*.csv *.xlsx *.xls *.ods);;All files (*)</source>
      <translation>Spreadsheets (*.csv *.xlsx *.xls *.ods);;All files (*)</translation>
    </message>
    <message>
      <source>Start &amp;deployment</source>
      <translation>Start &amp;deployment</translation>
    </message>
    <message>
      <source>Start the deployment</source>
      <translation>Start the deployment</translation>
    </message>
    <message>
      <source>Still owed</source>
      <translation>Still owed</translation>
    </message>
    <message>
      <source>The candidature was filed on %1: its steps now keep what was filed; a change there is refused or becomes an amendment.</source>
      <translation>The candidature was filed on %1: its steps now keep what was filed; a change there is refused or becomes an amendment.</translation>
    </message>
    <message>
      <source>The tranches appear once the convention is recorded (« Selected »).</source>
      <translation>The tranches appear once the convention is recorded (« Selected »).</translation>
    </message>
    <message>
      <source>Threshold typed from your signed convention</source>
      <translation>Threshold typed from your signed convention</translation>
    </message>
    <message>
      <source>Trajectory of the project against the threshold</source>
      <translation>Trajectory of the project against the threshold</translation>
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
      <translation>Usage indicators</translation>
    </message>
    <message>
      <source>Usage targets report</source>
      <translation>Usage targets report</translation>
    </message>
    <message>
      <source>Values per ESSMS and period</source>
      <translation>Values per ESSMS and period</translation>
    </message>
    <message>
      <source>What comes to each OG of the grappe:</source>
      <translation>What comes to each OG of the grappe:</translation>
    </message>
    <message>
      <source>What remains, and why</source>
      <translation>What remains, and why</translation>
    </message>
    <message>
      <source>What the porteur passed on to each member OG:</source>
      <translation>What the porteur passed on to each member OG:</translation>
    </message>
    <message>
      <source>dd/mm/yyyy</source>
      <translation>dd/mm/yyyy</translation>
    </message>
    <message>
      <source>in euros, as on the convention</source>
      <translation>in euros, as on the convention</translation>
    </message>
    <message>
      <source>kept</source>
      <translation>kept</translation>
    </message>
    <message>
      <source>no threshold</source>
      <translation>no threshold</translation>
    </message>
    <message>
      <source>row %1, column “%2”: %3</source>
      <translation>row %1, column “%2”: %3</translation>
    </message>
    <message>
      <source>target %1</source>
      <translation>target %1</translation>
    </message>
    <message>
      <source>to be completed</source>
      <translation>to be completed</translation>
    </message>
    <message>
      <source>to be confirmed</source>
      <translation>to be confirmed</translation>
    </message>
  </context>
  <context>
    <name>GrappeView</name>
    <message>
      <source>%1 establishment(s) declared attached to a GHT.</source>
      <translation>%1 establishment(s) declared attached to a GHT.</translation>
    </message>
    <message>
      <source>&amp;Organisations</source>
      <translation>&amp;Organisations</translation>
    </message>
    <message>
      <source>&lt;b&gt;Findings&lt;/b&gt; — %1 ESSMS counted, %2</source>
      <translation>&lt;b&gt;Findings&lt;/b&gt; — %1 ESSMS counted, %2</translation>
    </message>
    <message>
      <source>&lt;h2&gt;Grappe&lt;/h2&gt;</source>
      <translation>&lt;h2&gt;Grappe&lt;/h2&gt;</translation>
    </message>
    <message>
      <source>Add an establishment</source>
      <translation>Add an establishment</translation>
    </message>
    <message>
      <source>Add an organisation</source>
      <translation>Add an organisation</translation>
    </message>
    <message>
      <source>Add from the FINESS &amp;register…</source>
      <translation>Add from the FINESS &amp;register…</translation>
    </message>
    <message>
      <source>Attached to a &amp;GHT (keeps the hospital's DUI)</source>
      <translation>Attached to a &amp;GHT (keeps the hospital's DUI)</translation>
    </message>
    <message>
      <source>Attached to a GHT (keeps the hospital's DUI)</source>
      <translation>Attached to a GHT (keeps the hospital's DUI)</translation>
    </message>
    <message>
      <source>Bring in the .esms file a partner organisation filled in on its own computer</source>
      <translation>Bring in the .esms file a partner organisation filled in on its own computer</translation>
    </message>
    <message>
      <source>Declare %1 establishment(s) attached to a GHT</source>
      <translation>Declare %1 establishment(s) attached to a GHT</translation>
    </message>
    <message>
      <source>Declare the selected establishments attached to a hospital group (GHT) whose DUI they keep, or withdraw the declaration; the findings say what it changes. Ctrl+Z undoes it.</source>
      <translation>Declare the selected establishments attached to a hospital group (GHT) whose DUI they keep, or withdraw the declaration; the findings say what it changes. Ctrl+Z undoes it.</translation>
    </message>
    <message>
      <source>Eligibility findings</source>
      <translation>Eligibility findings</translation>
    </message>
    <message>
      <source>Es&amp;tablishments</source>
      <translation>Es&amp;tablishments</translation>
    </message>
    <message>
      <source>Establishments of the grappe</source>
      <translation>Establishments of the grappe</translation>
    </message>
    <message>
      <source>Filter (name, FINESS, category…)</source>
      <translation>Filter (name, FINESS, category…)</translation>
    </message>
    <message>
      <source>Filter establishments</source>
      <translation>Filter establishments</translation>
    </message>
    <message>
      <source>Find &amp;partners…</source>
      <translation>Find &amp;partners…</translation>
    </message>
    <message>
      <source>Import a file…</source>
      <translation>Import a file…</translation>
    </message>
    <message>
      <source>Member</source>
      <translation>Member</translation>
    </message>
    <message>
      <source>Merge a partner's file</source>
      <translation>Merge a partner's file</translation>
    </message>
    <message>
      <source>Merge a partner's file…</source>
      <translation>Merge a partner's file…</translation>
    </message>
    <message>
      <source>Name of the organisation:</source>
      <translation>Name of the organisation:</translation>
    </message>
    <message>
      <source>Name of the porteur, the organisation that carries the candidature:</source>
      <translation>Name of the porteur, the organisation that carries the candidature:</translation>
    </message>
    <message>
      <source>New establishment</source>
      <translation>New establishment</translation>
    </message>
    <message>
      <source>No</source>
      <translation>No</translation>
    </message>
    <message>
      <source>Organisations of the FINESS register around the porteur that could complete the grappe, with how the grappe would stand with each</source>
      <translation>Organisations of the FINESS register around the porteur that could complete the grappe, with how the grappe would stand with each</translation>
    </message>
    <message>
      <source>Organisations of the grappe</source>
      <translation>Organisations of the grappe</translation>
    </message>
    <message>
      <source>Porteur</source>
      <translation>Porteur</translation>
    </message>
    <message>
      <source>Remove %1 establishment(s)</source>
      <translation>Remove %1 establishment(s)</translation>
    </message>
    <message>
      <source>Remove establishment</source>
      <translation>Remove establishment</translation>
    </message>
    <message>
      <source>Remove organisation</source>
      <translation>Remove organisation</translation>
    </message>
    <message>
      <source>Remove organisation %1</source>
      <translation>Remove organisation %1</translation>
    </message>
    <message>
      <source>Search the FINESS register loaded on this computer and add establishments</source>
      <translation>Search the FINESS register loaded on this computer and add establishments</translation>
    </message>
    <message>
      <source>Select one or more establishments with a valid FINESS number.</source>
      <translation>Select one or more establishments with a valid FINESS number.</translation>
    </message>
    <message>
      <source>The porteur and its partner organisations, each with its establishments (ESSMS). Every change is saved at once and checked against the campaign's rules.</source>
      <translation>The porteur and its partner organisations, each with its establishments (ESSMS). Every change is saved at once and checked against the campaign's rules.</translation>
    </message>
    <message>
      <source>Withdraw the GHT declaration of %1 establishment(s)</source>
      <translation>Withdraw the GHT declaration of %1 establishment(s)</translation>
    </message>
    <message>
      <source>Yes</source>
      <translation>Yes</translation>
    </message>
    <message>
      <source>campaign rules met</source>
      <translation>campaign rules met</translation>
    </message>
    <message>
      <source>campaign rules not met</source>
      <translation>campaign rules not met</translation>
    </message>
    <message>
      <source>esms-desktop exchange file (*.esms)</source>
      <translation>esms-desktop exchange file (*.esms)</translation>
    </message>
  </context>
  <context>
    <name>HelpWindow</name>
    <message>
      <source>%1 — esms-desktop manual</source>
      <translation>%1 — esms-desktop manual</translation>
    </message>
    <message>
      <source>Address to open in your browser: %1</source>
      <translation>Address to open in your browser: %1</translation>
    </message>
    <message>
      <source>Back</source>
      <translation>Back</translation>
    </message>
    <message>
      <source>Close the manual</source>
      <translation>Close the manual</translation>
    </message>
    <message>
      <source>Contents</source>
      <translation>Contents</translation>
    </message>
    <message>
      <source>Contents of the manual</source>
      <translation>Contents of the manual</translation>
    </message>
    <message>
      <source>Excel workbook (*.xlsx);;CSV (*.csv)</source>
      <translation>Excel workbook (*.xlsx);;CSV (*.csv)</translation>
    </message>
    <message>
      <source>Forward</source>
      <translation>Forward</translation>
    </message>
    <message>
      <source>Manual</source>
      <translation>Manual</translation>
    </message>
    <message>
      <source>No page of the manual contains “%1”.</source>
      <translation>No page of the manual contains “%1”.</translation>
    </message>
    <message>
      <source>Page of the manual</source>
      <translation>Page of the manual</translation>
    </message>
    <message>
      <source>Save the grappe template</source>
      <translation>Save the grappe template</translation>
    </message>
    <message>
      <source>Search the manual</source>
      <translation>Search the manual</translation>
    </message>
    <message>
      <source>Search the manual (Enter: next occurrence)</source>
      <translation>Search the manual (Enter: next occurrence)</translation>
    </message>
    <message>
      <source>Template saved: %1</source>
      <translation>Template saved: %1</translation>
    </message>
    <message>
      <source>The template could not be saved:

%1</source>
      <translation>The template could not be saved:

%1</translation>
    </message>
    <message>
      <source>esms-desktop manual</source>
      <translation>esms-desktop manual</translation>
    </message>
    <message>
      <source>grappe template.xlsx</source>
      <translation>grappe template.xlsx</translation>
    </message>
  </context>
  <context>
    <name>HomeView</name>
    <message>
      <source>&amp;Delete…</source>
      <translation>&amp;Delete…</translation>
    </message>
    <message>
      <source>&amp;New dossier…</source>
      <translation>&amp;New dossier…</translation>
    </message>
    <message>
      <source>&amp;Open</source>
      <translation>&amp;Open</translation>
    </message>
    <message>
      <source>&amp;Rename…</source>
      <translation>&amp;Rename…</translation>
    </message>
    <message>
      <source>&lt;h2&gt;Your candidature dossiers&lt;/h2&gt;</source>
      <translation>&lt;h2&gt;Your candidature dossiers&lt;/h2&gt;</translation>
    </message>
    <message>
      <source>D&amp;uplicate</source>
      <translation>D&amp;uplicate</translation>
    </message>
    <message>
      <source>Dossiers</source>
      <translation>Dossiers</translation>
    </message>
    <message>
      <source>Each dossier is one candidature to an ESMS numérique call. Everything you type is saved at once on this computer; automatic backups are kept.</source>
      <translation>Each dossier is one candidature to an ESMS numérique call. Everything you type is saved at once on this computer; automatic backups are kept.</translation>
    </message>
    <message>
      <source>No dossier yet: click “New dossier…” to start a candidature.</source>
      <translation>No dossier yet: click “New dossier…” to start a candidature.</translation>
    </message>
  </context>
  <context>
    <name>ImportWizard</name>
    <message>
      <source>Import %1 establishment(s)</source>
      <translation>Import %1 establishment(s)</translation>
    </message>
    <message>
      <source>Import establishments</source>
      <translation>Import establishments</translation>
    </message>
  </context>
  <context>
    <name>IndicatorGridModel</name>
    <message>
      <source>Below the threshold</source>
      <translation>Below the threshold</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <source>&amp;About esms-desktop</source>
      <translation>&amp;About esms-desktop</translation>
    </message>
    <message>
      <source>&amp;Edit</source>
      <translation>&amp;Edit</translation>
    </message>
    <message>
      <source>&amp;File</source>
      <translation>&amp;File</translation>
    </message>
    <message>
      <source>&amp;Find…</source>
      <translation>&amp;Find…</translation>
    </message>
    <message>
      <source>&amp;Help</source>
      <translation>&amp;Help</translation>
    </message>
    <message>
      <source>&amp;Home</source>
      <translation>&amp;Home</translation>
    </message>
    <message>
      <source>&amp;Import an .esms file…</source>
      <translation>&amp;Import an .esms file…</translation>
    </message>
    <message>
      <source>&amp;Keyboard shortcuts</source>
      <translation>&amp;Keyboard shortcuts</translation>
    </message>
    <message>
      <source>&amp;Load the FINESS register…</source>
      <translation>&amp;Load the FINESS register…</translation>
    </message>
    <message>
      <source>&amp;Manual</source>
      <translation>&amp;Manual</translation>
    </message>
    <message>
      <source>&amp;New dossier…</source>
      <translation>&amp;New dossier…</translation>
    </message>
    <message>
      <source>&amp;Open a dossier…</source>
      <translation>&amp;Open a dossier…</translation>
    </message>
    <message>
      <source>&amp;Preferences…</source>
      <translation>&amp;Preferences…</translation>
    </message>
    <message>
      <source>&amp;Quit</source>
      <translation>&amp;Quit</translation>
    </message>
    <message>
      <source>&amp;Redo</source>
      <translation>&amp;Redo</translation>
    </message>
    <message>
      <source>&amp;Restore a backup…</source>
      <translation>&amp;Restore a backup…</translation>
    </message>
    <message>
      <source>&amp;Undo</source>
      <translation>&amp;Undo</translation>
    </message>
    <message>
      <source>&lt;p&gt;&lt;b&gt;esms-desktop %1&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Prepare an ESMS numérique candidature, offline.&lt;/p&gt;&lt;p&gt;Data folder: %2&lt;/p&gt;&lt;p&gt;FINESS data: “FINESS — Ministère chargé de la santé / DREES”. Fonts: DejaVu (Bitstream Vera licence). Qt for Python (LGPL), ReportLab (BSD), SQLAlchemy and Alembic (MIT), openpyxl (MIT), platformdirs (MIT).&lt;/p&gt;</source>
      <translation>&lt;p&gt;&lt;b&gt;esms-desktop %1&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Prepare an ESMS numérique candidature, offline.&lt;/p&gt;&lt;p&gt;Data folder: %2&lt;/p&gt;&lt;p&gt;FINESS data: “FINESS — Ministère chargé de la santé / DREES”. Fonts: DejaVu (Bitstream Vera licence). Qt for Python (LGPL), ReportLab (BSD), SQLAlchemy and Alembic (MIT), openpyxl (MIT), platformdirs (MIT).&lt;/p&gt;</translation>
    </message>
    <message>
      <source>About esms-desktop</source>
      <translation>About esms-desktop</translation>
    </message>
    <message>
      <source>All changes saved</source>
      <translation>All changes saved</translation>
    </message>
    <message>
      <source>Ca&amp;mpaigns…</source>
      <translation>Ca&amp;mpaigns…</translation>
    </message>
    <message>
      <source>Campaign absent: nothing is computed.</source>
      <translation>Campaign absent: nothing is computed.</translation>
    </message>
    <message>
      <source>Campaign created</source>
      <translation>Campaign created</translation>
    </message>
    <message>
      <source>Change the campaign to %1</source>
      <translation>Change the campaign to %1</translation>
    </message>
    <message>
      <source>Could not save</source>
      <translation>Could not save</translation>
    </message>
    <message>
      <source>Delete the dossier</source>
      <translation>Delete the dossier</translation>
    </message>
    <message>
      <source>Delete the dossier “%1”? A backup is taken first: it can be brought back from the backups.</source>
      <translation>Delete the dossier “%1”? A backup is taken first: it can be brought back from the backups.</translation>
    </message>
    <message>
      <source>E&amp;xport this dossier as an .esms file…</source>
      <translation>E&amp;xport this dossier as an .esms file…</translation>
    </message>
    <message>
      <source>Every dossier will be put back as it was at this moment (the current state is backed up first):</source>
      <translation>Every dossier will be put back as it was at this moment (the current state is backed up first):</translation>
    </message>
    <message>
      <source>Export the candidature &amp;PDF…</source>
      <translation>Export the candidature &amp;PDF…</translation>
    </message>
    <message>
      <source>FINESS files (*.csv *.json *.gz *.txt);;All files (*)</source>
      <translation>FINESS files (*.csv *.json *.gz *.txt);;All files (*)</translation>
    </message>
    <message>
      <source>FINESS register</source>
      <translation>FINESS register</translation>
    </message>
    <message>
      <source>From a file… (a backup saved on a USB key, in Documents…)</source>
      <translation>From a file… (a backup saved on a USB key, in Documents…)</translation>
    </message>
    <message>
      <source>Import an .esms file</source>
      <translation>Import an .esms file</translation>
    </message>
    <message>
      <source>Language of the interface:</source>
      <translation>Language of the interface:</translation>
    </message>
    <message>
      <source>Load the FINESS register</source>
      <translation>Load the FINESS register</translation>
    </message>
    <message>
      <source>Manual open in its own window: %1</source>
      <translation>Manual open in its own window: %1</translation>
    </message>
    <message>
      <source>New dossier</source>
      <translation>New dossier</translation>
    </message>
    <message>
      <source>New name:</source>
      <translation>New name:</translation>
    </message>
    <message>
      <source>No backup has been taken on this computer yet. A backup saved elsewhere can be restored (the current state is backed up first):</source>
      <translation>No backup has been taken on this computer yet. A backup saved elsewhere can be restored (the current state is backed up first):</translation>
    </message>
    <message>
      <source>Not saved — will retry</source>
      <translation>Not saved — will retry</translation>
    </message>
    <message>
      <source>Pr&amp;int the dossier…</source>
      <translation>Pr&amp;int the dossier…</translation>
    </message>
    <message>
      <source>Preferences</source>
      <translation>Preferences</translation>
    </message>
    <message>
      <source>Rename</source>
      <translation>Rename</translation>
    </message>
    <message>
      <source>Restore a backup</source>
      <translation>Restore a backup</translation>
    </message>
    <message>
      <source>Save a &amp;backup as…</source>
      <translation>Save a &amp;backup as…</translation>
    </message>
    <message>
      <source>The campaign “%1” (%2) was created with the %3 amount(s) typed in this dossier; File › Campaigns… lists it for your next dossiers.

Use it for this dossier too? Its amounts then come from the campaign instead of being typed here (Ctrl+Z undoes it).</source>
      <translation>The campaign “%1” (%2) was created with the %3 amount(s) typed in this dossier; File › Campaigns… lists it for your next dossiers.

Use it for this dossier too? Its amounts then come from the campaign instead of being typed here (Ctrl+Z undoes it).</translation>
    </message>
    <message>
      <source>The new language will be used the next time esms-desktop starts.</source>
      <translation>The new language will be used the next time esms-desktop starts.</translation>
    </message>
    <message>
      <source>Verdict of the dossier</source>
      <translation>Verdict of the dossier</translation>
    </message>
    <message>
      <source>Your change is kept on screen but could not be saved:

%1

It will be saved again with your next change, or when you close the dossier.</source>
      <translation>Your change is kept on screen but could not be saved:

%1

It will be saved again with your next change, or when you close the dossier.</translation>
    </message>
    <message>
      <source>automatic</source>
      <translation>automatic</translation>
    </message>
    <message>
      <source>before deletion</source>
      <translation>before deletion</translation>
    </message>
    <message>
      <source>before import</source>
      <translation>before import</translation>
    </message>
    <message>
      <source>before restore</source>
      <translation>before restore</translation>
    </message>
    <message>
      <source>before update</source>
      <translation>before update</translation>
    </message>
    <message>
      <source>esms-desktop</source>
      <translation>esms-desktop</translation>
    </message>
    <message>
      <source>esms-desktop exchange file (*.esms)</source>
      <translation>esms-desktop exchange file (*.esms)</translation>
    </message>
    <message>
      <source>manual</source>
      <translation>manual</translation>
    </message>
    <message>
      <source>start</source>
      <translation>start</translation>
    </message>
  </context>
  <context>
    <name>MergeDialog</name>
    <message>
      <source>Also merge the &amp;grappe (creates an amendment)</source>
      <translation>Also merge the &amp;grappe (creates an amendment)</translation>
    </message>
    <message>
      <source>Blanks filled in</source>
      <translation>Blanks filled in</translation>
    </message>
    <message>
      <source>Changes refused</source>
      <translation>Changes refused</translation>
    </message>
    <message>
      <source>Conflicts</source>
      <translation>Conflicts</translation>
    </message>
    <message>
      <source>Differences</source>
      <translation>Differences</translation>
    </message>
    <message>
      <source>Establishment</source>
      <translation>Establishment</translation>
    </message>
    <message>
      <source>Establishments filled in on both sides with different values: choose whose values to keep.</source>
      <translation>Establishments filled in on both sides with different values: choose whose values to keep.</translation>
    </message>
    <message>
      <source>Keep</source>
      <translation>Keep</translation>
    </message>
    <message>
      <source>Merge a partner's file</source>
      <translation>Merge a partner's file</translation>
    </message>
    <message>
      <source>Merge a partner's file (%1 added, %2 changed)</source>
      <translation>Merge a partner's file (%1 added, %2 changed)</translation>
    </message>
    <message>
      <source>Merge a partner's usage indicators</source>
      <translation>Merge a partner's usage indicators</translation>
    </message>
    <message>
      <source>Merge of “%1”</source>
      <translation>Merge of “%1”</translation>
    </message>
    <message>
      <source>Not applied: establishments of another organisation, which this file may not change:</source>
      <translation>Not applied: establishments of another organisation, which this file may not change:</translation>
    </message>
    <message>
      <source>Our blanks that the file fills in (applied when you press OK):</source>
      <translation>Our blanks that the file fills in (applied when you press OK):</translation>
    </message>
    <message>
      <source>Porteur of the project</source>
      <translation>Porteur of the project</translation>
    </message>
    <message>
      <source>Porteur of the project (the other one becomes a member):</source>
      <translation>Porteur of the project (the other one becomes a member):</translation>
    </message>
    <message>
      <source>Summary of the merge</source>
      <translation>Summary of the merge</translation>
    </message>
    <message>
      <source>The candidature is filed: the %1 change(s) to the grappe are left out; merging them would need an amendment (the check box below).</source>
      <translation>The candidature is filed: the %1 change(s) to the grappe are left out; merging them would need an amendment (the check box below).</translation>
    </message>
    <message>
      <source>The candidature is filed: the grappe changes are recorded as an amendment.</source>
      <translation>The candidature is filed: the grappe changes are recorded as an amendment.</translation>
    </message>
    <message>
      <source>Usage indicators only: the grappe is left out (%1)</source>
      <translation>Usage indicators only: the grappe is left out (%1)</translation>
    </message>
    <message>
      <source>Values to keep for %1</source>
      <translation>Values to keep for %1</translation>
    </message>
    <message>
      <source>What “%1” brings to the grappe (matched by FINESS):</source>
      <translation>What “%1” brings to the grappe (matched by FINESS):</translation>
    </message>
    <message>
      <source>our values</source>
      <translation>our values</translation>
    </message>
    <message>
      <source>their values</source>
      <translation>their values</translation>
    </message>
  </context>
  <context>
    <name>NewCampaignDialog</name>
    <message>
      <source>&amp;Identifier:</source>
      <translation>&amp;Identifier:</translation>
    </message>
    <message>
      <source>&amp;Title:</source>
      <translation>&amp;Title:</translation>
    </message>
    <message>
      <source>&amp;Year:</source>
      <translation>&amp;Year:</translation>
    </message>
    <message>
      <source>Give the campaign a title.</source>
      <translation>Give the campaign a title.</translation>
    </message>
    <message>
      <source>Identifier of the new campaign</source>
      <translation>Identifier of the new campaign</translation>
    </message>
    <message>
      <source>New campaign</source>
      <translation>New campaign</translation>
    </message>
    <message>
      <source>The identifier “%1” is already that of “%2”: choose another.</source>
      <translation>The identifier “%1” is already that of “%2”: choose another.</translation>
    </message>
    <message>
      <source>The new campaign starts as a copy of “%1” (%2). Give it a title, for instance « Généralisation 2026 — ARS Bretagne »; its identifier is what the command line and the exchange files use.</source>
      <translation>The new campaign starts as a copy of “%1” (%2). Give it a title, for instance « Généralisation 2026 — ARS Bretagne »; its identifier is what the command line and the exchange files use.</translation>
    </message>
    <message>
      <source>Title of the new campaign</source>
      <translation>Title of the new campaign</translation>
    </message>
    <message>
      <source>Year of the call</source>
      <translation>Year of the call</translation>
    </message>
  </context>
  <context>
    <name>NewDossierDialog</name>
    <message>
      <source>&amp;Browse…</source>
      <translation>&amp;Browse…</translation>
    </message>
    <message>
      <source>&amp;Campaign:</source>
      <translation>&amp;Campaign:</translation>
    </message>
    <message>
      <source>&amp;Name:</source>
      <translation>&amp;Name:</translation>
    </message>
    <message>
      <source>Campaign</source>
      <translation>Campaign</translation>
    </message>
    <message>
      <source>Candidature ESMS numérique</source>
      <translation>Candidature ESMS numérique</translation>
    </message>
    <message>
      <source>Dossier name</source>
      <translation>Dossier name</translation>
    </message>
    <message>
      <source>Grappe or FINESS files (*.csv *.xlsx *.xls *.ods *.json *.gz *.esms);;All files (*)</source>
      <translation>Grappe or FINESS files (*.csv *.xlsx *.xls *.ods *.json *.gz *.esms);;All files (*)</translation>
    </message>
    <message>
      <source>New dossier</source>
      <translation>New dossier</translation>
    </message>
    <message>
      <source>Start &amp;from:</source>
      <translation>Start &amp;from:</translation>
    </message>
    <message>
      <source>Start from a file</source>
      <translation>Start from a file</translation>
    </message>
    <message>
      <source>Start from a file (optional)</source>
      <translation>Start from a file (optional)</translation>
    </message>
    <message>
      <source>optional: spreadsheet, FINESS export or .esms</source>
      <translation>optional: spreadsheet, FINESS export or .esms</translation>
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
      <translation>E-mail</translation>
    </message>
    <message>
      <source>ESSMS in project</source>
      <translation>ESSMS in project</translation>
    </message>
    <message>
      <source>ESSMS managed</source>
      <translation>ESSMS managed</translation>
    </message>
    <message>
      <source>Edit organisation %1</source>
      <translation>Edit organisation %1</translation>
    </message>
    <message>
      <source>FINESS (legal entity)</source>
      <translation>FINESS (legal entity)</translation>
    </message>
    <message>
      <source>Member</source>
      <translation>Member</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>Name</translation>
    </message>
    <message>
      <source>Not given: the number of its ESSMS in the project is used.</source>
      <translation>Not given: the number of its ESSMS in the project is used.</translation>
    </message>
    <message>
      <source>Porteur</source>
      <translation>Porteur</translation>
    </message>
    <message>
      <source>Role</source>
      <translation>Role</translation>
    </message>
    <message>
      <source>SIREN</source>
      <translation>SIREN</translation>
    </message>
    <message>
      <source>Size</source>
      <translation>Size</translation>
    </message>
    <message>
      <source>large</source>
      <translation>large</translation>
    </message>
    <message>
      <source>medium</source>
      <translation>medium</translation>
    </message>
    <message>
      <source>small</source>
      <translation>small</translation>
    </message>
  </context>
  <context>
    <name>PartnerDialog</name>
    <message>
      <source>%1 added with %2 ESSMS (Ctrl+Z undoes it).</source>
      <translation>%1 added with %2 ESSMS (Ctrl+Z undoes it).</translation>
    </message>
    <message>
      <source>%1 declared already in a funded project.</source>
      <translation>%1 declared already in a funded project.</translation>
    </message>
    <message>
      <source>%1 organisation(s) could join the grappe of %2, campaign « %3 » (departments %4).</source>
      <translation>%1 organisation(s) could join the grappe of %2, campaign « %3 » (departments %4).</translation>
    </message>
    <message>
      <source>&amp;Add to the grappe</source>
      <translation>&amp;Add to the grappe</translation>
    </message>
    <message>
      <source>&amp;Close</source>
      <translation>&amp;Close</translation>
    </message>
    <message>
      <source>&amp;Radius:</source>
      <translation>&amp;Radius:</translation>
    </message>
    <message>
      <source>&amp;Sector:</source>
      <translation>&amp;Sector:</translation>
    </message>
    <message>
      <source>Add partner %1</source>
      <translation>Add partner %1</translation>
    </message>
    <message>
      <source>Add the selected organisation with its checked ESSMS (Enter; Ctrl+Z undoes)</source>
      <translation>Add the selected organisation with its checked ESSMS (Enter; Ctrl+Z undoes)</translation>
    </message>
    <message>
      <source>All sectors</source>
      <translation>All sectors</translation>
    </message>
    <message>
      <source>Already in a &amp;funded project</source>
      <translation>Already in a &amp;funded project</translation>
    </message>
    <message>
      <source>CSV files (*.csv)</source>
      <translation>CSV files (*.csv)</translation>
    </message>
    <message>
      <source>Check at least one ESSMS to add this organisation.</source>
      <translation>Check at least one ESSMS to add this organisation.</translation>
    </message>
    <message>
      <source>Contact sheet (&amp;PDF)…</source>
      <translation>Contact sheet (&amp;PDF)…</translation>
    </message>
    <message>
      <source>Contact sheet (CS&amp;V)…</source>
      <translation>Contact sheet (CS&amp;V)…</translation>
    </message>
    <message>
      <source>Contact sheet (CSV)</source>
      <translation>Contact sheet (CSV)</translation>
    </message>
    <message>
      <source>Contact sheet (PDF)</source>
      <translation>Contact sheet (PDF)</translation>
    </message>
    <message>
      <source>Declaration withdrawn for %1.</source>
      <translation>Declaration withdrawn for %1.</translation>
    </message>
    <message>
      <source>Declare the selected organisation already in a funded project (no double funding), or withdraw the declaration</source>
      <translation>Declare the selected organisation already in a funded project (no double funding), or withdraw the declaration</translation>
    </message>
    <message>
      <source>ESSMS it would &amp;bring (uncheck those that stay out):</source>
      <translation>ESSMS it would &amp;bring (uncheck those that stay out):</translation>
    </message>
    <message>
      <source>ESSMS of the selected organisation</source>
      <translation>ESSMS of the selected organisation</translation>
    </message>
    <message>
      <source>FINESS files (*.csv *.json *.gz *.txt);;All files (*)</source>
      <translation>FINESS files (*.csv *.json *.gz *.txt);;All files (*)</translation>
    </message>
    <message>
      <source>Find partners</source>
      <translation>Find partners</translation>
    </message>
    <message>
      <source>For the selected organisations (Ctrl+click to select several)</source>
      <translation>For the selected organisations (Ctrl+click to select several)</translation>
    </message>
    <message>
      <source>L&amp;oad a FINESS file…</source>
      <translation>L&amp;oad a FINESS file…</translation>
    </message>
    <message>
      <source>Leave out those &amp;declared funded</source>
      <translation>Leave out those &amp;declared funded</translation>
    </message>
    <message>
      <source>Load the FINESS register</source>
      <translation>Load the FINESS register</translation>
    </message>
    <message>
      <source>Load the national FINESS export or extract as the offline register</source>
      <translation>Load the national FINESS export or extract as the offline register</translation>
    </message>
    <message>
      <source>No FINESS register is loaded on this computer: load the national FINESS file (export or extract) to find the organisations around you.</source>
      <translation>No FINESS register is loaded on this computer: load the national FINESS file (export or extract) to find the organisations around you.</translation>
    </message>
    <message>
      <source>Organisations that could join the grappe</source>
      <translation>Organisations that could join the grappe</translation>
    </message>
    <message>
      <source>Organisations you declared already in a funded project are not listed</source>
      <translation>Organisations you declared already in a funded project are not listed</translation>
    </message>
    <message>
      <source>PDF documents (*.pdf)</source>
      <translation>PDF documents (*.pdf)</translation>
    </message>
    <message>
      <source>Proposal &amp;letters…</source>
      <translation>Proposal &amp;letters…</translation>
    </message>
    <message>
      <source>Proposal letters</source>
      <translation>Proposal letters</translation>
    </message>
    <message>
      <source>Radius in kilometres</source>
      <translation>Radius in kilometres</translation>
    </message>
    <message>
      <source>Redo</source>
      <translation>Redo</translation>
    </message>
    <message>
      <source>S&amp;mall OGs only</source>
      <translation>S&amp;mall OGs only</translation>
    </message>
    <message>
      <source>Saved: %1</source>
      <translation>Saved: %1</translation>
    </message>
    <message>
      <source>Sector</source>
      <translation>Sector</translation>
    </message>
    <message>
      <source>Some amounts are still to be confirmed.</source>
      <translation>Some amounts are still to be confirmed.</translation>
    </message>
    <message>
      <source>The register loaded gives no coordinates: distances are unknown (load the geolocated FINESS extract to rank by distance).</source>
      <translation>The register loaded gives no coordinates: distances are unknown (load the geolocated FINESS extract to rank by distance).</translation>
    </message>
    <message>
      <source>Undo</source>
      <translation>Undo</translation>
    </message>
    <message>
      <source>With this organisation: %1 ESSMS counted (%2 today), %3; budget %4.</source>
      <translation>With this organisation: %1 ESSMS counted (%2 today), %3; budget %4.</translation>
    </message>
    <message>
      <source>no limit</source>
      <translation>no limit</translation>
    </message>
    <message>
      <source>the grappe would meet the campaign's rules</source>
      <translation>the grappe would meet the campaign's rules</translation>
    </message>
    <message>
      <source>the grappe would still not meet the campaign's rules</source>
      <translation>the grappe would still not meet the campaign's rules</translation>
    </message>
  </context>
  <context>
    <name>PartnersModel</name>
    <message>
      <source> (declared funded)</source>
      <translation> (declared funded)</translation>
    </message>
    <message>
      <source>%1 ESSMS counted today, %2 with this organisation</source>
      <translation>%1 ESSMS counted today, %2 with this organisation</translation>
    </message>
    <message>
      <source>Budget difference</source>
      <translation>Budget difference</translation>
    </message>
    <message>
      <source>Dept.</source>
      <translation>Dept.</translation>
    </message>
    <message>
      <source>Distance</source>
      <translation>Distance</translation>
    </message>
    <message>
      <source>ESSMS of the grappe</source>
      <translation>ESSMS of the grappe</translation>
    </message>
    <message>
      <source>Eligible</source>
      <translation>Eligible</translation>
    </message>
    <message>
      <source>Eligible ESSMS</source>
      <translation>Eligible ESSMS</translation>
    </message>
    <message>
      <source>How the grappe would stand with this organisation and its ESSMS</source>
      <translation>How the grappe would stand with this organisation and its ESSMS</translation>
    </message>
    <message>
      <source>Organisation</source>
      <translation>Organisation</translation>
    </message>
    <message>
      <source>Sectors</source>
      <translation>Sectors</translation>
    </message>
    <message>
      <source>Small OG</source>
      <translation>Small OG</translation>
    </message>
    <message>
      <source>Some amounts are still to be confirmed</source>
      <translation>Some amounts are still to be confirmed</translation>
    </message>
    <message>
      <source>no</source>
      <translation>no</translation>
    </message>
    <message>
      <source>unknown</source>
      <translation>unknown</translation>
    </message>
    <message>
      <source>yes</source>
      <translation>yes</translation>
    </message>
  </context>
  <context>
    <name>PorteurView</name>
    <message>
      <source>&amp;Grappe agreement:</source>
      <translation>&amp;Grappe agreement:</translation>
    </message>
    <message>
      <source>&amp;Legal representative:</source>
      <translation>&amp;Legal representative:</translation>
    </message>
    <message>
      <source>&amp;Name:</source>
      <translation>&amp;Name:</translation>
    </message>
    <message>
      <source>&amp;Project title:</source>
      <translation>&amp;Project title:</translation>
    </message>
    <message>
      <source>&amp;SIREN:</source>
      <translation>&amp;SIREN:</translation>
    </message>
    <message>
      <source>&amp;Their title:</source>
      <translation>&amp;Their title:</translation>
    </message>
    <message>
      <source>14 digits</source>
      <translation>14 digits</translation>
    </message>
    <message>
      <source>9 characters</source>
      <translation>9 characters</translation>
    </message>
    <message>
      <source>9 digits</source>
      <translation>9 digits</translation>
    </message>
    <message>
      <source>Add a member</source>
      <translation>Add a member</translation>
    </message>
    <message>
      <source>Add a team member</source>
      <translation>Add a team member</translation>
    </message>
    <message>
      <source>Add&amp;ress:</source>
      <translation>Add&amp;ress:</translation>
    </message>
    <message>
      <source>Availability</source>
      <translation>Availability</translation>
    </message>
    <message>
      <source>Business expert</source>
      <translation>Business expert</translation>
    </message>
    <message>
      <source>Change the grappe agreement date</source>
      <translation>Change the grappe agreement date</translation>
    </message>
    <message>
      <source>Clear the grappe agreement date</source>
      <translation>Clear the grappe agreement date</translation>
    </message>
    <message>
      <source>E-&amp;mail:</source>
      <translation>E-&amp;mail:</translation>
    </message>
    <message>
      <source>Edit a team member</source>
      <translation>Edit a team member</translation>
    </message>
    <message>
      <source>Edit the contact e-mail</source>
      <translation>Edit the contact e-mail</translation>
    </message>
    <message>
      <source>Edit the contact phone</source>
      <translation>Edit the contact phone</translation>
    </message>
    <message>
      <source>Edit the legal representative</source>
      <translation>Edit the legal representative</translation>
    </message>
    <message>
      <source>Edit the legal representative's title</source>
      <translation>Edit the legal representative's title</translation>
    </message>
    <message>
      <source>Edit the porteur's FINESS</source>
      <translation>Edit the porteur's FINESS</translation>
    </message>
    <message>
      <source>Edit the porteur's SIREN</source>
      <translation>Edit the porteur's SIREN</translation>
    </message>
    <message>
      <source>Edit the porteur's SIRET</source>
      <translation>Edit the porteur's SIRET</translation>
    </message>
    <message>
      <source>Edit the porteur's address</source>
      <translation>Edit the porteur's address</translation>
    </message>
    <message>
      <source>Edit the porteur's legal status</source>
      <translation>Edit the porteur's legal status</translation>
    </message>
    <message>
      <source>Edit the porteur's name</source>
      <translation>Edit the porteur's name</translation>
    </message>
    <message>
      <source>Edit the porteur's postal code</source>
      <translation>Edit the porteur's postal code</translation>
    </message>
    <message>
      <source>Edit the porteur's town</source>
      <translation>Edit the porteur's town</translation>
    </message>
    <message>
      <source>Edit the project lead</source>
      <translation>Edit the project lead</translation>
    </message>
    <message>
      <source>Edit the project title</source>
      <translation>Edit the project title</translation>
    </message>
    <message>
      <source>FINESS (legal entit&amp;y):</source>
      <translation>FINESS (legal entit&amp;y):</translation>
    </message>
    <message>
      <source>First name and surname</source>
      <translation>First name and surname</translation>
    </message>
    <message>
      <source>Function</source>
      <translation>Function</translation>
    </message>
    <message>
      <source>Grappe agreement</source>
      <translation>Grappe agreement</translation>
    </message>
    <message>
      <source>Grappe agreement signed</source>
      <translation>Grappe agreement signed</translation>
    </message>
    <message>
      <source>IT lead</source>
      <translation>IT lead</translation>
    </message>
    <message>
      <source>Legal stat&amp;us:</source>
      <translation>Legal stat&amp;us:</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>Name</translation>
    </message>
    <message>
      <source>New member</source>
      <translation>New member</translation>
    </message>
    <message>
      <source>Organisation</source>
      <translation>Organisation</translation>
    </message>
    <message>
      <source>Other</source>
      <translation>Other</translation>
    </message>
    <message>
      <source>People</source>
      <translation>People</translation>
    </message>
    <message>
      <source>Ph&amp;one:</source>
      <translation>Ph&amp;one:</translation>
    </message>
    <message>
      <source>Porteur and project</source>
      <translation>Porteur and project</translation>
    </message>
    <message>
      <source>Porteur organisation</source>
      <translation>Porteur organisation</translation>
    </message>
    <message>
      <source>Postal co&amp;de:</source>
      <translation>Postal co&amp;de:</translation>
    </message>
    <message>
      <source>Pro&amp;ject lead:</source>
      <translation>Pro&amp;ject lead:</translation>
    </message>
    <message>
      <source>Project</source>
      <translation>Project</translation>
    </message>
    <message>
      <source>Project referent</source>
      <translation>Project referent</translation>
    </message>
    <message>
      <source>Project team</source>
      <translation>Project team</translation>
    </message>
    <message>
      <source>Project title</source>
      <translation>Project title</translation>
    </message>
    <message>
      <source>Remove member</source>
      <translation>Remove member</translation>
    </message>
    <message>
      <source>Remove team member(s)</source>
      <translation>Remove team member(s)</translation>
    </message>
    <message>
      <source>Role</source>
      <translation>Role</translation>
    </message>
    <message>
      <source>S&amp;IRET of the head office:</source>
      <translation>S&amp;IRET of the head office:</translation>
    </message>
    <message>
      <source>Set the grappe agreement date</source>
      <translation>Set the grappe agreement date</translation>
    </message>
    <message>
      <source>Signature date of the grappe agreement</source>
      <translation>Signature date of the grappe agreement</translation>
    </message>
    <message>
      <source>Signed on</source>
      <translation>Signed on</translation>
    </message>
    <message>
      <source>The organisation that carries the candidature for the whole grappe, and the people the ARS will deal with. Identifiers are checked as you type; what you type is always kept, even when a check fails.</source>
      <translation>The organisation that carries the candidature for the whole grappe, and the people the ARS will deal with. Identifiers are checked as you type; what you type is always kept, even when a check fails.</translation>
    </message>
    <message>
      <source>The people who carry the project: the referents of each organisation, the IT lead, the business experts, and the time each gives to the project. Double-click a cell or press F2 to edit it.</source>
      <translation>The people who carry the project: the referents of each organisation, the IT lead, the business experts, and the time each gives to the project. Double-click a cell or press F2 to edit it.</translation>
    </message>
    <message>
      <source>Time given to the project, e.g. 20 % or 2 days a month</source>
      <translation>Time given to the project, e.g. 20 % or 2 days a month</translation>
    </message>
    <message>
      <source>To&amp;wn:</source>
      <translation>To&amp;wn:</translation>
    </message>
    <message>
      <source>e.g. Président, Directeur général</source>
      <translation>e.g. Président, Directeur général</translation>
    </message>
    <message>
      <source>e.g. Shared care record for the grappe's services</source>
      <translation>e.g. Shared care record for the grappe's services</translation>
    </message>
    <message>
      <source>e.g. association loi 1901</source>
      <translation>e.g. association loi 1901</translation>
    </message>
    <message>
      <source>name@example.org</source>
      <translation>name@example.org</translation>
    </message>
    <message>
      <source>référent, informatique, métier or autre</source>
      <translation>référent, informatique, métier or autre</translation>
    </message>
  </context>
  <context>
    <name>PreviewPage</name>
    <message>
      <source>%1 organisation(s), %2 establishment(s) ready to import.</source>
      <translation>%1 organisation(s), %2 establishment(s) ready to import.</translation>
    </message>
    <message>
      <source>%1 row(s) in error are left out.</source>
      <translation>%1 row(s) in error are left out.</translation>
    </message>
    <message>
      <source>&amp;Add to the current grappe</source>
      <translation>&amp;Add to the current grappe</translation>
    </message>
    <message>
      <source>&amp;Replace the current grappe</source>
      <translation>&amp;Replace the current grappe</translation>
    </message>
    <message>
      <source>&amp;Skip the rows in error and import the others</source>
      <translation>&amp;Skip the rows in error and import the others</translation>
    </message>
    <message>
      <source>Category</source>
      <translation>Category</translation>
    </message>
    <message>
      <source>Check what will be imported</source>
      <translation>Check what will be imported</translation>
    </message>
    <message>
      <source>Establishments found in the file</source>
      <translation>Establishments found in the file</translation>
    </message>
    <message>
      <source>FINESS</source>
      <translation>FINESS</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>Name</translation>
    </message>
    <message>
      <source>Nothing can be imported as is: %1 problem(s). Fix the file, or tick “Skip the rows in error”.</source>
      <translation>Nothing can be imported as is: %1 problem(s). Fix the file, or tick “Skip the rows in error”.</translation>
    </message>
    <message>
      <source>Organisation</source>
      <translation>Organisation</translation>
    </message>
    <message>
      <source>Porteur</source>
      <translation>Porteur</translation>
    </message>
    <message>
      <source>Problems found (row, column, problem):</source>
      <translation>Problems found (row, column, problem):</translation>
    </message>
    <message>
      <source>Problems found in the file</source>
      <translation>Problems found in the file</translation>
    </message>
    <message>
      <source>Project</source>
      <translation>Project</translation>
    </message>
    <message>
      <source>Reading %1…</source>
      <translation>Reading %1…</translation>
    </message>
    <message>
      <source>The file names “%1” as porteur, but the dossier's porteur is “%2” (%3 establishment(s)). Which organisation carries the candidature? The other one becomes a member.</source>
      <translation>The file names “%1” as porteur, but the dossier's porteur is “%2” (%3 establishment(s)). Which organisation carries the candidature? The other one becomes a member.</translation>
    </message>
    <message>
      <source>“%1”, the dossier's porteur until now</source>
      <translation>“%1”, the dossier's porteur until now</translation>
    </message>
    <message>
      <source>“%1”, the porteur named in the file</source>
      <translation>“%1”, the porteur named in the file</translation>
    </message>
  </context>
  <context>
    <name>PrintPreview</name>
    <message>
      <source>%1

The PDF opens in your usual viewer instead: print it from there.</source>
      <translation>%1

The PDF opens in your usual viewer instead: print it from there.</translation>
    </message>
    <message>
      <source>Page %1 could not be prepared for the printer (not enough memory?).</source>
      <translation>Page %1 could not be prepared for the printer (not enough memory?).</translation>
    </message>
    <message>
      <source>Printing</source>
      <translation>Printing</translation>
    </message>
    <message>
      <source>The printer reported an error: the pages may not be printed.</source>
      <translation>The printer reported an error: the pages may not be printed.</translation>
    </message>
    <message>
      <source>The printer stopped after %1 page(s).</source>
      <translation>The printer stopped after %1 page(s).</translation>
    </message>
    <message>
      <source>The printer “%1” could not be opened (switched off, disconnected or busy?).</source>
      <translation>The printer “%1” could not be opened (switched off, disconnected or busy?).</translation>
    </message>
    <message>
      <source>the PDF could not be read</source>
      <translation>the PDF could not be read</translation>
    </message>
    <message>
      <source>the PDF is protected</source>
      <translation>the PDF is protected</translation>
    </message>
    <message>
      <source>the PDF is protected by a password</source>
      <translation>the PDF is protected by a password</translation>
    </message>
    <message>
      <source>the file does not exist (any more)</source>
      <translation>the file does not exist (any more)</translation>
    </message>
    <message>
      <source>the file is not a readable PDF</source>
      <translation>the file is not a readable PDF</translation>
    </message>
    <message>
      <source>“%1” cannot be shown: %2.</source>
      <translation>“%1” cannot be shown: %2.</translation>
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
      <translation>&amp;Print…</translation>
    </message>
    <message>
      <source>&amp;Save as…</source>
      <translation>&amp;Save as…</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <source>Fit width</source>
      <translation>Fit width</translation>
    </message>
    <message>
      <source>Next page</source>
      <translation>Next page</translation>
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
      <translation>Page shown</translation>
    </message>
    <message>
      <source>Pages of the PDF</source>
      <translation>Pages of the PDF</translation>
    </message>
    <message>
      <source>Preparing the dossier for printing…</source>
      <translation>Preparing the dossier for printing…</translation>
    </message>
    <message>
      <source>Previous page</source>
      <translation>Previous page</translation>
    </message>
    <message>
      <source>Print</source>
      <translation>Print</translation>
    </message>
    <message>
      <source>Print preview</source>
      <translation>Print preview</translation>
    </message>
    <message>
      <source>Print preview — %1</source>
      <translation>Print preview — %1</translation>
    </message>
    <message>
      <source>Print the dossier</source>
      <translation>Print the dossier</translation>
    </message>
    <message>
      <source>Printing page %1 of %2…</source>
      <translation>Printing page %1 of %2…</translation>
    </message>
    <message>
      <source>Printing…</source>
      <translation>Printing…</translation>
    </message>
    <message>
      <source>Save the PDF</source>
      <translation>Save the PDF</translation>
    </message>
    <message>
      <source>The PDF could not be written to “%1”: %2.</source>
      <translation>The PDF could not be written to “%1”: %2.</translation>
    </message>
    <message>
      <source>Zoom in</source>
      <translation>Zoom in</translation>
    </message>
    <message>
      <source>Zoom out</source>
      <translation>Zoom out</translation>
    </message>
  </context>
  <context>
    <name>ProblemLine</name>
    <message>
      <source>No problem found: the campaign can be used.</source>
      <translation>No problem found: the campaign can be used.</translation>
    </message>
    <message>
      <source>show the key</source>
      <translation>show the key</translation>
    </message>
  </context>
  <context>
    <name>RepairPage</name>
    <message>
      <source>&amp;Restore a backup…</source>
      <translation>&amp;Restore a backup…</translation>
    </message>
    <message>
      <source>Back to the &amp;list of dossiers</source>
      <translation>Back to the &amp;list of dossiers</translation>
    </message>
    <message>
      <source>Expected</source>
      <translation>Expected</translation>
    </message>
    <message>
      <source>Field</source>
      <translation>Field</translation>
    </message>
    <message>
      <source>It holds %1 value(s) that esms-desktop cannot use, listed below: it is open read-only, and nothing in it can be changed, computed or printed until it is repaired.</source>
      <translation>It holds %1 value(s) that esms-desktop cannot use, listed below: it is open read-only, and nothing in it can be changed, computed or printed until it is repaired.</translation>
    </message>
    <message>
      <source>This dossier must be repaired</source>
      <translation>This dossier must be repaired</translation>
    </message>
    <message>
      <source>To repair it, restore a backup taken before the problem (every dossier goes back to that moment), or delete this dossier from the list of dossiers.</source>
      <translation>To repair it, restore a backup taken before the problem (every dossier goes back to that moment), or delete this dossier from the list of dossiers.</translation>
    </message>
    <message>
      <source>Value</source>
      <translation>Value</translation>
    </message>
    <message>
      <source>Values to repair</source>
      <translation>Values to repair</translation>
    </message>
    <message>
      <source>Where</source>
      <translation>Where</translation>
    </message>
  </context>
  <context>
    <name>SolutionView</name>
    <message>
      <source>%1 — %2 establishment(s)</source>
      <translation>%1 — %2 establishment(s)</translation>
    </message>
    <message>
      <source>&amp;Justification of the choice:</source>
      <translation>&amp;Justification of the choice:</translation>
    </message>
    <message>
      <source>&amp;Product:</source>
      <translation>&amp;Product:</translation>
    </message>
    <message>
      <source>&amp;Ségur referencing:</source>
      <translation>&amp;Ségur referencing:</translation>
    </message>
    <message>
      <source>(no solution named)</source>
      <translation>(no solution named)</translation>
    </message>
    <message>
      <source>Apply the project's solution to every establishment</source>
      <translation>Apply the project's solution to every establishment</translation>
    </message>
    <message>
      <source>Apply this solution to every establishment</source>
      <translation>Apply this solution to every establishment</translation>
    </message>
    <message>
      <source>As shown in the list of referenced solutions</source>
      <translation>As shown in the list of referenced solutions</translation>
    </message>
    <message>
      <source>Asked of a project of the %1 sector(s) whose solution is not Ségur-referenced: until it is declared, the findings say it is to be checked.</source>
      <translation>Asked of a project of the %1 sector(s) whose solution is not Ségur-referenced: until it is declared, the findings say it is to be checked.</translation>
    </message>
    <message>
      <source>Change the Ségur referencing</source>
      <translation>Change the Ségur referencing</translation>
    </message>
    <message>
      <source>Company that publishes the software</source>
      <translation>Company that publishes the software</translation>
    </message>
    <message>
      <source>DUI solution</source>
      <translation>DUI solution</translation>
    </message>
    <message>
      <source>Declare the editor's registration at the referencing office</source>
      <translation>Declare the editor's registration at the referencing office</translation>
    </message>
    <message>
      <source>Differs from the project's solution</source>
      <translation>Differs from the project's solution</translation>
    </message>
    <message>
      <source>E&amp;ditor:</source>
      <translation>E&amp;ditor:</translation>
    </message>
    <message>
      <source>Edit the Ségur referencing number</source>
      <translation>Edit the Ségur referencing number</translation>
    </message>
    <message>
      <source>Edit the justification of the choice</source>
      <translation>Edit the justification of the choice</translation>
    </message>
    <message>
      <source>Edit the solution's editor</source>
      <translation>Edit the solution's editor</translation>
    </message>
    <message>
      <source>Edit the solution's product</source>
      <translation>Edit the solution's product</translation>
    </message>
    <message>
      <source>Editor</source>
      <translation>Editor</translation>
    </message>
    <message>
      <source>Editor registered at the Ségur referencing office: %1</source>
      <translation>Editor registered at the Ségur referencing office: %1</translation>
    </message>
    <message>
      <source>Every establishment already names it.</source>
      <translation>Every establishment already names it.</translation>
    </message>
    <message>
      <source>Justification of the choice</source>
      <translation>Justification of the choice</translation>
    </message>
    <message>
      <source>Mandatory: at least one establishment acquires a DUI. Explain which editors were consulted and why this solution was chosen.</source>
      <translation>Mandatory: at least one establishment acquires a DUI. Explain which editors were consulted and why this solution was chosen.</translation>
    </message>
    <message>
      <source>Name and version of the software</source>
      <translation>Name and version of the software</translation>
    </message>
    <message>
      <source>Name “%1” on %2 establishment(s); Ctrl+Z undoes it.</source>
      <translation>Name “%1” on %2 establishment(s); Ctrl+Z undoes it.</translation>
    </message>
    <message>
      <source>No</source>
      <translation>No</translation>
    </message>
    <message>
      <source>No establishment in the grappe yet.</source>
      <translation>No establishment in the grappe yet.</translation>
    </message>
    <message>
      <source>Not declared</source>
      <translation>Not declared</translation>
    </message>
    <message>
      <source>Not referenced</source>
      <translation>Not referenced</translation>
    </message>
    <message>
      <source>Product</source>
      <translation>Product</translation>
    </message>
    <message>
      <source>Referenced</source>
      <translation>Referenced</translation>
    </message>
    <message>
      <source>Referencing &amp;number:</source>
      <translation>Referencing &amp;number:</translation>
    </message>
    <message>
      <source>Solution of the project</source>
      <translation>Solution of the project</translation>
    </message>
    <message>
      <source>Solutions named on the establishments</source>
      <translation>Solutions named on the establishments</translation>
    </message>
    <message>
      <source>Ségur referencing number</source>
      <translation>Ségur referencing number</translation>
    </message>
    <message>
      <source>Ségur referencing: %1</source>
      <translation>Ségur referencing: %1</translation>
    </message>
    <message>
      <source>The editor is &amp;registered at the Ségur referencing office on the date of the convention:</source>
      <translation>The editor is &amp;registered at the Ségur referencing office on the date of the convention:</translation>
    </message>
    <message>
      <source>The shared care record (DUI) solution chosen for the project. For an acquisition, the programme funds solutions referenced in the Ségur catalogue, chosen after consulting several editors.</source>
      <translation>The shared care record (DUI) solution chosen for the project. For an acquisition, the programme funds solutions referenced in the Ségur catalogue, chosen after consulting several editors.</translation>
    </message>
    <message>
      <source>To be checked</source>
      <translation>To be checked</translation>
    </message>
    <message>
      <source>Type the solution's editor or product first.</source>
      <translation>Type the solution's editor or product first.</translation>
    </message>
    <message>
      <source>What each establishment row of the grappe names as its DUI solution, with the number of rows. They should all name the project's solution.</source>
      <translation>What each establishment row of the grappe names as its DUI solution, with the number of rows. They should all name the project's solution.</translation>
    </message>
    <message>
      <source>Which editors were consulted, on what criteria, and why this solution was chosen.</source>
      <translation>Which editors were consulted, on what criteria, and why this solution was chosen.</translation>
    </message>
    <message>
      <source>Yes</source>
      <translation>Yes</translation>
    </message>
  </context>
  <context>
    <name>TargetsView</name>
    <message>
      <source>Accept an attestation</source>
      <translation>Accept an attestation</translation>
    </message>
    <message>
      <source>Add a milestone</source>
      <translation>Add a milestone</translation>
    </message>
    <message>
      <source>Add a target</source>
      <translation>Add a target</translation>
    </message>
    <message>
      <source>Add a usage target</source>
      <translation>Add a usage target</translation>
    </message>
    <message>
      <source>As set by the call for projects: a percentage (80 %) or a count, per period if any (100 messages / mois, 300 DUI actifs); empty when not set</source>
      <translation>As set by the call for projects: a percentage (80 %) or a count, per period if any (100 messages / mois, 300 DUI actifs); empty when not set</translation>
    </message>
    <message>
      <source>Attestations</source>
      <translation>Attestations</translation>
    </message>
    <message>
      <source>Current value</source>
      <translation>Current value</translation>
    </message>
    <message>
      <source>Description</source>
      <translation>Description</translation>
    </message>
    <message>
      <source>Due date</source>
      <translation>Due date</translation>
    </message>
    <message>
      <source>Edit a milestone</source>
      <translation>Edit a milestone</translation>
    </message>
    <message>
      <source>Edit a usage target</source>
      <translation>Edit a usage target</translation>
    </message>
    <message>
      <source>Edit the governance</source>
      <translation>Edit the governance</translation>
    </message>
    <message>
      <source>Evidence</source>
      <translation>Evidence</translation>
    </message>
    <message>
      <source>Governance of the project</source>
      <translation>Governance of the project</translation>
    </message>
    <message>
      <source>How the grappe &amp;steers the project: steering committee, who takes part, how often it meets, how decisions are recorded.</source>
      <translation>How the grappe &amp;steers the project: steering committee, who takes part, how often it meets, how decisions are recorded.</translation>
    </message>
    <message>
      <source>Indicator</source>
      <translation>Indicator</translation>
    </message>
    <message>
      <source>Milestone</source>
      <translation>Milestone</translation>
    </message>
    <message>
      <source>New indicator</source>
      <translation>New indicator</translation>
    </message>
    <message>
      <source>New milestone</source>
      <translation>New milestone</translation>
    </message>
    <message>
      <source>Planning</source>
      <translation>Planning</translation>
    </message>
    <message>
      <source>Planning milestones</source>
      <translation>Planning milestones</translation>
    </message>
    <message>
      <source>Remove milestone</source>
      <translation>Remove milestone</translation>
    </message>
    <message>
      <source>Remove milestone(s)</source>
      <translation>Remove milestone(s)</translation>
    </message>
    <message>
      <source>Remove target</source>
      <translation>Remove target</translation>
    </message>
    <message>
      <source>Remove usage target(s)</source>
      <translation>Remove usage target(s)</translation>
    </message>
    <message>
      <source>Sector</source>
      <translation>Sector</translation>
    </message>
    <message>
      <source>The key steps of the project (choice of the solution, deployment, first uses…), each with its due date typed as dd/mm/yyyy.</source>
      <translation>The key steps of the project (choice of the solution, deployment, first uses…), each with its due date typed as dd/mm/yyyy.</translation>
    </message>
    <message>
      <source>The usage targets the organisations commit to, the project's planning and governance, and the attestations the porteur signs. Double-click a cell or press F2 to edit it.</source>
      <translation>The usage targets the organisations commit to, the project's planning and governance, and the attestations the porteur signs. Double-click a cell or press F2 to edit it.</translation>
    </message>
    <message>
      <source>Threshold</source>
      <translation>Threshold</translation>
    </message>
    <message>
      <source>Thresholds change from one call for projects to the next: copy them from your ARS's call, as a percentage (80 %) or a count per period (100 messages / mois). Leave a threshold empty until you know it.</source>
      <translation>Thresholds change from one call for projects to the next: copy them from your ARS's call, as a percentage (80 %) or a count per period (100 messages / mois). Leave a threshold empty until you know it.</translation>
    </message>
    <message>
      <source>Time frame</source>
      <translation>Time frame</translation>
    </message>
    <message>
      <source>Usage targets</source>
      <translation>Usage targets</translation>
    </message>
    <message>
      <source>Usage targets and commitments</source>
      <translation>Usage targets and commitments</translation>
    </message>
    <message>
      <source>Where the organisations stand today, as you know it (35 %, none…): the commitment reads as a move from there to the threshold</source>
      <translation>Where the organisations stand today, as you know it (35 %, none…): the commitment reads as a move from there to the threshold</translation>
    </message>
    <message>
      <source>Withdraw an attestation</source>
      <translation>Withdraw an attestation</translation>
    </message>
    <message>
      <source>dd/mm/yyyy</source>
      <translation>dd/mm/yyyy</translation>
    </message>
  </context>
  <context>
    <name>ThresholdDialog</name>
    <message>
      <source>&amp;Threshold:</source>
      <translation>&amp;Threshold:</translation>
    </message>
    <message>
      <source>Threshold of my convention</source>
      <translation>Threshold of my convention</translation>
    </message>
    <message>
      <source>a threshold is needed</source>
      <translation>a threshold is needed</translation>
    </message>
  </context>
</TS>
