<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB">
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
      <source>Amount</source>
      <translation>Amount</translation>
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
      <source>Select an establishment to see its lines.</source>
      <translation>Select an establishment to see its lines.</translation>
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
    <name>DossierView</name>
    <message>
      <source>%1 — %2 ESSMS counted&lt;br&gt;%3 step(s) with a problem</source>
      <translation>%1 — %2 ESSMS counted&lt;br&gt;%3 step(s) with a problem</translation>
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
      <source>DUI solution</source>
      <translation>DUI solution</translation>
    </message>
    <message>
      <source>Eligible</source>
      <translation>Eligible</translation>
    </message>
    <message>
      <source>Grappe</source>
      <translation>Grappe</translation>
    </message>
    <message>
      <source>Not eligible</source>
      <translation>Not eligible</translation>
    </message>
    <message>
      <source>Porteur and project</source>
      <translation>Porteur and project</translation>
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
      <source>Usage targets and commitments</source>
      <translation>Usage targets and commitments</translation>
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
      <source>to do</source>
      <translation>to do</translation>
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
      <source>&amp;Open the last export</source>
      <translation>&amp;Open the last export</translation>
    </message>
    <message>
      <source>&lt;h2&gt;Annexes and export&lt;/h2&gt;</source>
      <translation>&lt;h2&gt;Annexes and export&lt;/h2&gt;</translation>
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
      <source>Exchange file written: %1.</source>
      <translation>Exchange file written: %1.</translation>
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
      <source>Export the organisation's part</source>
      <translation>Export the organisation's part</translation>
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
      <source>One organisation's part</source>
      <translation>One organisation's part</translation>
    </message>
    <message>
      <source>One organisation's part (.esms)…</source>
      <translation>One organisation's part (.esms)…</translation>
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
      <source>Pr&amp;int the last export</source>
      <translation>Pr&amp;int the last export</translation>
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
      <source>Spreadsheet written: %1.</source>
      <translation>Spreadsheet written: %1.</translation>
    </message>
    <message>
      <source>The PDF is open in your viewer: print it from there.</source>
      <translation>The PDF is open in your viewer: print it from there.</translation>
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
      <source>esms-desktop exchange file (*.esms)</source>
      <translation>esms-desktop exchange file (*.esms)</translation>
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
      <source>A grappe spreadsheet (.csv or .xlsx, the “modèle” format), an export of the FINESS website, the national FINESS extract, or the ANS FINESS JSON file.</source>
      <translation>A grappe spreadsheet (.csv or .xlsx, the “modèle” format), an export of the FINESS website, the national FINESS extract, or the ANS FINESS JSON file.</translation>
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
      <source>Grappe or FINESS files (*.csv *.xlsx *.json *.gz);;All files (*)</source>
      <translation>Grappe or FINESS files (*.csv *.xlsx *.json *.gz);;All files (*)</translation>
    </message>
    <message>
      <source>Import a file</source>
      <translation>Import a file</translation>
    </message>
  </context>
  <context>
    <name>GrappeView</name>
    <message>
      <source>&lt;b&gt;Establishments&lt;/b&gt;</source>
      <translation>&lt;b&gt;Establishments&lt;/b&gt;</translation>
    </message>
    <message>
      <source>&lt;b&gt;Findings&lt;/b&gt; — %1 ESSMS counted, %2</source>
      <translation>&lt;b&gt;Findings&lt;/b&gt; — %1 ESSMS counted, %2</translation>
    </message>
    <message>
      <source>&lt;b&gt;Organisations&lt;/b&gt;</source>
      <translation>&lt;b&gt;Organisations&lt;/b&gt;</translation>
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
      <source>Eligibility findings</source>
      <translation>Eligibility findings</translation>
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
      <source>Import a file…</source>
      <translation>Import a file…</translation>
    </message>
    <message>
      <source>Member</source>
      <translation>Member</translation>
    </message>
    <message>
      <source>New establishment</source>
      <translation>New establishment</translation>
    </message>
    <message>
      <source>New organisation %1</source>
      <translation>New organisation %1</translation>
    </message>
    <message>
      <source>No</source>
      <translation>No</translation>
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
      <source>The porteur and its partner organisations, each with its establishments (ESSMS). Every change is saved at once and checked against the campaign's rules.</source>
      <translation>The porteur and its partner organisations, each with its establishments (ESSMS). Every change is saved at once and checked against the campaign's rules.</translation>
    </message>
    <message>
      <source>Yes</source>
      <translation>Yes</translation>
    </message>
    <message>
      <source>eligible</source>
      <translation>eligible</translation>
    </message>
    <message>
      <source>not eligible</source>
      <translation>not eligible</translation>
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
      <source>&amp;New dossier…</source>
      <translation>&amp;New dossier…</translation>
    </message>
    <message>
      <source>&amp;Open a dossier…</source>
      <translation>&amp;Open a dossier…</translation>
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
      <source>&amp;Undo</source>
      <translation>&amp;Undo</translation>
    </message>
    <message>
      <source>&lt;p&gt;&lt;b&gt;esms-desktop %1&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Prepare an ESMS numérique candidature, offline.&lt;/p&gt;&lt;p&gt;Data folder: %2&lt;/p&gt;&lt;p&gt;FINESS data: “FINESS — Ministère chargé de la santé / DREES”. Fonts: DejaVu (Bitstream Vera licence). Qt for Python (LGPL), ReportLab (BSD), SQLAlchemy and Alembic (MIT), openpyxl (MIT), platformdirs (MIT).&lt;/p&gt;</source>
      <translation>&lt;p&gt;&lt;b&gt;esms-desktop %1&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Prepare an ESMS numérique candidature, offline.&lt;/p&gt;&lt;p&gt;Data folder: %2&lt;/p&gt;&lt;p&gt;FINESS data: “FINESS — Ministère chargé de la santé / DREES”. Fonts: DejaVu (Bitstream Vera licence). Qt for Python (LGPL), ReportLab (BSD), SQLAlchemy and Alembic (MIT), openpyxl (MIT), platformdirs (MIT).&lt;/p&gt;</translation>
    </message>
    <message>
      <source>&lt;p&gt;&lt;b&gt;esms-desktop&lt;/b&gt; guides you through an ESMS numérique candidature, step by step, in the side bar: porteur, self-assessment, grappe, DUI solution, budget, commitments, annexes and export.&lt;/p&gt;&lt;p&gt;Everything is saved as you type. Ctrl+Z undoes, Ctrl+Y redoes, Ctrl+F searches the establishments, Ctrl+P exports the PDF.&lt;/p&gt;&lt;p&gt;Each figure of the budget shows the rule that produced it: hover it or select the establishment.&lt;/p&gt;</source>
      <translation>&lt;p&gt;&lt;b&gt;esms-desktop&lt;/b&gt; guides you through an ESMS numérique candidature, step by step, in the side bar: porteur, self-assessment, grappe, DUI solution, budget, commitments, annexes and export.&lt;/p&gt;&lt;p&gt;Everything is saved as you type. Ctrl+Z undoes, Ctrl+Y redoes, Ctrl+F searches the establishments, Ctrl+P exports the PDF.&lt;/p&gt;&lt;p&gt;Each figure of the budget shows the rule that produced it: hover it or select the establishment.&lt;/p&gt;</translation>
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
      <source>Export the candidature &amp;PDF…</source>
      <translation>Export the candidature &amp;PDF…</translation>
    </message>
    <message>
      <source>Help</source>
      <translation>Help</translation>
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
      <source>Not saved — will retry</source>
      <translation>Not saved — will retry</translation>
    </message>
    <message>
      <source>Rename</source>
      <translation>Rename</translation>
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
      <source>esms-desktop</source>
      <translation>esms-desktop</translation>
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
      <source>Grappe or FINESS files (*.csv *.xlsx *.json *.gz *.esms);;All files (*)</source>
      <translation>Grappe or FINESS files (*.csv *.xlsx *.json *.gz *.esms);;All files (*)</translation>
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
  </context>
</TS>
