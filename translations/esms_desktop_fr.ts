<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
  <context>
    <name>AnnexesModel</name>
    <message>
      <source>Attached file</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Document</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Required</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Tick “%1”</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>if applicable</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>required</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>App</name>
    <message>
      <source>%1

Restore the most recent valid backup (%2)?</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Damaged database</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>BudgetModels</name>
    <message>
      <source> (paid to the editor)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source> — to be confirmed</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>%1 (provisional)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Amount</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Establishment</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>FINESS</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Line</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Not counted</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Not funded</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Organisation</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Project</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Remark</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Rule</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Set %1</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Share</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Source</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Status</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Tranche</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Value</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>a positive amount in euros is expected</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>an amount in euros is expected</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>entered by you</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>founding documents</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>provisional amount, to be confirmed</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>public source</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>to be confirmed with your ARS</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>to be filled in</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>BudgetView</name>
    <message>
      <source>%1 ESSMS counted, %2 funded — %3</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&lt;b&gt;Project lines&lt;/b&gt;</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&lt;b&gt;Total: %1&lt;/b&gt;</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&lt;h2&gt;Budget&lt;/h2&gt;</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Amount per organisation</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Amounts marked “to be confirmed with your ARS” can be typed in from your ARS's call for projects; empty the cell to go back to the campaign's value.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Campaign values</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Detail: lines and rules</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Establishments</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Funding per establishment</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Lines of the selected establishment</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Payment tranches</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Project lines</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Select an establishment to see its lines.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Totals and tranches</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>eligible</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>incomplete: some amounts are still to be filled in</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>not eligible</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>DossierView</name>
    <message>
      <source>%1 — %2 ESSMS counted&lt;br&gt;%3 step(s) with a problem</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Annexes and export</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Budget</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>DUI solution</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Eligible</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Grappe</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Not eligible</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Porteur and project</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Self-assessment</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Steps of the dossier</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Usage targets and commitments</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>complete</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>problem</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>to do</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>DossiersModel</name>
    <message>
      <source>Campaign</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>ESSMS</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Last change</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Name</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Total</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>EstablishmentsModel</name>
    <message>
      <source>Acquisition</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Amount</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Capacity</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Category</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Compliance upgrade</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Current DUI</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>DUI solution</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Edit %1 of %2</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Eligible hours</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Equipment</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>FINESS</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Name</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>No</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>No DUI</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>None</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Not Ségur-referenced</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Not counted</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Not funded</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Organisation</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Project</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Sector</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Ségur-referenced</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Unknown</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Yes</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>to be filled in</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>ExportView</name>
    <message>
      <source>&amp;Attach a file…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Open the last export</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&lt;h2&gt;Annexes and export&lt;/h2&gt;</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Annex checklist</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Attach %1</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Attach a file</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Blank partner &amp;form (PDF)…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>CSV (*.csv)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Candidature dossier (&amp;PDF)…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Exchange file written: %1.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Export failed</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Export the blank partner form</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Export the candidature dossier</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Export the dossier</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Export the grappe</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Export the organisation's part</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Exports</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Form written: %1.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Grappe as a spreadsheet (&amp;CSV)…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>One organisation's part</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>One organisation's part (.esms)…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Open the file</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Organisation:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>PDF (*.pdf)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>PDF written: %1 (%2 pages).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Pr&amp;int the last export</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Remove the file</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Select a document of the checklist first.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Spreadsheet written: %1.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The PDF is open in your viewer: print it from there.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Whole dossier (.&amp;esms)…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Writing the PDF…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Writing the exchange file…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>esms-desktop exchange file (*.esms)</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>FilePage</name>
    <message>
      <source>&amp;Browse…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;File:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>A grappe spreadsheet (.csv or .xlsx, the “modèle” format), an export of the FINESS website, the national FINESS extract, or the ANS FINESS JSON file.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Choose the file</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>File to import</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Grappe or FINESS files (*.csv *.xlsx *.json *.gz);;All files (*)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Import a file</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>GrappeView</name>
    <message>
      <source>&lt;b&gt;Establishments&lt;/b&gt;</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&lt;b&gt;Findings&lt;/b&gt; — %1 ESSMS counted, %2</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&lt;b&gt;Organisations&lt;/b&gt;</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&lt;h2&gt;Grappe&lt;/h2&gt;</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Add an establishment</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Add an organisation</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Eligibility findings</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Establishments of the grappe</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Filter (name, FINESS, category…)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Filter establishments</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Import a file…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Member</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>New establishment</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>New organisation %1</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>No</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Organisations of the grappe</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Porteur</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Remove %1 establishment(s)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Remove establishment</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Remove organisation</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Remove organisation %1</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The porteur and its partner organisations, each with its establishments (ESSMS). Every change is saved at once and checked against the campaign's rules.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Yes</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>eligible</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>not eligible</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>HomeView</name>
    <message>
      <source>&amp;Delete…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;New dossier…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Open</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Rename…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&lt;h2&gt;Your candidature dossiers&lt;/h2&gt;</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>D&amp;uplicate</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Dossiers</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Each dossier is one candidature to an ESMS numérique call. Everything you type is saved at once on this computer; automatic backups are kept.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>No dossier yet: click “New dossier…” to start a candidature.</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>ImportWizard</name>
    <message>
      <source>Import %1 establishment(s)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Import establishments</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <source>&amp;About esms-desktop</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Edit</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;File</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Find…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Help</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Home</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;New dossier…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Open a dossier…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Quit</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Redo</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Undo</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&lt;p&gt;&lt;b&gt;esms-desktop %1&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Prepare an ESMS numérique candidature, offline.&lt;/p&gt;&lt;p&gt;Data folder: %2&lt;/p&gt;&lt;p&gt;FINESS data: “FINESS — Ministère chargé de la santé / DREES”. Fonts: DejaVu (Bitstream Vera licence). Qt for Python (LGPL), ReportLab (BSD), SQLAlchemy and Alembic (MIT), openpyxl (MIT), platformdirs (MIT).&lt;/p&gt;</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&lt;p&gt;&lt;b&gt;esms-desktop&lt;/b&gt; guides you through an ESMS numérique candidature, step by step, in the side bar: porteur, self-assessment, grappe, DUI solution, budget, commitments, annexes and export.&lt;/p&gt;&lt;p&gt;Everything is saved as you type. Ctrl+Z undoes, Ctrl+Y redoes, Ctrl+F searches the establishments, Ctrl+P exports the PDF.&lt;/p&gt;&lt;p&gt;Each figure of the budget shows the rule that produced it: hover it or select the establishment.&lt;/p&gt;</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>About esms-desktop</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>All changes saved</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Could not save</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Delete the dossier</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Delete the dossier “%1”? A backup is taken first: it can be brought back from the backups.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Export the candidature &amp;PDF…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Help</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>New dossier</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>New name:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Not saved — will retry</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Rename</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Your change is kept on screen but could not be saved:

%1

It will be saved again with your next change, or when you close the dossier.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>esms-desktop</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>NewDossierDialog</name>
    <message>
      <source>&amp;Browse…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Campaign:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Name:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Campaign</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Candidature ESMS numérique</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Dossier name</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Grappe or FINESS files (*.csv *.xlsx *.json *.gz *.esms);;All files (*)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>New dossier</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Start &amp;from:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Start from a file</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Start from a file (optional)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>optional: spreadsheet, FINESS export or .esms</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>OrganisationsModel</name>
    <message>
      <source>Contact</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>E-mail</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>ESSMS in project</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>ESSMS managed</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Edit organisation %1</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>FINESS (legal entity)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Member</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Name</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Not given: the number of its ESSMS in the project is used.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Porteur</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Role</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>SIREN</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Size</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>large</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>medium</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>small</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>PreviewPage</name>
    <message>
      <source>%1 organisation(s), %2 establishment(s) ready to import.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>%1 row(s) in error are left out.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Add to the current grappe</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Replace the current grappe</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Skip the rows in error and import the others</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Category</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Check what will be imported</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Establishments found in the file</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>FINESS</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Name</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Nothing can be imported as is: %1 problem(s). Fix the file, or tick “Skip the rows in error”.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Organisation</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Problems found (row, column, problem):</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Problems found in the file</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Project</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Reading %1…</source>
      <translation type="unfinished" />
    </message>
  </context>
</TS>
