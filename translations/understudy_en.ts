<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>main</name>
    <message>
        <source>Desktop console for API and LLM fallback chains.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the workspace file &lt;path&gt;; a missing file is created with the demo config.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>path</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>understudy::ChainTableModel</name>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>understudy::ConfigTableModel</name>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>understudy::EditSummary</name>
    <message>
        <source>…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>understudy::EngineHost</name>
    <message>
        <source>stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>error</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>understudy::GatewayControls</name>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Start Gateway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;top Gateway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Restart Gateway</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Gateway running on %1 · %2 req/s · %n open breaker(s)</source>
        <translation>
            <numerusform>Gateway running on %1 · %2 req/s · %n open breaker</numerusform>
            <numerusform>Gateway running on %1 · %2 req/s · %n open breakers</numerusform>
        </translation>
    </message>
    <message>
        <source>Gateway error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gateway %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>understudy::GatewayTray</name>
    <message>
        <source>Understudy gateway: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Understudy gateway: %1
%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Hide Window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Show Window</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>understudy::HistoryPage</name>
    <message>
        <source>&amp;Restore This Revision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every applied change is a revision of the workspace config. Pick one to see how it differs from the current config; restoring it saves it again as the newest revision and applies it to the gateway.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revisions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Author</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Difference to the current config</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (current)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revision %1 is the current config.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revision %1 has the same config as the current revision %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes from revision %1 to the current revision %2 (lines starting with - are only in revision %1, + only in the current config):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No workspace open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comparing revision %1 with the current config…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save revision %1&apos;s config as a new revision and apply it to the gateway</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>understudy::ImportIssuesDialog</name>
    <message>
        <source>Import refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was not imported. The workspace is unchanged. Fix these problems and import it again:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problems found in the imported config</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>understudy::MainWindow</name>
    <message>
        <source>Understudy workspaces (*.understudy);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Understudy config (*.json);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Understudy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Traffic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chains</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Routes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Providers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Navigation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The live dashboard (request rate, error rate, fallback triggers and breaker states) arrives with the observability work.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The searchable request log and the event stream arrive with the observability work.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New Workspace…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open Workspace…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import Config JSON…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export Config JSON…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Understudy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No recent workspaces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear List</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New Workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import Config JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Config JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Understudy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;Understudy %1&lt;/h3&gt;&lt;p&gt;One place to declare how your API and LLM traffic fails over: design fallback chains, watch live traffic, fallback triggers, error rates and logs.&lt;/p&gt;&lt;p&gt;Built with Qt %2.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot Open Workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 could not be opened.

%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported the config to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restoring revision %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Apply Changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gateway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The live traffic table with each request&apos;s attempt trail arrives with the traffic work.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Gateway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1[*] — Understudy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsaved Changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gateway Kept Its Config</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revision %1 was saved, but the running gateway refused it and keeps its previous config.

%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applied revision %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved revision %1: %2 (the gateway is not running; Start uses it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No unsaved changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n error(s): fix them to apply</source>
        <translation>
            <numerusform>%n error: fix it to apply</numerusform>
            <numerusform>%n errors: fix them to apply</numerusform>
        </translation>
    </message>
    <message>
        <source>Unsaved changes: Apply (%1) saves a revision and updates the gateway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request log of %1 is off: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the changes made on the Chains, Routes and Providers pages as a new revision and apply them to the gateway (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The config has changes that are not applied yet. Apply them as a new revision first?</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The changes have %n error(s) and cannot be applied. Fix them where they are shown or discard them.</source>
        <translation>
            <numerusform>The changes have %n error and cannot be applied. Fix it where it is shown or discard the changes.</numerusform>
            <numerusform>The changes have %n errors and cannot be applied. Fix them where they are shown or discard them.</numerusform>
        </translation>
    </message>
    <message>
        <source>Edited in the console</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>understudy::ProviderTableModel</name>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Base URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>built-in mock</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>understudy::RouteTableModel</name>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Match</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>any method</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>understudy::SettingsPage</name>
    <message>
        <source>&amp;Keep the gateway running in the tray when the window closes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closing the window then only hides it; use Quit in the File menu or the tray menu to stop the gateway and leave.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This desktop has no system tray, so closing the window always stops the gateway.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listener, admin API and retention settings arrive with the gateway settings work; until then they are edited in the workspace config (File ▸ Import Config JSON…).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>understudy::WorkspaceService</name>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a workspace before importing a config.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the file: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file is larger than 16 MiB; it is not an Understudy config.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a workspace before exporting its config.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a workspace before saving a config.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The config was not saved.

%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The workspace has no revisions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a workspace before restoring a revision.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revision %1 was not restored.

%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restored revision %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>understudy::WorkspaceStatusBar</name>
    <message>
        <source>Workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listeners</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gateway state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening workspace… %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Workspace: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No listeners</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listens on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No workspace open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests per second</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open circuit breakers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gateway: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 req/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open breakers: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
