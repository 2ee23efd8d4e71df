<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
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
    <name>understudy::ConfigListPage</name>
    <message>
        <source>Opening workspace…</source>
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
        <source>The live traffic table with each request&apos;s attempt trail arrives with the gateway engine.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fallback chains of this workspace, in the order their steps are tried. The visual chain designer arrives with the chain editing work.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which inbound requests run which chain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upstreams the chains can send requests to. Credentials are references only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The searchable request log and the event stream arrive with the observability work.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listener, admin API and retention settings arrive with the gateway engine.</source>
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
        <source>Opening workspace…</source>
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
        <source>%1 — Understudy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No workspace open. Use File ▸ Open Workspace… or File ▸ New Workspace…</source>
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
        <source>Gateway: stopped</source>
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
</context>
</TS>
