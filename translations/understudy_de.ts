<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>main</name>
    <message>
        <source>Desktop console for API and LLM fallback chains.</source>
        <translation>Desktop-Konsole für Fallback-Ketten von APIs und LLMs.</translation>
    </message>
    <message>
        <source>Open the workspace file &lt;path&gt;; a missing file is created with the demo config.</source>
        <translation>Öffnet die Arbeitsbereichsdatei &lt;Pfad&gt;; fehlt sie, wird sie mit der Demo-Konfiguration angelegt.</translation>
    </message>
    <message>
        <source>path</source>
        <translation>Pfad</translation>
    </message>
</context>
<context>
    <name>understudy::ChainTableModel</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Schritte</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>Frist</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
</context>
<context>
    <name>understudy::ConfigListPage</name>
    <message>
        <source>Opening workspace…</source>
        <translation>Arbeitsbereich wird geöffnet …</translation>
    </message>
</context>
<context>
    <name>understudy::ConfigTableModel</name>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
</context>
<context>
    <name>understudy::ImportIssuesDialog</name>
    <message>
        <source>Import refused</source>
        <translation>Import abgelehnt</translation>
    </message>
    <message>
        <source>%1 was not imported. The workspace is unchanged. Fix these problems and import it again:</source>
        <translation>%1 wurde nicht importiert. Der Arbeitsbereich ist unverändert. Beheben Sie diese Probleme und importieren Sie die Datei erneut:</translation>
    </message>
    <message>
        <source>Problems found in the imported config</source>
        <translation>Gefundene Probleme in der importierten Konfiguration</translation>
    </message>
</context>
<context>
    <name>understudy::MainWindow</name>
    <message>
        <source>Understudy workspaces (*.understudy);;All files (*)</source>
        <translation>Understudy-Arbeitsbereiche (*.understudy);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Understudy config (*.json);;All files (*)</source>
        <translation>Understudy-Konfiguration (*.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Understudy</source>
        <translation>Understudy</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <source>Traffic</source>
        <translation>Datenverkehr</translation>
    </message>
    <message>
        <source>Chains</source>
        <translation>Ketten</translation>
    </message>
    <message>
        <source>Routes</source>
        <translation>Routen</translation>
    </message>
    <message>
        <source>Providers</source>
        <translation>Anbieter</translation>
    </message>
    <message>
        <source>Logs</source>
        <translation>Protokolle</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Navigation</source>
        <translation>Navigation</translation>
    </message>
    <message>
        <source>The live dashboard (request rate, error rate, fallback triggers and breaker states) arrives with the observability work.</source>
        <translation>Die Live-Übersicht (Anfragerate, Fehlerrate, Fallback-Auslöser und Zustände der Schutzschalter) kommt mit der Observability-Arbeit.</translation>
    </message>
    <message>
        <source>The live traffic table with each request&apos;s attempt trail arrives with the gateway engine.</source>
        <translation>Die Live-Tabelle des Datenverkehrs mit dem Versuchsverlauf jeder Anfrage kommt mit der Gateway-Engine.</translation>
    </message>
    <message>
        <source>Fallback chains of this workspace, in the order their steps are tried. The visual chain designer arrives with the chain editing work.</source>
        <translation>Fallback-Ketten dieses Arbeitsbereichs, mit ihren Schritten in der Reihenfolge, in der sie versucht werden. Der visuelle Ketten-Designer kommt mit der Bearbeitung von Ketten.</translation>
    </message>
    <message>
        <source>Which inbound requests run which chain.</source>
        <translation>Welche eingehenden Anfragen welche Kette durchlaufen.</translation>
    </message>
    <message>
        <source>Upstreams the chains can send requests to. Credentials are references only.</source>
        <translation>Upstreams, an die die Ketten Anfragen senden können. Zugangsdaten sind nur Verweise.</translation>
    </message>
    <message>
        <source>The searchable request log and the event stream arrive with the observability work.</source>
        <translation>Das durchsuchbare Anfrageprotokoll und der Ereignisstrom kommen mit der Observability-Arbeit.</translation>
    </message>
    <message>
        <source>Listener, admin API and retention settings arrive with the gateway engine.</source>
        <translation>Einstellungen für Listener, Admin-API und Aufbewahrung kommen mit der Gateway-Engine.</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;New Workspace…</source>
        <translation>&amp;Neuer Arbeitsbereich …</translation>
    </message>
    <message>
        <source>&amp;Open Workspace…</source>
        <translation>Arbeitsbereich ö&amp;ffnen …</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>&amp;Import Config JSON…</source>
        <translation>Konfigurations-JSON &amp;importieren …</translation>
    </message>
    <message>
        <source>&amp;Export Config JSON…</source>
        <translation>Konfigurations-JSON &amp;exportieren …</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About Understudy</source>
        <translation>Ü&amp;ber Understudy</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <source>No recent workspaces</source>
        <translation>Keine zuletzt geöffneten Arbeitsbereiche</translation>
    </message>
    <message>
        <source>Clear List</source>
        <translation>Liste leeren</translation>
    </message>
    <message>
        <source>Opening workspace…</source>
        <translation>Arbeitsbereich wird geöffnet …</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>%1 wird geöffnet …</translation>
    </message>
    <message>
        <source>New Workspace</source>
        <translation>Neuer Arbeitsbereich</translation>
    </message>
    <message>
        <source>Open Workspace</source>
        <translation>Arbeitsbereich öffnen</translation>
    </message>
    <message>
        <source>Import Config JSON</source>
        <translation>Konfigurations-JSON importieren</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>%1 wird importiert …</translation>
    </message>
    <message>
        <source>Export Config JSON</source>
        <translation>Konfigurations-JSON exportieren</translation>
    </message>
    <message>
        <source>About Understudy</source>
        <translation>Über Understudy</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Understudy %1&lt;/h3&gt;&lt;p&gt;One place to declare how your API and LLM traffic fails over: design fallback chains, watch live traffic, fallback triggers, error rates and logs.&lt;/p&gt;&lt;p&gt;Built with Qt %2.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Understudy %1&lt;/h3&gt;&lt;p&gt;Ein Ort, an dem Sie festlegen, wie Ihr API- und LLM-Verkehr bei Ausfällen umgeleitet wird: Fallback-Ketten entwerfen, Live-Verkehr, Fallback-Auslöser, Fehlerraten und Protokolle beobachten.&lt;/p&gt;&lt;p&gt;Erstellt mit Qt %2.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>%1 — Understudy</source>
        <translation>%1 — Understudy</translation>
    </message>
    <message>
        <source>No workspace open. Use File ▸ Open Workspace… or File ▸ New Workspace…</source>
        <translation>Kein Arbeitsbereich geöffnet. Verwenden Sie Datei ▸ Arbeitsbereich öffnen … oder Datei ▸ Neuer Arbeitsbereich …</translation>
    </message>
    <message>
        <source>Cannot Open Workspace</source>
        <translation>Arbeitsbereich kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>%1 could not be opened.

%2</source>
        <translation>%1 konnte nicht geöffnet werden.

%2</translation>
    </message>
    <message>
        <source>Exported the config to %1</source>
        <translation>Konfiguration nach %1 exportiert</translation>
    </message>
</context>
<context>
    <name>understudy::ProviderTableModel</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Base URL</source>
        <translation>Basis-URL</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>Modelle</translation>
    </message>
    <message>
        <source>built-in mock</source>
        <translation>eingebauter Mock</translation>
    </message>
</context>
<context>
    <name>understudy::RouteTableModel</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Match</source>
        <translation>Abgleich</translation>
    </message>
    <message>
        <source>Chain</source>
        <translation>Kette</translation>
    </message>
    <message>
        <source>any method</source>
        <translation>jede Methode</translation>
    </message>
</context>
<context>
    <name>understudy::WorkspaceService</name>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>%1: %2: %3</source>
        <translation>%1: %2: %3</translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>Der Ordner %1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <source>New workspace</source>
        <translation>Neuer Arbeitsbereich</translation>
    </message>
    <message>
        <source>Open a workspace before importing a config.</source>
        <translation>Öffnen Sie einen Arbeitsbereich, bevor Sie eine Konfiguration importieren.</translation>
    </message>
    <message>
        <source>Cannot read the file: %1</source>
        <translation>Die Datei kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>The file is larger than 16 MiB; it is not an Understudy config.</source>
        <translation>Die Datei ist größer als 16 MiB; sie ist keine Understudy-Konfiguration.</translation>
    </message>
    <message>
        <source>Imported %1</source>
        <translation>%1 importiert</translation>
    </message>
    <message>
        <source>Open a workspace before exporting its config.</source>
        <translation>Öffnen Sie einen Arbeitsbereich, bevor Sie seine Konfiguration exportieren.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>understudy::WorkspaceStatusBar</name>
    <message>
        <source>Workspace</source>
        <translation>Arbeitsbereich</translation>
    </message>
    <message>
        <source>Listeners</source>
        <translation>Listener</translation>
    </message>
    <message>
        <source>Gateway state</source>
        <translation>Gateway-Zustand</translation>
    </message>
    <message>
        <source>Opening workspace… %1</source>
        <translation>Arbeitsbereich wird geöffnet … %1</translation>
    </message>
    <message>
        <source>Gateway: stopped</source>
        <translation>Gateway: angehalten</translation>
    </message>
    <message>
        <source>Workspace: %1</source>
        <translation>Arbeitsbereich: %1</translation>
    </message>
    <message>
        <source>No listeners</source>
        <translation>Keine Listener</translation>
    </message>
    <message>
        <source>Listens on %1</source>
        <translation>Lauscht auf %1</translation>
    </message>
    <message>
        <source>No workspace open</source>
        <translation>Kein Arbeitsbereich geöffnet</translation>
    </message>
</context>
</TS>
