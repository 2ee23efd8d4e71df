<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>ChainDesigner</name>
    <message>
        <source>%1 copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service is degraded right now; please try again in a few minutes.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LogEntryText</name>
    <message>
        <source>Breaker %1 → %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Configuration applied (generation %1: %2 providers, %3 chains, %4 routes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Configuration rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Configuration rejected: %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>(%n more)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Listening on %1:%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listener stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upstream pool error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request log dropped rows: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retention run: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Debug</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Info</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chaos: %1 injected in front of %2 for %3 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chaos: %1 in front of %2 stopped</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove selected %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only on listener %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>method is not %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>path does not match %1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>host is not %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>header predicates do not hold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>several predicates differ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>matches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>matches too, but %1 is more specific or declared first</source>
        <translation type="unfinished"></translation>
    </message>
</context>
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
    <name>understudy</name>
    <message>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset before headers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No response</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slow first token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stream cut after N events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stream stall after N events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Malformed event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Missing [DONE]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Context length exceeded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Content policy refusal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flapping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>status %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry-After %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>after %1 events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>first token after %1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>down %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>up %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>latency %1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Primary down for 60 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (first provider of route %2) answers 503 for 60 s; the chain should fall back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Primary slow (first token 5 s) for 60 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 sends its first token only after 5 s for 60 s; watch TTFT, first-byte timeouts and hedging.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Primary flapping (10 s down, 10 s up) for 60 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 alternates between 10 s of 503s and 10 s of mock answers; watch the breaker open and close.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everything but the last provider down for 30 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 answer 503 for 30 s; only %2 (and any cache or static step) is left.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add %1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duplicate %1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete %1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move %1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Column %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;-&apos; must be followed by a term</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>missing closing quote</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected a space after the quoted text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unexpected quote</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>understudy::AttemptWaterfall</name>
    <message>
        <source>%1 · %2
start +%3 ms, %4 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>
TTFT %1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>
decision: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a request to see its attempts</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>understudy::ChainDesignerPage</name>
    <message>
        <source>Chain designer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chain canvas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chain designer tools</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chain:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What-if answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chain problems</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Palette&lt;/b&gt; — drag onto the chain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step inspector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the chain drawing as PNG or SVG</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export chain drawing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit %1 of step %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit chain %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select previous step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select next step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What if…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick an outcome for each step and see the path the gateway would take</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step %1 of %2: %3, %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No step selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add step %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete step %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duplicate step %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move step %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit step %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit chain policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scripted outcome of step %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no chain to export.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chain %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fallback chain exported from Understudy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export chain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SVG drawing (*.svg);;PNG image (*.png)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>understudy::ChainDesignerScene</name>
    <message>
        <source>on a miss or a stale entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never (always answers)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>when its conditions do not hold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>when the nested chain has no answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>client request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>
→ no step left: the client gets 502 / 503 / 504</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>understudy::ChainPathView</name>
    <message>
        <source>No attempts recorded</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>understudy::ChainPolicyForm</name>
    <message>
        <source>Chain policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chain deadline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Maximum attempts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stream commit mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mid-stream policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Deadline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max &amp;attempts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stream commit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mid-stream cut</source>
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
    <name>understudy::ChaosFaultForm</name>
    <message>
        <source>&amp;Fault:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP &amp;status:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Retry-After:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After &amp;events:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First token &amp;delay:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Down for:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Up for:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Latency:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time until the injected fault shows (the response head, or the reset)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>understudy::ChaosInjectionModel</name>
    <message>
        <source>all models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remaining</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>understudy::ChaosPage</name>
    <message>
        <source>Scenarios</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load generator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inject a fault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P&amp;rovider:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only requests for this model fail; the other models of the provider keep working</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Model:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>D&amp;uration:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why, for the others watching (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Inject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active injections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop &amp;selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop &amp;all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No route reaches a provider yet, so there is nothing to rehearse.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The gateway has no chaos registry yet.</source>
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
    <name>understudy::ConnectionTester</name>
    <message>
        <source>OK: built-in mock provider, always reachable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>environment variable %1 is not set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>keychain credentials are used by the gateway only; sent without one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No answer within %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unreachable: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OK: HTTP %1 in %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>, %n model(s) listed</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Credential refused: HTTP %1 %2 in %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reachable, but HTTP %1 %2 in %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>understudy::DashboardCharts</name>
    <message>
        <source>Route</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Count</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fallback triggers in this window: the attempt&apos;s target, the target the request moved to (none: the chain ended) and the outcome class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests per second by outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ok</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fallback</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>errors / requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fallback triggers by reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>triggers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 in this window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latency and time to first token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>latency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TTFT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2: %3 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Percentiles over the whole window, read from log-scale histograms
(within one bucket, about 19%, of the exact value).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fallback triggers: not kept in per-minute rollups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Per second</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fallbacks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cache hits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>p95 latency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>p95 TTFT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens in / out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In flight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>retried</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>static</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each request is in one band: &apos;failed&apos; ended with an outcome other than ok; &apos;cached&apos; and
&apos;static&apos; were answered by a cache or a static step; &apos;fallback&apos; by a later step&apos;s target;
&apos;retried&apos; by the first step&apos;s target after retrying it; &apos;ok&apos; by the first attempt.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>error rate %1%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(older rollups: retried, cached and static counted as ok)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>understudy::DashboardPage</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 5 minutes (live, 1 s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last hour (1 min)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 24 hours (1 min)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export PNG…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export charts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export series</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start demo traffic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send a minute of generated requests through the gateway (the Chaos page has the load generator&apos;s settings)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Window:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Breaker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ok</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attempts per target since the gateway started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attempts skipped for an open breaker or a condition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Force open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Force closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Breaker of the selected target:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gateway stopped: no metrics.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused while the mouse is over a chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Live, refreshed every second</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The last hour and day need a workspace request log (this gateway keeps metrics in memory only).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading per-minute rollups…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read rollups: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Per-minute rollups up to %1, reloaded every 30 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a target first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Breaker control is not available</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n s ago</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1 min %2 s ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h %2 min ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No breaker state reported for this target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last change: %1 → %2 at %3, %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 since %2, %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 5 minutes, one segment per second: green closed, amber half-open, red open, grey unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 5 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The breaker&apos;s state over the last 5 minutes, one segment per second (the worst state of that second): green closed, amber half-open, red open, grey unknown</source>
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
    <name>understudy::HeaderMatchModel</name>
    <message>
        <source>Header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regex</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>understudy::HeaderTableModel</name>
    <message>
        <source>Header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
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
    <name>understudy::ListFormPage</name>
    <message>
        <source>Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duplicate %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duplicate the selected %1 (Ctrl+D)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the selected %1 (Delete)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Validation issues of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No problems in %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 error(s), %2 warning(s) in %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; other pages have errors</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>understudy::LoadGenerator</name>
    <message>
        <source>Say hello in five words.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What is a circuit breaker in distributed systems?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Summarise the plot of Hamlet in two sentences.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give me three names for a grey cat.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Translate &apos;good morning&apos; into French, German and Spanish.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Explain exponential backoff to a new engineer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The gateway address &apos;%1&apos; is not an http(s) URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The rate must be above 0 requests per second.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The concurrency cap must be between 1 and %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The duration must be at least 1 second.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>understudy::LoadGeneratorPanel</name>
    <message>
        <source>Request path on the gateway; the list holds the workspace&apos;s llm routes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Route path:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gateway:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> req/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>R&amp;ate:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests in flight at most; requests due while at the cap are skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Concurrency cap:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>D&amp;uration:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Built-in short prompts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>My prompts (one per line)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Prompts:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One prompt per line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Stream the answers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start &amp;demo traffic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>20 requests per second for 60 s on the first llm route, with the built-in prompts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;tart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sto&amp;p</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Route %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent %1 · ok %2 · failed %3 · in flight %4 · %5 req/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · skipped at the cap %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last failure: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(the gateway is stopped)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>understudy::LogTableModel</name>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>understudy::LogsPage</name>
    <message>
        <source>Select a line to see its detail.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Older events could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show lines at this level and above</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 and above</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events and application log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Application log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search message, subject, kind or category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the table; new lines are kept (the newest %1) and shown on resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the selected lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show traffic around this</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the Traffic page at this event&apos;s time, filtered to its target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n lines</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n lines</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
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
    <message>
        <source>Playground</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chaos</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>understudy::ModelCatalogModel</name>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Context</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In $/1M</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Out $/1M</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stream</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prefill</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tools</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Embed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>understudy::NameListModel</name>
    <message>
        <source>(unnamed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>has validation errors</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>understudy::OutcomeActionModel</name>
    <message>
        <source>retry, then next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>override (default: %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What this step does after an attempt ends in %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>understudy::PlaygroundExchange</name>
    <message>
        <source>Cancelled after %1 ms.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP %1 from the gateway: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The stream ended with an error event: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The stream ended without a finish reason: the answer is cut off.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection broke during the answer: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing answers at %1: the gateway is not running. Start it with Gateway &gt; Start Gateway (F5) and send again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The gateway at %1 closed the connection before answering.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The gateway at %1 did not answer in time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request to %1 failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>understudy::PlaygroundForm</name>
    <message>
        <source>any</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1  (%2 · %3 %4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>/path?query</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request body (sent as is)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Extra request headers, for example to satisfy a step&apos;s header condition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Route</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Headers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model the client asks for; steps without a model override send it upstream</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional system prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask something</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stream the answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The config has no routes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No config loaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 route on chain &quot;%2&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It matches the pattern %1: edit the path to one it matches.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not a chat completions endpoint: the request is sent as typed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>understudy::PlaygroundPage</name>
    <message>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The answer appears here as it arrives.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Raw response</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attempt trail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the request (Ctrl+Return)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send a request to see its attempts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick a route and send a request through the gateway.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Elapsed %1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · TTFT %1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no route to send to: add one on the Routes page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The gateway is stopped. Start it with Gateway &gt; Start Gateway (F5), then send again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the attempt trail…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending to %1%2…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · served by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · attempts %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · fell back on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · cache %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No attempts: the request did not reach the gateway.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n attempt(s) for request %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>No attempt trail arrived for request %1. The page only sees trails of the gateway the console runs.</source>
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
    <name>understudy::ProvidersEditorPage</name>
    <message>
        <source>provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Providers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Providers editor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provider name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provider kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Base URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credential source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Environment variable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OS keychain entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credential reference name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The name of the variable or keychain entry; the secret itself is never stored here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection test result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Base URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Credentials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change provider kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit base URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit credentials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default headers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connections and TLS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Maximum connections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Maximum idle connections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Idle timeout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verify the server certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verify TLS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom CA file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optional PEM bundle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Proxy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max connections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max idle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom CA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit TLS verification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit CA file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit proxy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model catalogue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit model %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mock behaviour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mock latency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> tokens/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mock tokens per second</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mock answer text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>empty: a generated answer naming the model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mock fault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mock error status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit mock latency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit mock speed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit mock answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit mock fault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit mock status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Testing...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>keychain entry</source>
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
    <name>understudy::RoutesEditorPage</name>
    <message>
        <source>route</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Routes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Routes, most specific match wins</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Routes editor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move route up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move route down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Route</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Route name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Route kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>llm (unified OpenAI-compatible API)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>http (pass-through)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listener</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Methods (none checked = any)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Path match</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>any host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Header predicates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add header predicate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove header predicate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry non-idempotent requests (POST, PATCH) on http routes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry non-idempotent requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log request and response bodies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log bodies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Chain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Listener</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Methods</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Headers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename route</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change route kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change route chain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change route listener</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit route methods</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change path match</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit route path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit route host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit header predicate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit retry of non-idempotent requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit body logging</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which route matches?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test request listener</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test request method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test request path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test request host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test request headers, one Name: value per line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Matching route</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b style=&apos;color:#c01c28&apos;&gt;No route matches&lt;/b&gt; (the gateway answers 404)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b style=&apos;color:#26a269&apos;&gt;Matches route %1&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(choose a chain)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (missing)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>every listener</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>understudy::SavedFiltersMenu</name>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save current…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name for &quot;%1&quot;:</source>
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
    <name>understudy::StepInspector</name>
    <message>
        <source>Select a step on the canvas to edit it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problems of this step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Targets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Balance strategy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nested chain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cache</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max staleness</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Static answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Content type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Policies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect timeout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First-byte timeout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Idle timeout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attempt timeout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>chain deadline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backoff base</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backoff cap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry-After cap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Retries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backoff base / cap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Circuit breaker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Circuit breaker enabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consecutive failures to open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failure ratio to open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Breaker window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Minimum volume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open at most</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Half-open probes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opens after failures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>… or failure ratio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Window / min. volume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open for / at most</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hedge: start the next step early</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hedging enabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hedge after</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>… if no first byte within</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After an attempt ends in…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conditions (all must hold)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conditions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One condition per line, e.g. &quot;header x-tier equals gold&quot;, &quot;stream equals true&quot;, &quot;prompt_tokens less_than 8000&quot;, &quot;time_window 09:00-17:00 days 31 utc&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add condition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove condition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>understudy::StepPalette</name>
    <message>
        <source>Step palette</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drag a step onto the chain, or double-click to append it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provider step: send to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group of all providers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group step: balances every provider by weight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nested chain: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chain step: runs chain %1 here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cache</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cache step: answers with the last good response for the same request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Static answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Static step: a canned, degraded answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The dropped item is not a chain step.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>understudy::StoredExchangeView</name>
    <message>
        <source>The log kept only the start of this exchange (bodies are capped).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(empty body)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>understudy::TrafficDetailPane</name>
    <message>
        <source>Reload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy as curl</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry-After</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Breaker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The trail keeps no body: the command reads it from request.json</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read this request&apos;s headers and bodies from the request log again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Response</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No request selected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2  ·  %3  ·  HTTP %4  ·  %5 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not served (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Served by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source> after %n fallback step(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source> · from cache</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · static answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · degraded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · TTFT %1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Headers and bodies are not stored: this workspace keeps no request log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the request log…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This request is not in the request log (yet, or no longer). Reload to look again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the request log: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Headers and bodies are not stored for this request: its route does not have log_bodies turned on.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>understudy::TrafficFilter</name>
    <message>
        <source>empty text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>missing key before &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown operator &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; needs a value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a status class like %1 only works with &apos;:&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an HTTP status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; only supports &apos;:&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;outcome&apos; only supports &apos;:&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown outcome class &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;fallback&apos; only supports &apos;:&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fallback is &apos;yes&apos; or &apos;no&apos;, not &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a duration (e.g. 500ms, 2s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;target&apos; only supports &apos;:&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a time (HH:MM[:SS], an ISO 8601 date-time or epoch milliseconds)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown key &apos;%1&apos; (status, route, served, method, outcome, fallback, duration, ttft, target, after, before)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>understudy::TrafficModel</name>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Route</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Served by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fallback</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TTFT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (cached)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (static)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>understudy::TrafficPage</name>
    <message>
        <source>Filter: status&gt;=500 route:chat served:anthropic fallback:yes duration&gt;2s &quot;timeout&quot; -outcome:status_429</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Terms separated by spaces must all match; &apos;-&apos; negates a term.
status&gt;=500, status:429, status:5xx, route:chat, served:anthropic,
method:post, outcome:status_5xx, fallback:yes|no, duration&gt;2s,
ttft&gt;500ms, target:openai (any attempt&apos;s target), after:14:05, before:14:10:30
(HH:MM[:SS] today, ISO 8601 or epoch ms),
&quot;free text&quot; (path, request id, served by, outcomes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the table; new requests are kept (the newest %1) and shown on resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Selected as HAR…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All shown as HAR…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Selected as JSON Lines…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All shown as JSON Lines…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load older</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the next %1 older requests from the workspace&apos;s request log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arrival order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There are no requests to export.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export as HAR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export as JSON Lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP Archive (*.har)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON Lines (*.jsonl)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This workspace keeps no request log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The table holds the most older requests it keeps (%1); Clear to start again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading older requests from the log…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the request log: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Loaded %n older request(s); the log has no older ones.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Loaded %n older request(s) from the log.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Showing live requests for %1 from %2 to %3 (the workspace keeps no request log). Clear the filter to see all requests.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the requests around %1 from the log…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the request log: %1. Press Resume to go back to live traffic.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Requests from the log from %1 to %2 that went to or fell back from %3: %n shown.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Only the newest %1 of that window were read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Press Resume to go back to live traffic.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>understudy::WhatIfRequestBar</name>
    <message>
        <source>stream</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request streams</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requested model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>consumer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consumer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>headers: x-tier: gold; …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request headers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tokens unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Estimated prompt tokens</source>
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
<context>
    <name>understudy::designer</name>
    <message>
        <source>answers (ok)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>503 once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>503 forever</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>429 forever</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>429, wait 1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connection refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connect timeout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>first-byte timeout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connection reset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>context too long</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>content policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>401 bad key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>400 bad request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>malformed response</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>truncated stream</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>circuit open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cache miss / stale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 attempt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 attempts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 served by %2 (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 from the cache step %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 canned answer from the static step %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 error: every step failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 error: stopped at %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client gets %1 · %2 · %3 s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
