; Installateur Windows d'esms-desktop (Inno Setup 6.6 ou plus récent, Inno Setup 7 compris).
;
; Construit par :   python packaging/build.py installer
;   qui lance       ISCC.exe /DAppVersion=<esms_desktop.__version__> packaging\installer.iss
; après « python packaging/build.py bundle » (le dossier dist\esms-desktop\ installé ici).
; La version n'est écrite nulle part ici : elle vient toujours de esms_desktop.__version__.
;
; Par défaut, installation pour l'utilisateur courant, SANS droits d'administrateur :
;   programme dans %LOCALAPPDATA%\Programs\esms-desktop, raccourcis et association .esms dans le
;   profil de l'utilisateur. « /ALLUSERS » (ou le choix proposé au lancement) installe pour tous
;   les utilisateurs dans C:\Program Files\esms-desktop (droits d'administrateur requis).
; Les données (dossiers de candidature, sauvegardes, journaux) sont dans
;   %LOCALAPPDATA%\esms-desktop de chaque utilisateur : ni l'installation ni la mise à jour n'y
;   touchent ; la désinstallation les conserve, sauf si l'utilisateur coche « Supprimer aussi mes
;   données » à la fin d'une désinstallation interactive pour lui seul (confirmation, « Non » par
;   défaut). Une désinstallation silencieuse ne supprime JAMAIS de données.
;
; ---- Commandes pour les services informatiques ---------------------------------------------
; Installation silencieuse pour l'utilisateur courant (pas d'administrateur) :
;   esms-desktop-setup-X.exe /VERYSILENT /SUPPRESSMSGBOXES /NORESTART /LOG="C:\temp\esms.log"
; Installation silencieuse pour tous les utilisateurs (invite de commandes administrateur) :
;   esms-desktop-setup-X.exe /VERYSILENT /SUPPRESSMSGBOXES /NORESTART /ALLUSERS /LOG="C:\temp\esms.log"
; Forcer l'installation pour l'utilisateur courant même depuis un compte administrateur :
;   esms-desktop-setup-X.exe /VERYSILENT /SUPPRESSMSGBOXES /NORESTART /CURRENTUSER
; Avec l'icône sur le Bureau : ajouter /TASKS="desktopicon" ; autre dossier : /DIR="D:\esms-desktop"
; Vérifier l'installation (une ligne par vérification, code de sortie 0 si tout va bien) :
;   "%LOCALAPPDATA%\Programs\esms-desktop\esms-desktop-cli.exe" --self-test
;   "C:\Program Files\esms-desktop\esms-desktop-cli.exe" --self-test          (tous les utilisateurs)
; Désinstallation silencieuse (les données sont conservées) :
;   "%LOCALAPPDATA%\Programs\esms-desktop\unins000.exe" /VERYSILENT /SUPPRESSMSGBOXES /NORESTART
;   "C:\Program Files\esms-desktop\unins000.exe" /VERYSILENT /SUPPRESSMSGBOXES /NORESTART
; ----------------------------------------------------------------------------------------------
;
; ---- Signature du code (facultative) ------------------------------------------------------------
; Sans signature, Windows SmartScreen affiche « Windows a protégé votre ordinateur » au premier
; lancement de setup.exe, et une règle AppLocker / WDAC par éditeur ne peut pas viser le programme.
; Pour signer, définir avant « python packaging/build.py installer » la variable d'environnement
;   ESMS_SIGN_COMMAND   commande de signature, $f = fichier à signer (guillemets : écrire $q), ex.
;     $qC:\...\signtool.exe$q sign /fd sha256 /td sha256 /tr http://timestamp.digicert.com /f $qC:\cert.pfx$q /p $qMOTDEPASSE$q $f
; build.py signe alors esms-desktop.exe et esms-desktop-cli.exe AVANT la compilation, puis passe la
; commande à ISCC (/Sesmssign=… /DSignToolName=esmssign) : SignTool ci-dessous signe setup.exe et
; le désinstalleur (SignedUninstaller). Sans la variable, rien n'est signé et build.py le dit.
; Règle AppLocker / WDAC conseillée une fois signé : « éditeur » = le sujet du certificat, produit
; « esms-desktop », fichiers esms-desktop.exe, esms-desktop-cli.exe, unins000.exe et le setup.
; ----------------------------------------------------------------------------------------------
;
; Ce fichier est enregistré en UTF-8 avec BOM (accents des textes affichés).

#ifndef AppVersion
  #error AppVersion manquant : lancez « python packaging/build.py installer » (ou ISCC /DAppVersion=...).
#endif
; CreateCustomForm(ClientWidth, ClientHeight, KeepSizeX, KeepSizeY) (dialogue de la
; désinstallation) n'existe que depuis Inno Setup 6.6.0 : 6.3 à 6.5 refuseraient de compiler.
#if VER < EncodeVer(6, 6, 0)
  #error Inno Setup 6.6 ou plus récent est nécessaire (CreateCustomForm à 4 paramètres, x64compatible, HKA).
#endif

#define AppName "esms-desktop"
#define AppExe "esms-desktop.exe"
#define ProgId "esms-desktop.dossier"
#define DistDir "..\dist"
#define BundleDir DistDir + "\esms-desktop"

[Setup]
; Identifiant stable de l'application : ne jamais le changer (mises à jour, désinstallation).
AppId={{2EB543B0-F39B-4F14-9C7E-25F674434BE9}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=esms-desktop
#ifdef PublisherURL
; Adresse du projet : build.py la passe (/DPublisherURL=…) depuis ESMS_PUBLISHER_URL (le CI y met
; l'adresse du dépôt) ; aucune adresse n'est inventée ici.
AppPublisherURL={#PublisherURL}
AppSupportURL={#PublisherURL}
AppUpdatesURL={#PublisherURL}
#endif
AppComments=Préparer une candidature ESMS numérique (grappe, éligibilité, budget, dossier PDF), hors ligne.
VersionInfoVersion={#AppVersion}
VersionInfoProductVersion={#AppVersion}
VersionInfoProductTextVersion={#AppVersion}
VersionInfoProductName={#AppName}
VersionInfoDescription=Installation d'esms-desktop {#AppVersion}
DefaultDirName={autopf}\{#AppName}
; Un seul raccourci, au premier niveau du menu Démarrer ({autoprograms}) : pas de dossier.
DisableProgramGroupPage=yes
; Pour l'utilisateur courant sans administrateur ; /ALLUSERS, /CURRENTUSER ou le dialogue au
; lancement choisissent l'autre mode.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog commandline
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Qt 6 : Windows 10 ou plus récent.
MinVersion=10.0
OutputDir={#DistDir}
OutputBaseFilename=esms-desktop-setup-{#AppVersion}
SetupIconFile=esms-desktop.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ChangesAssociations=yes
CloseApplications=yes
RestartApplications=no
SetupLogging=yes
ShowLanguageDialog=no
; Licence EUPL-1.2 (pyproject.toml) : la page de licence n'apparaît que si le fichier LICENSE
; existe à la racine du dépôt.
#if FileExists(AddBackslash(SourcePath) + "..\LICENSE")
LicenseFile=..\LICENSE
#endif
#ifdef SignToolName
; Signature de setup.exe et du désinstalleur (voir « Signature du code » en tête de fichier).
SignTool={#SignToolName}
SignedUninstaller=yes
#endif

[Languages]
Name: "fr"; MessagesFile: "compiler:Languages\French.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; Une mise à jour remplace entièrement les bibliothèques (aucune donnée de l'utilisateur ici).
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Excludes: "esms-desktop.portable,donnees"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
; Désinstaller : Paramètres › Applications (pas de raccourci de désinstallation).
Name: "{autoprograms}\Candidature ESMS numérique (esms-desktop)"; Filename: "{app}\{#AppExe}"; Comment: "Préparer une candidature ESMS numérique : grappe, éligibilité, budget, dossier PDF"
Name: "{autodesktop}\Candidature ESMS numérique"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; Fichiers d'échange .esms : double-clic → esms-desktop (HKA = HKCU pour l'utilisateur courant,
; HKLM pour tous les utilisateurs).
Root: HKA; Subkey: "Software\Classes\.esms"; ValueType: string; ValueName: ""; ValueData: "{#ProgId}"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.esms\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "Dossier ESMS numérique (esms-desktop)"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".esms"; ValueData: ""

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,esms-desktop}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Fichiers écrits à côté du programme à l'exécution (caches Python des migrations).
Type: filesandordirs; Name: "{app}\_internal"

[Code]
const
  DataFolderName = 'esms-desktop';
  SettingsKey = 'Software\esms-desktop';

{ Dossier des données de l'utilisateur qui désinstalle (esms_desktop.paths.default_data_dir). }
function UserDataDir: String;
begin
  Result := ExpandConstant('{localappdata}\') + DataFolderName;
end;

{ Propose, après la désinstallation, de supprimer aussi les données : case décochée par défaut,
  puis une confirmation dont le bouton par défaut est « Non ». True seulement si les deux sont
  acceptés. }
function AskToDeleteUserData(const Folder: String): Boolean;
var
  Form: TSetupForm;
  Info: TNewStaticText;
  DeleteBox: TNewCheckBox;
  OkButton: TNewButton;
begin
  Result := False;
  Form := CreateCustomForm(ScaleX(460), ScaleY(200), False, True);
  try
    Form.Caption := 'Désinstallation d''esms-desktop';

    Info := TNewStaticText.Create(Form);
    Info.Parent := Form;
    Info.AutoSize := False;
    Info.WordWrap := True;
    Info.Left := ScaleX(12);
    Info.Top := ScaleY(12);
    Info.Width := Form.ClientWidth - ScaleX(24);
    Info.Height := ScaleY(100);
    Info.Caption := 'esms-desktop a été désinstallé.' + #13#10#13#10 +
      'Vos dossiers de candidature, sauvegardes et journaux sont conservés dans :' + #13#10 +
      Folder + #13#10#13#10 +
      'Ils seront retrouvés si vous réinstallez le programme.';

    DeleteBox := TNewCheckBox.Create(Form);
    DeleteBox.Parent := Form;
    DeleteBox.Left := ScaleX(12);
    DeleteBox.Top := Info.Top + Info.Height + ScaleY(8);
    DeleteBox.Width := Form.ClientWidth - ScaleX(24);
    DeleteBox.Height := ScaleY(20);
    DeleteBox.Caption := 'Supprimer &aussi mes données (définitif)';
    DeleteBox.Checked := False;

    OkButton := TNewButton.Create(Form);
    OkButton.Parent := Form;
    OkButton.Caption := 'OK';
    OkButton.Width := ScaleX(90);
    OkButton.Height := ScaleY(25);
    OkButton.Left := Form.ClientWidth - OkButton.Width - ScaleX(12);
    OkButton.Top := Form.ClientHeight - OkButton.Height - ScaleY(12);
    OkButton.ModalResult := mrOk;
    OkButton.Default := True;

    Form.ActiveControl := OkButton;
    if (Form.ShowModal = mrOk) and DeleteBox.Checked then
      Result := MsgBox('Supprimer définitivement toutes vos données esms-desktop ?' + #13#10#13#10 +
        Folder + #13#10#13#10 +
        'Vos dossiers de candidature et toutes leurs sauvegardes seront effacés. ' +
        'Cette action ne peut pas être annulée.',
        mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES;
  finally
    Form.Free;
  end;
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  Folder: String;
begin
  if CurUninstallStep <> usPostUninstall then
    Exit;
  { Silencieuse (/SILENT, /VERYSILENT) : on ne supprime jamais de données, on ne demande rien. }
  if UninstallSilent then
  begin
    Log('Désinstallation silencieuse : données de l''utilisateur conservées.');
    Exit;
  end;
  { Pour tous les utilisateurs : le désinstalleur tourne en administrateur, peut-être sous un
    autre compte que celui des données ; chaque utilisateur garde les siennes. }
  if IsAdminInstallMode then
  begin
    Log('Installation pour tous les utilisateurs : données des utilisateurs conservées.');
    Exit;
  end;
  Folder := UserDataDir;
  if not DirExists(Folder) then
    Exit;
  if AskToDeleteUserData(Folder) then
  begin
    if DelTree(Folder, True, True, True) then
      Log('Données supprimées à la demande de l''utilisateur : ' + Folder)
    else
      MsgBox('Certaines données n''ont pas pu être supprimées (esms-desktop est-il encore ouvert ?) :' +
        #13#10 + Folder, mbError, MB_OK);
    RegDeleteKeyIncludingSubkeys(HKCU, SettingsKey);
  end
  else
    Log('Données de l''utilisateur conservées : ' + Folder);
end;
