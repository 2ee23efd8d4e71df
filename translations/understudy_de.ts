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
    <name>understudy::ConfigTableModel</name>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
</context>
<context>
    <name>understudy::EditSummary</name>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>understudy::EngineHost</name>
    <message>
        <source>stopped</source>
        <translation>angehalten</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>stopping</source>
        <translation>hält an</translation>
    </message>
    <message>
        <source>error</source>
        <translation>Fehler</translation>
    </message>
</context>
<context>
    <name>understudy::GatewayControls</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>&amp;Start Gateway</source>
        <translation>Gateway &amp;starten</translation>
    </message>
    <message>
        <source>S&amp;top Gateway</source>
        <translation>Gateway an&amp;halten</translation>
    </message>
    <message>
        <source>&amp;Restart Gateway</source>
        <translation>Gateway &amp;neu starten</translation>
    </message>
    <message numerus="yes">
        <source>Gateway running on %1 · %2 req/s · %n open breaker(s)</source>
        <translation>
            <numerusform>Gateway läuft auf %1 · %2 Anfr./s · %n offener Breaker</numerusform>
            <numerusform>Gateway läuft auf %1 · %2 Anfr./s · %n offene Breaker</numerusform>
        </translation>
    </message>
    <message>
        <source>Gateway error: %1</source>
        <translation>Gateway-Fehler: %1</translation>
    </message>
    <message>
        <source>Gateway %1</source>
        <translation>Gateway %1</translation>
    </message>
</context>
<context>
    <name>understudy::GatewayTray</name>
    <message>
        <source>Understudy gateway: %1</source>
        <translation>Understudy-Gateway: %1</translation>
    </message>
    <message>
        <source>Understudy gateway: %1
%2</source>
        <translation>Understudy-Gateway: %1
%2</translation>
    </message>
    <message>
        <source>&amp;Hide Window</source>
        <translation>Fenster &amp;ausblenden</translation>
    </message>
    <message>
        <source>&amp;Show Window</source>
        <translation>Fenster &amp;anzeigen</translation>
    </message>
</context>
<context>
    <name>understudy::HistoryPage</name>
    <message>
        <source>&amp;Restore This Revision</source>
        <translation>Diese Revision &amp;wiederherstellen</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>Every applied change is a revision of the workspace config. Pick one to see how it differs from the current config; restoring it saves it again as the newest revision and applies it to the gateway.</source>
        <translation>Jede übernommene Änderung ist eine Revision der Arbeitsbereich-Konfiguration. Wählen Sie eine aus, um zu sehen, wie sie sich von der aktuellen Konfiguration unterscheidet; beim Wiederherstellen wird sie erneut als neueste Revision gespeichert und auf das Gateway angewendet.</translation>
    </message>
    <message>
        <source>Revisions</source>
        <translation>Revisionen</translation>
    </message>
    <message>
        <source>Revision</source>
        <translation>Revision</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>Autor</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Zusammenfassung</translation>
    </message>
    <message>
        <source>Difference to the current config</source>
        <translation>Unterschied zur aktuellen Konfiguration</translation>
    </message>
    <message>
        <source>%1 (current)</source>
        <translation>%1 (aktuell)</translation>
    </message>
    <message>
        <source>Revision %1 is the current config.</source>
        <translation>Revision %1 ist die aktuelle Konfiguration.</translation>
    </message>
    <message>
        <source>Revision %1 has the same config as the current revision %2.</source>
        <translation>Revision %1 hat dieselbe Konfiguration wie die aktuelle Revision %2.</translation>
    </message>
    <message>
        <source>Changes from revision %1 to the current revision %2 (lines starting with - are only in revision %1, + only in the current config):</source>
        <translation>Änderungen von Revision %1 zur aktuellen Revision %2 (Zeilen mit - gibt es nur in Revision %1, Zeilen mit + nur in der aktuellen Konfiguration):</translation>
    </message>
    <message>
        <source>No workspace open.</source>
        <translation>Kein Arbeitsbereich geöffnet.</translation>
    </message>
    <message>
        <source>Comparing revision %1 with the current config…</source>
        <translation>Revision %1 wird mit der aktuellen Konfiguration verglichen…</translation>
    </message>
    <message>
        <source>Save revision %1&apos;s config as a new revision and apply it to the gateway</source>
        <translation>Die Konfiguration von Revision %1 als neue Revision speichern und auf das Gateway anwenden</translation>
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
        <source>The searchable request log and the event stream arrive with the observability work.</source>
        <translation>Das durchsuchbare Anfrageprotokoll und der Ereignisstrom kommen mit der Observability-Arbeit.</translation>
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
    <message>
        <source>Restoring revision %1…</source>
        <translation>Revision %1 wird wiederhergestellt…</translation>
    </message>
    <message>
        <source>&amp;Apply Changes</source>
        <translation>Änderungen &amp;übernehmen</translation>
    </message>
    <message>
        <source>Gateway</source>
        <translation>Gateway</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>The live traffic table with each request&apos;s attempt trail arrives with the traffic work.</source>
        <translation>Die Live-Verkehrstabelle mit dem Versuchsverlauf jeder Anfrage folgt mit der Arbeit am Verkehr.</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <source>&amp;Gateway</source>
        <translation>&amp;Gateway</translation>
    </message>
    <message>
        <source>%1[*] — Understudy</source>
        <translation>%1[*] — Understudy</translation>
    </message>
    <message>
        <source>Unsaved Changes</source>
        <translation>Ungespeicherte Änderungen</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Wird gespeichert…</translation>
    </message>
    <message>
        <source>Gateway Kept Its Config</source>
        <translation>Gateway behält seine Konfiguration</translation>
    </message>
    <message>
        <source>Revision %1 was saved, but the running gateway refused it and keeps its previous config.

%2</source>
        <translation>Revision %1 wurde gespeichert, aber das laufende Gateway hat sie abgelehnt und behält seine bisherige Konfiguration.

%2</translation>
    </message>
    <message>
        <source>Applied revision %1: %2</source>
        <translation>Revision %1 übernommen: %2</translation>
    </message>
    <message>
        <source>Saved revision %1: %2 (the gateway is not running; Start uses it)</source>
        <translation>Revision %1 gespeichert: %2 (das Gateway läuft nicht; Starten verwendet sie)</translation>
    </message>
    <message>
        <source>No unsaved changes</source>
        <translation>Keine ungespeicherten Änderungen</translation>
    </message>
    <message numerus="yes">
        <source>%n error(s): fix them to apply</source>
        <translation>
            <numerusform>%n Fehler: zum Übernehmen beheben</numerusform>
            <numerusform>%n Fehler: zum Übernehmen beheben</numerusform>
        </translation>
    </message>
    <message>
        <source>Unsaved changes: Apply (%1) saves a revision and updates the gateway</source>
        <translation>Ungespeicherte Änderungen: Übernehmen (%1) speichert eine Revision und aktualisiert das Gateway</translation>
    </message>
    <message>
        <source>The request log of %1 is off: %2</source>
        <translation>Das Anfrageprotokoll von %1 ist aus: %2</translation>
    </message>
    <message>
        <source>Save the changes made on the Chains, Routes and Providers pages as a new revision and apply them to the gateway (%1)</source>
        <translation>Die Änderungen der Seiten Ketten, Routen und Anbieter als neue Revision speichern und auf das Gateway anwenden (%1)</translation>
    </message>
    <message>
        <source>The config has changes that are not applied yet. Apply them as a new revision first?</source>
        <translation>Die Konfiguration hat Änderungen, die noch nicht angewendet sind. Zuerst als neue Revision anwenden?</translation>
    </message>
    <message numerus="yes">
        <source>The changes have %n error(s) and cannot be applied. Fix them where they are shown or discard them.</source>
        <translation>
            <numerusform>Die Änderungen haben %n Fehler und können nicht angewendet werden. Beheben Sie ihn dort, wo er angezeigt wird, oder verwerfen Sie die Änderungen.</numerusform>
            <numerusform>Die Änderungen haben %n Fehler und können nicht angewendet werden. Beheben Sie sie dort, wo sie angezeigt werden, oder verwerfen Sie die Änderungen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Edited in the console</source>
        <translation>In der Konsole bearbeitet</translation>
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
    <name>understudy::SettingsPage</name>
    <message>
        <source>&amp;Keep the gateway running in the tray when the window closes</source>
        <translation>Gateway beim Schließen des Fensters im &amp;Infobereich weiterlaufen lassen</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Closing the window then only hides it; use Quit in the File menu or the tray menu to stop the gateway and leave.</source>
        <translation>Das Fenster wird dann beim Schließen nur ausgeblendet; mit „Beenden“ im Menü „Datei“ oder im Infobereich-Menü halten Sie das Gateway an und beenden die Anwendung.</translation>
    </message>
    <message>
        <source>This desktop has no system tray, so closing the window always stops the gateway.</source>
        <translation>Diese Arbeitsumgebung hat keinen Infobereich, daher hält das Schließen des Fensters das Gateway immer an.</translation>
    </message>
    <message>
        <source>Listener, admin API and retention settings arrive with the gateway settings work; until then they are edited in the workspace config (File ▸ Import Config JSON…).</source>
        <translation>Einstellungen für Listener, Admin-API und Aufbewahrung folgen mit der Arbeit an den Gateway-Einstellungen; bis dahin werden sie in der Arbeitsbereich-Konfiguration bearbeitet (Datei ▸ Konfigurations-JSON importieren…).</translation>
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
    <message>
        <source>Open a workspace before saving a config.</source>
        <translation>Öffnen Sie einen Arbeitsbereich, bevor Sie eine Konfiguration speichern.</translation>
    </message>
    <message>
        <source>The config was not saved.

%1</source>
        <translation>Die Konfiguration wurde nicht gespeichert.

%1</translation>
    </message>
    <message>
        <source>The workspace has no revisions.</source>
        <translation>Der Arbeitsbereich hat keine Revisionen.</translation>
    </message>
    <message>
        <source>Open a workspace before restoring a revision.</source>
        <translation>Öffnen Sie einen Arbeitsbereich, bevor Sie eine Revision wiederherstellen.</translation>
    </message>
    <message>
        <source>Revision %1 was not restored.

%2</source>
        <translation>Revision %1 wurde nicht wiederhergestellt.

%2</translation>
    </message>
    <message>
        <source>Restored revision %1</source>
        <translation>Revision %1 wiederhergestellt</translation>
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
    <message>
        <source>Requests per second</source>
        <translation>Anfragen pro Sekunde</translation>
    </message>
    <message>
        <source>Open circuit breakers</source>
        <translation>Offene Circuit Breaker</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>angehalten</translation>
    </message>
    <message>
        <source>Gateway: %1</source>
        <translation>Gateway: %1</translation>
    </message>
    <message>
        <source>%1 req/s</source>
        <translation>%1 Anfr./s</translation>
    </message>
    <message>
        <source>Open breakers: %1</source>
        <translation>Offene Breaker: %1</translation>
    </message>
</context>
</TS>
