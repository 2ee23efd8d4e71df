<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>ChainDesigner</name>
    <message>
        <source>%1 copy</source>
        <translation>%1 Kopie</translation>
    </message>
    <message>
        <source>The service is degraded right now; please try again in a few minutes.</source>
        <translation>Der Dienst ist derzeit eingeschränkt; bitte versuchen Sie es in ein paar Minuten erneut.</translation>
    </message>
</context>
<context>
    <name>LogEntryText</name>
    <message>
        <source>Breaker %1 → %2</source>
        <translation>Breaker %1 → %2</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Configuration applied (generation %1: %2 providers, %3 chains, %4 routes)</source>
        <translation>Konfiguration übernommen (Generation %1: %2 Anbieter, %3 Ketten, %4 Routen)</translation>
    </message>
    <message>
        <source>Configuration rejected</source>
        <translation>Konfiguration abgelehnt</translation>
    </message>
    <message>
        <source>Configuration rejected: %1: %2</source>
        <translation>Konfiguration abgelehnt: %1: %2</translation>
    </message>
    <message numerus="yes">
        <source>(%n more)</source>
        <translation>
            <numerusform>(%n weiterer)</numerusform>
            <numerusform>(%n weitere)</numerusform>
        </translation>
    </message>
    <message>
        <source>Listening on %1:%2</source>
        <translation>Lauscht auf %1:%2</translation>
    </message>
    <message>
        <source>Listener stopped</source>
        <translation>Listener angehalten</translation>
    </message>
    <message>
        <source>Upstream pool error: %1</source>
        <translation>Fehler im Upstream-Pool: %1</translation>
    </message>
    <message>
        <source>Request log dropped rows: %1</source>
        <translation>Anfrageprotokoll hat Zeilen verworfen: %1</translation>
    </message>
    <message>
        <source>Retention run: %1</source>
        <translation>Aufbewahrungslauf: %1</translation>
    </message>
    <message>
        <source>Debug</source>
        <translation>Debug</translation>
    </message>
    <message>
        <source>Info</source>
        <translation>Info</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Chaos: %1 injected in front of %2 for %3 s</source>
        <translation>Chaos: %1 vor %2 für %3 s eingespeist</translation>
    </message>
    <message>
        <source>Chaos: %1 in front of %2 stopped</source>
        <translation>Chaos: %1 vor %2 beendet</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>Add %1</source>
        <translation>%1 hinzufügen</translation>
    </message>
    <message>
        <source>Remove %1</source>
        <translation>%1 entfernen</translation>
    </message>
    <message>
        <source>Remove selected %1</source>
        <translation>%1: Auswahl entfernen</translation>
    </message>
    <message>
        <source>only on listener %1</source>
        <translation>nur auf Listener %1</translation>
    </message>
    <message>
        <source>method is not %1</source>
        <translation>Methode ist nicht %1</translation>
    </message>
    <message>
        <source>path does not match %1 %2</source>
        <translation>Pfad passt nicht zu %1 %2</translation>
    </message>
    <message>
        <source>host is not %1</source>
        <translation>Host ist nicht %1</translation>
    </message>
    <message>
        <source>header predicates do not hold</source>
        <translation>Header-Bedingungen sind nicht erfüllt</translation>
    </message>
    <message>
        <source>several predicates differ</source>
        <translation>mehrere Bedingungen weichen ab</translation>
    </message>
    <message>
        <source>matches</source>
        <translation>passt</translation>
    </message>
    <message>
        <source>matches too, but %1 is more specific or declared first</source>
        <translation>passt auch, aber %1 ist spezifischer oder früher deklariert</translation>
    </message>
</context>
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
    <name>understudy</name>
    <message>
        <source>None</source>
        <translation>Keine</translation>
    </message>
    <message>
        <source>Error status</source>
        <translation>Fehlerstatus</translation>
    </message>
    <message>
        <source>Reset before headers</source>
        <translation>Verbindungsabbruch vor den Headern</translation>
    </message>
    <message>
        <source>No response</source>
        <translation>Keine Antwort</translation>
    </message>
    <message>
        <source>Slow first token</source>
        <translation>Langsames erstes Token</translation>
    </message>
    <message>
        <source>Stream cut after N events</source>
        <translation>Stream-Abbruch nach N Ereignissen</translation>
    </message>
    <message>
        <source>Stream stall after N events</source>
        <translation>Stream-Stillstand nach N Ereignissen</translation>
    </message>
    <message>
        <source>Malformed event</source>
        <translation>Fehlerhaftes Ereignis</translation>
    </message>
    <message>
        <source>Missing [DONE]</source>
        <translation>Fehlendes [DONE]</translation>
    </message>
    <message>
        <source>Context length exceeded</source>
        <translation>Kontextlänge überschritten</translation>
    </message>
    <message>
        <source>Content policy refusal</source>
        <translation>Ablehnung wegen Inhaltsrichtlinie</translation>
    </message>
    <message>
        <source>Flapping</source>
        <translation>Flattern</translation>
    </message>
    <message>
        <source>status %1</source>
        <translation>Status %1</translation>
    </message>
    <message>
        <source>Retry-After %1 s</source>
        <translation>Retry-After %1 s</translation>
    </message>
    <message>
        <source>after %1 events</source>
        <translation>nach %1 Ereignissen</translation>
    </message>
    <message>
        <source>first token after %1 ms</source>
        <translation>erstes Token nach %1 ms</translation>
    </message>
    <message>
        <source>down %1 s</source>
        <translation>aus %1 s</translation>
    </message>
    <message>
        <source>up %1 s</source>
        <translation>an %1 s</translation>
    </message>
    <message>
        <source>latency %1 ms</source>
        <translation>Latenz %1 ms</translation>
    </message>
    <message>
        <source>Primary down for 60 s</source>
        <translation>Primärer Anbieter 60 s ausgefallen</translation>
    </message>
    <message>
        <source>%1 (first provider of route %2) answers 503 for 60 s; the chain should fall back.</source>
        <translation>%1 (erster Anbieter von Route %2) antwortet 60 s lang mit 503; die Kette sollte auf den Fallback ausweichen.</translation>
    </message>
    <message>
        <source>Primary slow (first token 5 s) for 60 s</source>
        <translation>Primärer Anbieter 60 s langsam (erstes Token nach 5 s)</translation>
    </message>
    <message>
        <source>%1 sends its first token only after 5 s for 60 s; watch TTFT, first-byte timeouts and hedging.</source>
        <translation>%1 sendet 60 s lang sein erstes Token erst nach 5 s; beobachten Sie TTFT, First-Byte-Timeouts und Hedging.</translation>
    </message>
    <message>
        <source>Primary flapping (10 s down, 10 s up) for 60 s</source>
        <translation>Primärer Anbieter flattert 60 s lang (10 s aus, 10 s an)</translation>
    </message>
    <message>
        <source>%1 alternates between 10 s of 503s and 10 s of mock answers; watch the breaker open and close.</source>
        <translation>%1 wechselt zwischen 10 s mit 503-Antworten und 10 s mit Mock-Antworten; beobachten Sie, wie der Breaker öffnet und schließt.</translation>
    </message>
    <message>
        <source>Everything but the last provider down for 30 s</source>
        <translation>Alle Anbieter außer dem letzten 30 s ausgefallen</translation>
    </message>
    <message>
        <source>%1 answer 503 for 30 s; only %2 (and any cache or static step) is left.</source>
        <translation>%1 antworten 30 s lang mit 503; nur %2 (und ggf. ein Cache- oder statischer Schritt) bleibt übrig.</translation>
    </message>
    <message>
        <source>Add %1 %2</source>
        <translation>%1 %2 hinzufügen</translation>
    </message>
    <message>
        <source>Duplicate %1 %2</source>
        <translation>%1 %2 duplizieren</translation>
    </message>
    <message>
        <source>Delete %1 %2</source>
        <translation>%1 %2 löschen</translation>
    </message>
    <message>
        <source>Move %1 %2</source>
        <translation>%1 %2 verschieben</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Column %1: %2</source>
        <translation>Spalte %1: %2</translation>
    </message>
    <message>
        <source>&apos;-&apos; must be followed by a term</source>
        <translation>Auf &apos;-&apos; muss ein Begriff folgen</translation>
    </message>
    <message>
        <source>missing closing quote</source>
        <translation>schließendes Anführungszeichen fehlt</translation>
    </message>
    <message>
        <source>expected a space after the quoted text</source>
        <translation>Leerzeichen nach dem Text in Anführungszeichen erwartet</translation>
    </message>
    <message>
        <source>unexpected quote</source>
        <translation>unerwartetes Anführungszeichen</translation>
    </message>
</context>
<context>
    <name>understudy::AttemptWaterfall</name>
    <message>
        <source>%1 · %2
start +%3 ms, %4 ms</source>
        <translation>%1 · %2
Start +%3 ms, %4 ms</translation>
    </message>
    <message>
        <source>
TTFT %1 ms</source>
        <translation>
TTFT %1 ms</translation>
    </message>
    <message>
        <source>
decision: %1</source>
        <translation>
Entscheidung: %1</translation>
    </message>
    <message>
        <source>Select a request to see its attempts</source>
        <translation>Wählen Sie eine Anfrage aus, um ihre Versuche zu sehen</translation>
    </message>
</context>
<context>
    <name>understudy::ChainDesignerPage</name>
    <message>
        <source>Chain designer</source>
        <translation>Ketten-Designer</translation>
    </message>
    <message>
        <source>Chain</source>
        <translation>Kette</translation>
    </message>
    <message>
        <source>Chain canvas</source>
        <translation>Ketten-Zeichenfläche</translation>
    </message>
    <message>
        <source>Chain designer tools</source>
        <translation>Werkzeuge des Ketten-Designers</translation>
    </message>
    <message>
        <source>Chain:</source>
        <translation>Kette:</translation>
    </message>
    <message>
        <source>What-if answer</source>
        <translation>Was-wäre-wenn-Antwort</translation>
    </message>
    <message>
        <source>Chain problems</source>
        <translation>Probleme der Kette</translation>
    </message>
    <message>
        <source>&lt;b&gt;Palette&lt;/b&gt; — drag onto the chain</source>
        <translation>&lt;b&gt;Palette&lt;/b&gt; — auf die Kette ziehen</translation>
    </message>
    <message>
        <source>Step inspector</source>
        <translation>Schritt-Inspektor</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Wiederholen</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportieren …</translation>
    </message>
    <message>
        <source>Save the chain drawing as PNG or SVG</source>
        <translation>Die Kettenzeichnung als PNG oder SVG speichern</translation>
    </message>
    <message>
        <source>Export chain drawing</source>
        <translation>Kettenzeichnung exportieren</translation>
    </message>
    <message>
        <source>Edit %1 of step %2</source>
        <translation>%1 von Schritt %2 bearbeiten</translation>
    </message>
    <message>
        <source>Edit chain %1</source>
        <translation>Kette %1 bearbeiten</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>Duplizieren</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>Nach oben</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>Nach unten</translation>
    </message>
    <message>
        <source>Select previous step</source>
        <translation>Vorherigen Schritt auswählen</translation>
    </message>
    <message>
        <source>Select next step</source>
        <translation>Nächsten Schritt auswählen</translation>
    </message>
    <message>
        <source>What if…</source>
        <translation>Was wäre, wenn …</translation>
    </message>
    <message>
        <source>Pick an outcome for each step and see the path the gateway would take</source>
        <translation>Für jeden Schritt ein Ergebnis wählen und den Weg sehen, den das Gateway nehmen würde</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>Fehler: %1</translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation>Warnung: %1</translation>
    </message>
    <message>
        <source>Step %1 of %2: %3, %4</source>
        <translation>Schritt %1 von %2: %3, %4</translation>
    </message>
    <message>
        <source>No step selected</source>
        <translation>Kein Schritt ausgewählt</translation>
    </message>
    <message>
        <source>Add step %1</source>
        <translation>Schritt %1 hinzufügen</translation>
    </message>
    <message>
        <source>Delete step %1</source>
        <translation>Schritt %1 löschen</translation>
    </message>
    <message>
        <source>Duplicate step %1</source>
        <translation>Schritt %1 duplizieren</translation>
    </message>
    <message>
        <source>Move step %1 to %2</source>
        <translation>Schritt %1 nach %2 verschieben</translation>
    </message>
    <message>
        <source>Edit step %1</source>
        <translation>Schritt %1 bearbeiten</translation>
    </message>
    <message>
        <source>Edit chain policy</source>
        <translation>Kettenrichtlinie bearbeiten</translation>
    </message>
    <message>
        <source>Scripted outcome of step %1</source>
        <translation>Vorgegebenes Ergebnis von Schritt %1</translation>
    </message>
    <message>
        <source>There is no chain to export.</source>
        <translation>Es gibt keine Kette zum Exportieren.</translation>
    </message>
    <message>
        <source>Chain %1</source>
        <translation>Kette %1</translation>
    </message>
    <message>
        <source>Fallback chain exported from Understudy</source>
        <translation>Aus Understudy exportierte Fallback-Kette</translation>
    </message>
    <message>
        <source>Cannot write &quot;%1&quot;.</source>
        <translation>&quot;%1&quot; kann nicht geschrieben werden.</translation>
    </message>
    <message>
        <source>Export chain</source>
        <translation>Kette exportieren</translation>
    </message>
    <message>
        <source>SVG drawing (*.svg);;PNG image (*.png)</source>
        <translation>SVG-Zeichnung (*.svg);;PNG-Bild (*.png)</translation>
    </message>
</context>
<context>
    <name>understudy::ChainDesignerScene</name>
    <message>
        <source>on a miss or a stale entry</source>
        <translation>bei Fehltreffer oder veraltetem Eintrag</translation>
    </message>
    <message>
        <source>never (always answers)</source>
        <translation>nie (antwortet immer)</translation>
    </message>
    <message>
        <source>when its conditions do not hold</source>
        <translation>wenn seine Bedingungen nicht erfüllt sind</translation>
    </message>
    <message>
        <source>when the nested chain has no answer</source>
        <translation>wenn die verschachtelte Kette keine Antwort hat</translation>
    </message>
    <message>
        <source>client request</source>
        <translation>Client-Anfrage</translation>
    </message>
    <message>
        <source>
→ no step left: the client gets 502 / 503 / 504</source>
        <translation>
→ kein Schritt mehr übrig: der Client erhält 502 / 503 / 504</translation>
    </message>
</context>
<context>
    <name>understudy::ChainPathView</name>
    <message>
        <source>No attempts recorded</source>
        <translation>Keine Versuche aufgezeichnet</translation>
    </message>
</context>
<context>
    <name>understudy::ChainPolicyForm</name>
    <message>
        <source>Chain policy</source>
        <translation>Kettenrichtlinie</translation>
    </message>
    <message>
        <source>Chain deadline</source>
        <translation>Frist der Kette</translation>
    </message>
    <message>
        <source>Maximum attempts</source>
        <translation>Maximale Versuche</translation>
    </message>
    <message>
        <source>Stream commit mode</source>
        <translation>Stream-Commit-Modus</translation>
    </message>
    <message>
        <source>Mid-stream policy</source>
        <translation>Richtlinie bei Abbruch im Stream</translation>
    </message>
    <message>
        <source>&amp;Deadline</source>
        <translation>&amp;Frist</translation>
    </message>
    <message>
        <source>Max &amp;attempts</source>
        <translation>Max. &amp;Versuche</translation>
    </message>
    <message>
        <source>Stream commit</source>
        <translation>Stream-Commit</translation>
    </message>
    <message>
        <source>Mid-stream cut</source>
        <translation>Abbruch im Stream</translation>
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
    <name>understudy::ChaosFaultForm</name>
    <message>
        <source>&amp;Fault:</source>
        <translation>&amp;Fehlerart:</translation>
    </message>
    <message>
        <source>HTTP &amp;status:</source>
        <translation>HTTP-&amp;Status:</translation>
    </message>
    <message>
        <source>&amp;Retry-After:</source>
        <translation>&amp;Retry-After:</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keiner</translation>
    </message>
    <message>
        <source>After &amp;events:</source>
        <translation>Na&amp;ch Ereignissen:</translation>
    </message>
    <message>
        <source>First token &amp;delay:</source>
        <translation>&amp;Verzögerung erstes Token:</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>&amp;Down for:</source>
        <translation>A&amp;usgefallen für:</translation>
    </message>
    <message>
        <source>&amp;Up for:</source>
        <translation>Erreich&amp;bar für:</translation>
    </message>
    <message>
        <source>&amp;Latency:</source>
        <translation>&amp;Latenz:</translation>
    </message>
    <message>
        <source>Time until the injected fault shows (the response head, or the reset)</source>
        <translation>Zeit, bis sich die eingeschleuste Störung zeigt (Antwortkopf oder Verbindungsabbruch)</translation>
    </message>
</context>
<context>
    <name>understudy::ChaosInjectionModel</name>
    <message>
        <source>all models</source>
        <translation>alle Modelle</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Anbieter</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Fault</source>
        <translation>Störung</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <source>Remaining</source>
        <translation>Verbleibend</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
</context>
<context>
    <name>understudy::ChaosPage</name>
    <message>
        <source>Scenarios</source>
        <translation>Szenarien</translation>
    </message>
    <message>
        <source>Load generator</source>
        <translation>Lastgenerator</translation>
    </message>
    <message>
        <source>Inject a fault</source>
        <translation>Störung einschleusen</translation>
    </message>
    <message>
        <source>P&amp;rovider:</source>
        <translation>&amp;Anbieter:</translation>
    </message>
    <message>
        <source>Only requests for this model fail; the other models of the provider keep working</source>
        <translation>Nur Anfragen für dieses Modell schlagen fehl; die anderen Modelle des Anbieters funktionieren weiter</translation>
    </message>
    <message>
        <source>&amp;Model:</source>
        <translation>&amp;Modell:</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>D&amp;uration:</source>
        <translation>&amp;Dauer:</translation>
    </message>
    <message>
        <source>Why, for the others watching (optional)</source>
        <translation>Warum – für die anderen, die zusehen (optional)</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>&amp;Notiz:</translation>
    </message>
    <message>
        <source>&amp;Inject</source>
        <translation>&amp;Einschleusen</translation>
    </message>
    <message>
        <source>Active injections</source>
        <translation>Aktive Störungen</translation>
    </message>
    <message>
        <source>Stop &amp;selected</source>
        <translation>Ausgewählte s&amp;toppen</translation>
    </message>
    <message>
        <source>Stop &amp;all</source>
        <translation>Alle st&amp;oppen</translation>
    </message>
    <message>
        <source>All models</source>
        <translation>Alle Modelle</translation>
    </message>
    <message>
        <source>No route reaches a provider yet, so there is nothing to rehearse.</source>
        <translation>Noch erreicht keine Route einen Anbieter, es gibt also nichts zu proben.</translation>
    </message>
    <message>
        <source>The gateway has no chaos registry yet.</source>
        <translation>Das Gateway hat noch keine Chaos-Registry.</translation>
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
    <name>understudy::ConnectionTester</name>
    <message>
        <source>OK: built-in mock provider, always reachable</source>
        <translation>OK: eingebauter Mock-Anbieter, immer erreichbar</translation>
    </message>
    <message>
        <source>environment variable %1 is not set</source>
        <translation>Umgebungsvariable %1 ist nicht gesetzt</translation>
    </message>
    <message>
        <source>keychain credentials are used by the gateway only; sent without one</source>
        <translation>Zugangsdaten aus dem Schlüsselbund verwendet nur das Gateway; ohne Zugangsdaten gesendet</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>No answer within %1 s</source>
        <translation>Keine Antwort innerhalb von %1 s</translation>
    </message>
    <message>
        <source>Unreachable: %1</source>
        <translation>Nicht erreichbar: %1</translation>
    </message>
    <message>
        <source>OK: HTTP %1 in %2</source>
        <translation>OK: HTTP %1 in %2</translation>
    </message>
    <message numerus="yes">
        <source>, %n model(s) listed</source>
        <translation>
            <numerusform>, %n Modell aufgeführt</numerusform>
            <numerusform>, %n Modelle aufgeführt</numerusform>
        </translation>
    </message>
    <message>
        <source>Credential refused: HTTP %1 %2 in %3</source>
        <translation>Zugangsdaten abgelehnt: HTTP %1 %2 in %3</translation>
    </message>
    <message>
        <source>Reachable, but HTTP %1 %2 in %3</source>
        <translation>Erreichbar, aber HTTP %1 %2 in %3</translation>
    </message>
</context>
<context>
    <name>understudy::DashboardCharts</name>
    <message>
        <source>Route</source>
        <translation>Route</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Nach</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>Anzahl</translation>
    </message>
    <message>
        <source>Fallback triggers in this window: the attempt&apos;s target, the target the request moved to (none: the chain ended) and the outcome class</source>
        <translation>Fallback-Auslöser in diesem Zeitfenster: das Ziel des Versuchs, das Ziel, zu dem die Anfrage wechselte (keins: die Kette endete), und die Ergebnisklasse</translation>
    </message>
    <message>
        <source>Requests per second by outcome</source>
        <translation>Anfragen pro Sekunde nach Ergebnis</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>ok</translation>
    </message>
    <message>
        <source>fallback</source>
        <translation>Fallback</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>Error rate</source>
        <translation>Fehlerrate</translation>
    </message>
    <message>
        <source>errors / requests</source>
        <translation>Fehler / Anfragen</translation>
    </message>
    <message>
        <source>Fallback triggers by reason</source>
        <translation>Fallback-Auslöser nach Grund</translation>
    </message>
    <message>
        <source>triggers</source>
        <translation>Auslöser</translation>
    </message>
    <message>
        <source>%1: %2 in this window</source>
        <translation>%1: %2 in diesem Zeitfenster</translation>
    </message>
    <message>
        <source>Latency and time to first token</source>
        <translation>Latenz und Zeit bis zum ersten Token</translation>
    </message>
    <message>
        <source>latency</source>
        <translation>Latenz</translation>
    </message>
    <message>
        <source>TTFT</source>
        <translation>TTFT</translation>
    </message>
    <message>
        <source>%1 %2: %3 ms</source>
        <translation>%1 %2: %3 ms</translation>
    </message>
    <message>
        <source>Percentiles over the whole window, read from log-scale histograms
(within one bucket, about 19%, of the exact value).</source>
        <translation>Perzentile über das gesamte Zeitfenster, aus logarithmischen Histogrammen gelesen
(auf einen Bucket genau, etwa 19%, am exakten Wert).</translation>
    </message>
    <message>
        <source>Fallback triggers: not kept in per-minute rollups</source>
        <translation>Fallback-Auslöser: in Minutenaggregaten nicht enthalten</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>Anfragen</translation>
    </message>
    <message>
        <source>Per second</source>
        <translation>Pro Sekunde</translation>
    </message>
    <message>
        <source>Fallbacks</source>
        <translation>Fallbacks</translation>
    </message>
    <message>
        <source>Cache hits</source>
        <translation>Cache-Treffer</translation>
    </message>
    <message>
        <source>p95 latency</source>
        <translation>p95-Latenz</translation>
    </message>
    <message>
        <source>p95 TTFT</source>
        <translation>p95-TTFT</translation>
    </message>
    <message>
        <source>Tokens in / out</source>
        <translation>Tokens ein / aus</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>Kosten</translation>
    </message>
    <message>
        <source>In flight</source>
        <translation>In Bearbeitung</translation>
    </message>
    <message>
        <source>retried</source>
        <translation>wiederholt</translation>
    </message>
    <message>
        <source>cached</source>
        <translation>Cache</translation>
    </message>
    <message>
        <source>static</source>
        <translation>statisch</translation>
    </message>
    <message>
        <source>Each request is in one band: &apos;failed&apos; ended with an outcome other than ok; &apos;cached&apos; and
&apos;static&apos; were answered by a cache or a static step; &apos;fallback&apos; by a later step&apos;s target;
&apos;retried&apos; by the first step&apos;s target after retrying it; &apos;ok&apos; by the first attempt.</source>
        <translation>Jede Anfrage liegt in genau einem Band: &apos;failed&apos; endete mit einem anderen Ergebnis als ok; &apos;cached&apos; und
&apos;static&apos; wurden von einem Cache- oder statischen Schritt beantwortet; &apos;fallback&apos; vom Ziel eines späteren Schritts;
&apos;retried&apos; vom Ziel des ersten Schritts nach einer Wiederholung; &apos;ok&apos; vom ersten Versuch.</translation>
    </message>
    <message>
        <source>%1 %2/s</source>
        <translation>%1 %2/s</translation>
    </message>
    <message>
        <source>error rate %1%</source>
        <translation>Fehlerquote %1%</translation>
    </message>
    <message>
        <source>(older rollups: retried, cached and static counted as ok)</source>
        <translation>(ältere Aggregate: wiederholt, Cache und statisch als ok gezählt)</translation>
    </message>
</context>
<context>
    <name>understudy::DashboardPage</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Last 5 minutes (live, 1 s)</source>
        <translation>Letzte 5 Minuten (live, 1 s)</translation>
    </message>
    <message>
        <source>Last hour (1 min)</source>
        <translation>Letzte Stunde (1 min)</translation>
    </message>
    <message>
        <source>Last 24 hours (1 min)</source>
        <translation>Letzte 24 Stunden (1 min)</translation>
    </message>
    <message>
        <source>Export PNG…</source>
        <translation>PNG exportieren …</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>CSV exportieren …</translation>
    </message>
    <message>
        <source>Export charts</source>
        <translation>Diagramme exportieren</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG-Bild (*.png)</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <source>Cannot write %1</source>
        <translation>%1 kann nicht geschrieben werden</translation>
    </message>
    <message>
        <source>Export series</source>
        <translation>Datenreihen exportieren</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Start demo traffic</source>
        <translation>Demo-Verkehr starten</translation>
    </message>
    <message>
        <source>Send a minute of generated requests through the gateway (the Chaos page has the load generator&apos;s settings)</source>
        <translation>Eine Minute generierter Anfragen durch das Gateway senden (die Einstellungen des Lastgenerators finden Sie auf der Seite Chaos)</translation>
    </message>
    <message>
        <source>Window:</source>
        <translation>Zeitfenster:</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>Breaker</source>
        <translation>Breaker</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Versuche</translation>
    </message>
    <message>
        <source>Ok</source>
        <translation>Ok</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>Übersprungen</translation>
    </message>
    <message>
        <source>Attempts per target since the gateway started</source>
        <translation>Versuche pro Ziel seit dem Start des Gateways</translation>
    </message>
    <message>
        <source>Attempts skipped for an open breaker or a condition</source>
        <translation>Wegen eines offenen Breakers oder einer Bedingung übersprungene Versuche</translation>
    </message>
    <message>
        <source>Force open</source>
        <translation>Öffnen erzwingen</translation>
    </message>
    <message>
        <source>Force closed</source>
        <translation>Schließen erzwingen</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Zurücksetzen</translation>
    </message>
    <message>
        <source>Breaker of the selected target:</source>
        <translation>Breaker des ausgewählten Ziels:</translation>
    </message>
    <message>
        <source>Gateway stopped: no metrics.</source>
        <translation>Gateway angehalten: keine Metriken.</translation>
    </message>
    <message>
        <source>Paused while the mouse is over a chart</source>
        <translation>Pausiert, solange die Maus über einem Diagramm ist</translation>
    </message>
    <message>
        <source>Live, refreshed every second</source>
        <translation>Live, jede Sekunde aktualisiert</translation>
    </message>
    <message>
        <source>The last hour and day need a workspace request log (this gateway keeps metrics in memory only).</source>
        <translation>Für die letzte Stunde und den letzten Tag ist ein Anfrageprotokoll des Arbeitsbereichs nötig (dieses Gateway hält Metriken nur im Speicher).</translation>
    </message>
    <message>
        <source>Loading per-minute rollups…</source>
        <translation>Minutenaggregate werden geladen…</translation>
    </message>
    <message>
        <source>Cannot read rollups: %1</source>
        <translation>Aggregate können nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Per-minute rollups up to %1, reloaded every 30 s</source>
        <translation>Minutenaggregate bis %1, alle 30 s neu geladen</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>Select a target first</source>
        <translation>Wählen Sie zuerst ein Ziel aus</translation>
    </message>
    <message>
        <source>Breaker control is not available</source>
        <translation>Breaker-Steuerung ist nicht verfügbar</translation>
    </message>
    <message numerus="yes">
        <source>%n s ago</source>
        <translation>
            <numerusform>vor %n s</numerusform>
            <numerusform>vor %n s</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 min %2 s ago</source>
        <translation>vor %1 min %2 s</translation>
    </message>
    <message>
        <source>%1 h %2 min ago</source>
        <translation>vor %1 h %2 min</translation>
    </message>
    <message>
        <source>No breaker state reported for this target</source>
        <translation>Für dieses Ziel wurde kein Breaker-Zustand gemeldet</translation>
    </message>
    <message>
        <source>Last change: %1 → %2 at %3, %4</source>
        <translation>Letzte Änderung: %1 → %2 um %3, %4</translation>
    </message>
    <message>
        <source>%1 since %2, %3</source>
        <translation>%1 seit %2, %3</translation>
    </message>
    <message>
        <source>Last 5 minutes, one segment per second: green closed, amber half-open, red open, grey unknown</source>
        <translation>Letzte 5 Minuten, ein Segment pro Sekunde: grün geschlossen, gelb halb offen, rot offen, grau unbekannt</translation>
    </message>
    <message>
        <source>Last 5 min</source>
        <translation>Letzte 5 min</translation>
    </message>
    <message>
        <source>The breaker&apos;s state over the last 5 minutes, one segment per second (the worst state of that second): green closed, amber half-open, red open, grey unknown</source>
        <translation>Der Zustand des Breakers in den letzten 5 Minuten, ein Segment pro Sekunde (der schlechteste Zustand dieser Sekunde): grün geschlossen, gelb halb offen, rot offen, grau unbekannt</translation>
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
    <name>understudy::HeaderMatchModel</name>
    <message>
        <source>Header</source>
        <translation>Header</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Regex</source>
        <translation>Regex</translation>
    </message>
</context>
<context>
    <name>understudy::HeaderTableModel</name>
    <message>
        <source>Header</source>
        <translation>Header</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
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
    <name>understudy::ListFormPage</name>
    <message>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <source>Add %1</source>
        <translation>%1 hinzufügen</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>Duplizieren</translation>
    </message>
    <message>
        <source>Duplicate %1</source>
        <translation>%1 duplizieren</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Delete %1</source>
        <translation>%1 löschen</translation>
    </message>
    <message>
        <source>Duplicate the selected %1 (Ctrl+D)</source>
        <translation>Ausgewählten Eintrag (%1) duplizieren (Strg+D)</translation>
    </message>
    <message>
        <source>Delete the selected %1 (Delete)</source>
        <translation>Ausgewählten Eintrag (%1) löschen (Entf)</translation>
    </message>
    <message>
        <source>Validation issues of %1</source>
        <translation>Validierungsprobleme von %1</translation>
    </message>
    <message>
        <source>No problems in %1.</source>
        <translation>Keine Probleme in %1.</translation>
    </message>
    <message>
        <source>%1 error(s), %2 warning(s) in %3</source>
        <translation>%1 Fehler, %2 Warnung(en) in %3</translation>
    </message>
    <message>
        <source>; other pages have errors</source>
        <translation>; andere Seiten haben Fehler</translation>
    </message>
</context>
<context>
    <name>understudy::LoadGenerator</name>
    <message>
        <source>Say hello in five words.</source>
        <translation>Sag Hallo in fünf Wörtern.</translation>
    </message>
    <message>
        <source>What is a circuit breaker in distributed systems?</source>
        <translation>Was ist ein Circuit Breaker in verteilten Systemen?</translation>
    </message>
    <message>
        <source>Summarise the plot of Hamlet in two sentences.</source>
        <translation>Fasse die Handlung von Hamlet in zwei Sätzen zusammen.</translation>
    </message>
    <message>
        <source>Give me three names for a grey cat.</source>
        <translation>Nenne mir drei Namen für eine graue Katze.</translation>
    </message>
    <message>
        <source>Translate &apos;good morning&apos; into French, German and Spanish.</source>
        <translation>Übersetze &apos;good morning&apos; ins Französische, Deutsche und Spanische.</translation>
    </message>
    <message>
        <source>Explain exponential backoff to a new engineer.</source>
        <translation>Erkläre exponentielles Backoff für jemanden, der neu im Team ist.</translation>
    </message>
    <message>
        <source>The gateway address &apos;%1&apos; is not an http(s) URL.</source>
        <translation>Die Gateway-Adresse &apos;%1&apos; ist keine http(s)-URL.</translation>
    </message>
    <message>
        <source>The rate must be above 0 requests per second.</source>
        <translation>Die Rate muss über 0 Anfragen pro Sekunde liegen.</translation>
    </message>
    <message>
        <source>The concurrency cap must be between 1 and %1.</source>
        <translation>Die Obergrenze für gleichzeitige Anfragen muss zwischen 1 und %1 liegen.</translation>
    </message>
    <message>
        <source>The duration must be at least 1 second.</source>
        <translation>Die Dauer muss mindestens 1 Sekunde betragen.</translation>
    </message>
    <message>
        <source>HTTP %1</source>
        <translation>HTTP %1</translation>
    </message>
</context>
<context>
    <name>understudy::LoadGeneratorPanel</name>
    <message>
        <source>Request path on the gateway; the list holds the workspace&apos;s llm routes</source>
        <translation>Anfragepfad am Gateway; die Liste enthält die llm-Routen des Arbeitsbereichs</translation>
    </message>
    <message>
        <source>&amp;Route path:</source>
        <translation>&amp;Routenpfad:</translation>
    </message>
    <message>
        <source>Gateway:</source>
        <translation>Gateway:</translation>
    </message>
    <message>
        <source> req/s</source>
        <translation> req/s</translation>
    </message>
    <message>
        <source>R&amp;ate:</source>
        <translation>R&amp;ate:</translation>
    </message>
    <message>
        <source>Requests in flight at most; requests due while at the cap are skipped</source>
        <translation>Höchstens so viele Anfragen gleichzeitig; fällige Anfragen werden übersprungen, solange die Grenze erreicht ist</translation>
    </message>
    <message>
        <source>&amp;Concurrency cap:</source>
        <translation>Max. &amp;gleichzeitig:</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>D&amp;uration:</source>
        <translation>&amp;Dauer:</translation>
    </message>
    <message>
        <source>Built-in short prompts</source>
        <translation>Eingebaute kurze Prompts</translation>
    </message>
    <message>
        <source>My prompts (one per line)</source>
        <translation>Eigene Prompts (einer pro Zeile)</translation>
    </message>
    <message>
        <source>&amp;Prompts:</source>
        <translation>&amp;Prompts:</translation>
    </message>
    <message>
        <source>One prompt per line</source>
        <translation>Ein Prompt pro Zeile</translation>
    </message>
    <message>
        <source>&amp;Stream the answers</source>
        <translation>Antworten &amp;streamen</translation>
    </message>
    <message>
        <source>Start &amp;demo traffic</source>
        <translation>Demo-&amp;Verkehr starten</translation>
    </message>
    <message>
        <source>20 requests per second for 60 s on the first llm route, with the built-in prompts</source>
        <translation>20 Anfragen pro Sekunde für 60 s auf der ersten llm-Route, mit den eingebauten Prompts</translation>
    </message>
    <message>
        <source>S&amp;tart</source>
        <translation>S&amp;tarten</translation>
    </message>
    <message>
        <source>Sto&amp;p</source>
        <translation>An&amp;halten</translation>
    </message>
    <message>
        <source>Route %1</source>
        <translation>Route %1</translation>
    </message>
    <message>
        <source>Sent %1 · ok %2 · failed %3 · in flight %4 · %5 req/s</source>
        <translation>Gesendet %1 · ok %2 · fehlgeschlagen %3 · laufend %4 · %5 req/s</translation>
    </message>
    <message>
        <source> · skipped at the cap %1</source>
        <translation> · an der Grenze übersprungen %1</translation>
    </message>
    <message>
        <source>Last failure: %1</source>
        <translation>Letzter Fehler: %1</translation>
    </message>
    <message>
        <source>(the gateway is stopped)</source>
        <translation>(das Gateway ist angehalten)</translation>
    </message>
</context>
<context>
    <name>understudy::LogTableModel</name>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Betreff</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
</context>
<context>
    <name>understudy::LogsPage</name>
    <message>
        <source>Select a line to see its detail.</source>
        <translation>Wählen Sie eine Zeile aus, um Details zu sehen.</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Older events could not be read: %1</source>
        <translation>Ältere Ereignisse konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Show lines at this level and above</source>
        <translation>Zeilen ab dieser Stufe anzeigen</translation>
    </message>
    <message>
        <source>%1 and above</source>
        <translation>%1 und höher</translation>
    </message>
    <message>
        <source>Events and application log</source>
        <translation>Ereignisse und Anwendungsprotokoll</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Ereignisse</translation>
    </message>
    <message>
        <source>Application log</source>
        <translation>Anwendungsprotokoll</translation>
    </message>
    <message>
        <source>Search message, subject, kind or category</source>
        <translation>Meldung, Betreff, Art oder Kategorie durchsuchen</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pausieren</translation>
    </message>
    <message>
        <source>Stop the table; new lines are kept (the newest %1) and shown on resume</source>
        <translation>Tabelle anhalten; neue Zeilen werden aufbewahrt (die neuesten %1) und beim Fortsetzen angezeigt</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Leeren</translation>
    </message>
    <message>
        <source>Copy the selected lines</source>
        <translation>Ausgewählte Zeilen kopieren</translation>
    </message>
    <message>
        <source>Show traffic around this</source>
        <translation>Datenverkehr um diesen Zeitpunkt anzeigen</translation>
    </message>
    <message>
        <source>Open the Traffic page at this event&apos;s time, filtered to its target</source>
        <translation>Die Seite Datenverkehr zum Zeitpunkt dieses Ereignisses öffnen, gefiltert auf sein Ziel</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message numerus="yes">
        <source>%n lines</source>
        <translation>
            <numerusform>%n Zeile</numerusform>
            <numerusform>%n Zeilen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n lines</source>
        <translation>
            <numerusform>%1 von %n Zeile</numerusform>
            <numerusform>%1 von %n Zeilen</numerusform>
        </translation>
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
    <message>
        <source>Playground</source>
        <translation>Playground</translation>
    </message>
    <message>
        <source>Chaos</source>
        <translation>Chaos</translation>
    </message>
</context>
<context>
    <name>understudy::ModelCatalogModel</name>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Context</source>
        <translation>Kontext</translation>
    </message>
    <message>
        <source>In $/1M</source>
        <translation>Ein $/1M</translation>
    </message>
    <message>
        <source>Out $/1M</source>
        <translation>Aus $/1M</translation>
    </message>
    <message>
        <source>Stream</source>
        <translation>Stream</translation>
    </message>
    <message>
        <source>Prefill</source>
        <translation>Prefill</translation>
    </message>
    <message>
        <source>Tools</source>
        <translation>Tools</translation>
    </message>
    <message>
        <source>Vision</source>
        <translation>Vision</translation>
    </message>
    <message>
        <source>Embed</source>
        <translation>Embed</translation>
    </message>
</context>
<context>
    <name>understudy::NameListModel</name>
    <message>
        <source>(unnamed)</source>
        <translation>(unbenannt)</translation>
    </message>
    <message>
        <source>has validation errors</source>
        <translation>hat Validierungsfehler</translation>
    </message>
</context>
<context>
    <name>understudy::OutcomeActionModel</name>
    <message>
        <source>retry, then next</source>
        <translation>wiederholen, dann nächster</translation>
    </message>
    <message>
        <source>next</source>
        <translation>nächster</translation>
    </message>
    <message>
        <source>stop</source>
        <translation>stoppen</translation>
    </message>
    <message>
        <source>override (default: %1)</source>
        <translation>überschrieben (Standard: %1)</translation>
    </message>
    <message>
        <source>default</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>What this step does after an attempt ends in %1.</source>
        <translation>Was dieser Schritt tut, nachdem ein Versuch mit %1 endet.</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Herkunft</translation>
    </message>
</context>
<context>
    <name>understudy::PlaygroundExchange</name>
    <message>
        <source>Cancelled after %1 ms.</source>
        <translation>Nach %1 ms abgebrochen.</translation>
    </message>
    <message>
        <source>HTTP %1 from the gateway: %2</source>
        <translation>HTTP %1 vom Gateway: %2</translation>
    </message>
    <message>
        <source>The stream ended with an error event: %1</source>
        <translation>Der Stream endete mit einem Fehlerereignis: %1</translation>
    </message>
    <message>
        <source>The stream ended without a finish reason: the answer is cut off.</source>
        <translation>Der Stream endete ohne Abschlussgrund: die Antwort ist abgeschnitten.</translation>
    </message>
    <message>
        <source>The connection broke during the answer: %1</source>
        <translation>Die Verbindung brach während der Antwort ab: %1</translation>
    </message>
    <message>
        <source>Nothing answers at %1: the gateway is not running. Start it with Gateway &gt; Start Gateway (F5) and send again.</source>
        <translation>Unter %1 antwortet nichts: das Gateway läuft nicht. Starten Sie es mit Gateway &gt; Gateway starten (F5) und senden Sie erneut.</translation>
    </message>
    <message>
        <source>The gateway at %1 closed the connection before answering.</source>
        <translation>Das Gateway unter %1 hat die Verbindung vor der Antwort geschlossen.</translation>
    </message>
    <message>
        <source>The gateway at %1 did not answer in time.</source>
        <translation>Das Gateway unter %1 hat nicht rechtzeitig geantwortet.</translation>
    </message>
    <message>
        <source>The request to %1 failed: %2</source>
        <translation>Die Anfrage an %1 ist fehlgeschlagen: %2</translation>
    </message>
</context>
<context>
    <name>understudy::PlaygroundForm</name>
    <message>
        <source>any</source>
        <translation>beliebig</translation>
    </message>
    <message>
        <source>%1  (%2 · %3 %4)</source>
        <translation>%1  (%2 · %3 %4)</translation>
    </message>
    <message>
        <source>/path?query</source>
        <translation>/path?query</translation>
    </message>
    <message>
        <source>Request body (sent as is)</source>
        <translation>Anfrage-Body (wird unverändert gesendet)</translation>
    </message>
    <message>
        <source>Header</source>
        <translation>Header</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Extra request headers, for example to satisfy a step&apos;s header condition</source>
        <translation>Zusätzliche Anfrage-Header, z. B. um die Header-Bedingung eines Schritts zu erfüllen</translation>
    </message>
    <message>
        <source>Add header</source>
        <translation>Header hinzufügen</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Route</source>
        <translation>Route</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Pfad</translation>
    </message>
    <message>
        <source>Headers</source>
        <translation>Header</translation>
    </message>
    <message>
        <source>The model the client asks for; steps without a model override send it upstream</source>
        <translation>Das vom Client angefragte Modell; Schritte ohne eigenes Modell senden es an den Upstream weiter</translation>
    </message>
    <message>
        <source>Optional system prompt</source>
        <translation>Optionaler System-Prompt</translation>
    </message>
    <message>
        <source>Ask something</source>
        <translation>Fragen Sie etwas</translation>
    </message>
    <message>
        <source>Stream the answer</source>
        <translation>Antwort streamen</translation>
    </message>
    <message>
        <source>default</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>Temperatur</translation>
    </message>
    <message>
        <source>Max tokens</source>
        <translation>Max. Tokens</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>The config has no routes.</source>
        <translation>Die Konfiguration hat keine Routen.</translation>
    </message>
    <message>
        <source>No config loaded.</source>
        <translation>Keine Konfiguration geladen.</translation>
    </message>
    <message>
        <source>%1 route on chain &quot;%2&quot;</source>
        <translation>%1-Route auf Kette &quot;%2&quot;</translation>
    </message>
    <message>
        <source>It matches the pattern %1: edit the path to one it matches.</source>
        <translation>Sie passt auf das Muster %1: ändern Sie den Pfad in einen, der darauf passt.</translation>
    </message>
    <message>
        <source>Not a chat completions endpoint: the request is sent as typed.</source>
        <translation>Kein Chat-Completions-Endpunkt: die Anfrage wird wie eingegeben gesendet.</translation>
    </message>
</context>
<context>
    <name>understudy::PlaygroundPage</name>
    <message>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>The answer appears here as it arrives.</source>
        <translation>Die Antwort erscheint hier, sobald sie eintrifft.</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Antwort</translation>
    </message>
    <message>
        <source>Raw response</source>
        <translation>Rohantwort</translation>
    </message>
    <message>
        <source>Attempt trail</source>
        <translation>Versuchsverlauf</translation>
    </message>
    <message>
        <source>Send the request (Ctrl+Return)</source>
        <translation>Anfrage senden (Strg+Eingabe)</translation>
    </message>
    <message>
        <source>Send a request to see its attempts.</source>
        <translation>Senden Sie eine Anfrage, um ihre Versuche zu sehen.</translation>
    </message>
    <message>
        <source>Pick a route and send a request through the gateway.</source>
        <translation>Wählen Sie eine Route und senden Sie eine Anfrage durch das Gateway.</translation>
    </message>
    <message>
        <source>Elapsed %1 ms</source>
        <translation>Dauer %1 ms</translation>
    </message>
    <message>
        <source> · TTFT %1 ms</source>
        <translation> · TTFT %1 ms</translation>
    </message>
    <message>
        <source>There is no route to send to: add one on the Routes page.</source>
        <translation>Es gibt keine Route zum Senden: legen Sie eine auf der Seite Routen an.</translation>
    </message>
    <message>
        <source>The gateway is stopped. Start it with Gateway &gt; Start Gateway (F5), then send again.</source>
        <translation>Das Gateway ist angehalten. Starten Sie es mit Gateway &gt; Gateway starten (F5) und senden Sie dann erneut.</translation>
    </message>
    <message>
        <source>Waiting for the attempt trail…</source>
        <translation>Warten auf den Versuchsverlauf…</translation>
    </message>
    <message>
        <source>Sending to %1%2…</source>
        <translation>Senden an %1%2…</translation>
    </message>
    <message>
        <source>HTTP %1</source>
        <translation>HTTP %1</translation>
    </message>
    <message>
        <source> · served by %1</source>
        <translation> · beantwortet von %1</translation>
    </message>
    <message>
        <source> · attempts %1</source>
        <translation> · Versuche %1</translation>
    </message>
    <message>
        <source> · fell back on %1</source>
        <translation> · Fallback bei %1</translation>
    </message>
    <message>
        <source> · cache %1</source>
        <translation> · Cache %1</translation>
    </message>
    <message>
        <source>No attempts: the request did not reach the gateway.</source>
        <translation>Keine Versuche: die Anfrage hat das Gateway nicht erreicht.</translation>
    </message>
    <message numerus="yes">
        <source>%n attempt(s) for request %1</source>
        <translation>
            <numerusform>%n Versuch für Anfrage %1</numerusform>
            <numerusform>%n Versuche für Anfrage %1</numerusform>
        </translation>
    </message>
    <message>
        <source>No attempt trail arrived for request %1. The page only sees trails of the gateway the console runs.</source>
        <translation>Für Anfrage %1 ist kein Versuchsverlauf eingetroffen. Die Seite sieht nur Verläufe des Gateways, das die Konsole ausführt.</translation>
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
    <name>understudy::ProvidersEditorPage</name>
    <message>
        <source>provider</source>
        <translation>Anbieter</translation>
    </message>
    <message>
        <source>Providers</source>
        <translation>Anbieter</translation>
    </message>
    <message>
        <source>Providers editor</source>
        <translation>Anbieter-Editor</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Anbieter</translation>
    </message>
    <message>
        <source>Provider name</source>
        <translation>Name des Anbieters</translation>
    </message>
    <message>
        <source>Provider kind</source>
        <translation>Art des Anbieters</translation>
    </message>
    <message>
        <source>Base URL</source>
        <translation>Basis-URL</translation>
    </message>
    <message>
        <source>Credential source</source>
        <translation>Quelle der Zugangsdaten</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Keine</translation>
    </message>
    <message>
        <source>Environment variable</source>
        <translation>Umgebungsvariable</translation>
    </message>
    <message>
        <source>OS keychain entry</source>
        <translation>Eintrag im Schlüsselbund des Betriebssystems</translation>
    </message>
    <message>
        <source>Credential reference name</source>
        <translation>Name der Zugangsdaten-Referenz</translation>
    </message>
    <message>
        <source>The name of the variable or keychain entry; the secret itself is never stored here</source>
        <translation>Der Name der Variablen oder des Schlüsselbundeintrags; das Geheimnis selbst wird hier nie gespeichert</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Verbindung testen</translation>
    </message>
    <message>
        <source>Connection test result</source>
        <translation>Ergebnis des Verbindungstests</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <source>&amp;Kind</source>
        <translation>&amp;Art</translation>
    </message>
    <message>
        <source>&amp;Base URL</source>
        <translation>&amp;Basis-URL</translation>
    </message>
    <message>
        <source>&amp;Credentials</source>
        <translation>&amp;Zugangsdaten</translation>
    </message>
    <message>
        <source>Rename provider</source>
        <translation>Anbieter umbenennen</translation>
    </message>
    <message>
        <source>Change provider kind</source>
        <translation>Art des Anbieters ändern</translation>
    </message>
    <message>
        <source>Edit base URL</source>
        <translation>Basis-URL bearbeiten</translation>
    </message>
    <message>
        <source>Edit credentials</source>
        <translation>Zugangsdaten bearbeiten</translation>
    </message>
    <message>
        <source>Default headers</source>
        <translation>Standard-Header</translation>
    </message>
    <message>
        <source>header</source>
        <translation>Header</translation>
    </message>
    <message>
        <source>Add header</source>
        <translation>Header hinzufügen</translation>
    </message>
    <message>
        <source>Remove header</source>
        <translation>Header entfernen</translation>
    </message>
    <message>
        <source>Edit header</source>
        <translation>Header bearbeiten</translation>
    </message>
    <message>
        <source>Connections and TLS</source>
        <translation>Verbindungen und TLS</translation>
    </message>
    <message>
        <source>Maximum connections</source>
        <translation>Maximale Verbindungen</translation>
    </message>
    <message>
        <source>Maximum idle connections</source>
        <translation>Maximale inaktive Verbindungen</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>Idle timeout</source>
        <translation>Leerlauf-Timeout</translation>
    </message>
    <message>
        <source>Verify the server certificate</source>
        <translation>Serverzertifikat prüfen</translation>
    </message>
    <message>
        <source>Verify TLS</source>
        <translation>TLS prüfen</translation>
    </message>
    <message>
        <source>Custom CA file</source>
        <translation>Eigene CA-Datei</translation>
    </message>
    <message>
        <source>optional PEM bundle</source>
        <translation>optionales PEM-Bundle</translation>
    </message>
    <message>
        <source>Proxy</source>
        <translation>Proxy</translation>
    </message>
    <message>
        <source>Max connections</source>
        <translation>Max. Verbindungen</translation>
    </message>
    <message>
        <source>Max idle</source>
        <translation>Max. inaktiv</translation>
    </message>
    <message>
        <source>Custom CA</source>
        <translation>Eigene CA</translation>
    </message>
    <message>
        <source>Edit %1</source>
        <translation>%1 bearbeiten</translation>
    </message>
    <message>
        <source>Edit TLS verification</source>
        <translation>TLS-Prüfung bearbeiten</translation>
    </message>
    <message>
        <source>Edit CA file</source>
        <translation>CA-Datei bearbeiten</translation>
    </message>
    <message>
        <source>Edit proxy</source>
        <translation>Proxy bearbeiten</translation>
    </message>
    <message>
        <source>Model catalogue</source>
        <translation>Modellkatalog</translation>
    </message>
    <message>
        <source>model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Add model</source>
        <translation>Modell hinzufügen</translation>
    </message>
    <message>
        <source>Remove model</source>
        <translation>Modell entfernen</translation>
    </message>
    <message>
        <source>Edit model %1</source>
        <translation>Modell %1 bearbeiten</translation>
    </message>
    <message>
        <source>Mock behaviour</source>
        <translation>Mock-Verhalten</translation>
    </message>
    <message>
        <source>Mock latency</source>
        <translation>Mock-Latenz</translation>
    </message>
    <message>
        <source> tokens/s</source>
        <translation> Tokens/s</translation>
    </message>
    <message>
        <source>Mock tokens per second</source>
        <translation>Mock-Tokens pro Sekunde</translation>
    </message>
    <message>
        <source>Mock answer text</source>
        <translation>Mock-Antworttext</translation>
    </message>
    <message>
        <source>empty: a generated answer naming the model</source>
        <translation>leer: eine generierte Antwort, die das Modell nennt</translation>
    </message>
    <message>
        <source>Mock fault</source>
        <translation>Mock-Störung</translation>
    </message>
    <message>
        <source>Mock error status</source>
        <translation>Mock-Fehlerstatus</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>Latenz</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>Geschwindigkeit</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Antwort</translation>
    </message>
    <message>
        <source>Fault</source>
        <translation>Störung</translation>
    </message>
    <message>
        <source>Error status</source>
        <translation>Fehlerstatus</translation>
    </message>
    <message>
        <source>Edit mock latency</source>
        <translation>Mock-Latenz bearbeiten</translation>
    </message>
    <message>
        <source>Edit mock speed</source>
        <translation>Mock-Geschwindigkeit bearbeiten</translation>
    </message>
    <message>
        <source>Edit mock answer</source>
        <translation>Mock-Antwort bearbeiten</translation>
    </message>
    <message>
        <source>Edit mock fault</source>
        <translation>Mock-Störung bearbeiten</translation>
    </message>
    <message>
        <source>Edit mock status</source>
        <translation>Mock-Status bearbeiten</translation>
    </message>
    <message>
        <source>Testing...</source>
        <translation>Wird getestet...</translation>
    </message>
    <message>
        <source>keychain entry</source>
        <translation>Schlüsselbundeintrag</translation>
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
    <name>understudy::RoutesEditorPage</name>
    <message>
        <source>route</source>
        <translation>Route</translation>
    </message>
    <message>
        <source>Routes</source>
        <translation>Routen</translation>
    </message>
    <message>
        <source>Routes, most specific match wins</source>
        <translation>Routen, der spezifischste Treffer gewinnt</translation>
    </message>
    <message>
        <source>Routes editor</source>
        <translation>Routen-Editor</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>Hoch</translation>
    </message>
    <message>
        <source>Move route up</source>
        <translation>Route nach oben verschieben</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>Runter</translation>
    </message>
    <message>
        <source>Move route down</source>
        <translation>Route nach unten verschieben</translation>
    </message>
    <message>
        <source>Route</source>
        <translation>Route</translation>
    </message>
    <message>
        <source>Route name</source>
        <translation>Name der Route</translation>
    </message>
    <message>
        <source>Route kind</source>
        <translation>Art der Route</translation>
    </message>
    <message>
        <source>llm (unified OpenAI-compatible API)</source>
        <translation>llm (einheitliche OpenAI-kompatible API)</translation>
    </message>
    <message>
        <source>http (pass-through)</source>
        <translation>http (Durchleitung)</translation>
    </message>
    <message>
        <source>Chain</source>
        <translation>Kette</translation>
    </message>
    <message>
        <source>Listener</source>
        <translation>Listener</translation>
    </message>
    <message>
        <source>Methods (none checked = any)</source>
        <translation>Methoden (keine angehakt = alle)</translation>
    </message>
    <message>
        <source>Path match</source>
        <translation>Pfadabgleich</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Pfad</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Host</translation>
    </message>
    <message>
        <source>any host</source>
        <translation>beliebiger Host</translation>
    </message>
    <message>
        <source>Header predicates</source>
        <translation>Header-Bedingungen</translation>
    </message>
    <message>
        <source>Add header predicate</source>
        <translation>Header-Bedingung hinzufügen</translation>
    </message>
    <message>
        <source>Remove header predicate</source>
        <translation>Header-Bedingung entfernen</translation>
    </message>
    <message>
        <source>Retry non-idempotent requests (POST, PATCH) on http routes</source>
        <translation>Nicht idempotente Anfragen (POST, PATCH) auf http-Routen wiederholen</translation>
    </message>
    <message>
        <source>Retry non-idempotent requests</source>
        <translation>Nicht idempotente Anfragen wiederholen</translation>
    </message>
    <message>
        <source>Log request and response bodies</source>
        <translation>Anfrage- und Antwort-Bodys protokollieren</translation>
    </message>
    <message>
        <source>Log bodies</source>
        <translation>Bodys protokollieren</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <source>&amp;Kind</source>
        <translation>&amp;Art</translation>
    </message>
    <message>
        <source>&amp;Chain</source>
        <translation>&amp;Kette</translation>
    </message>
    <message>
        <source>&amp;Listener</source>
        <translation>&amp;Listener</translation>
    </message>
    <message>
        <source>&amp;Methods</source>
        <translation>&amp;Methoden</translation>
    </message>
    <message>
        <source>&amp;Host</source>
        <translation>&amp;Host</translation>
    </message>
    <message>
        <source>Headers</source>
        <translation>Header</translation>
    </message>
    <message>
        <source>Rename route</source>
        <translation>Route umbenennen</translation>
    </message>
    <message>
        <source>Change route kind</source>
        <translation>Art der Route ändern</translation>
    </message>
    <message>
        <source>Change route chain</source>
        <translation>Kette der Route ändern</translation>
    </message>
    <message>
        <source>Change route listener</source>
        <translation>Listener der Route ändern</translation>
    </message>
    <message>
        <source>Edit route methods</source>
        <translation>Methoden der Route bearbeiten</translation>
    </message>
    <message>
        <source>Change path match</source>
        <translation>Pfadabgleich ändern</translation>
    </message>
    <message>
        <source>Edit route path</source>
        <translation>Pfad der Route bearbeiten</translation>
    </message>
    <message>
        <source>Edit route host</source>
        <translation>Host der Route bearbeiten</translation>
    </message>
    <message>
        <source>Edit header predicate</source>
        <translation>Header-Bedingung bearbeiten</translation>
    </message>
    <message>
        <source>Edit retry of non-idempotent requests</source>
        <translation>Wiederholung nicht idempotenter Anfragen bearbeiten</translation>
    </message>
    <message>
        <source>Edit body logging</source>
        <translation>Body-Protokollierung bearbeiten</translation>
    </message>
    <message>
        <source>Which route matches?</source>
        <translation>Welche Route passt?</translation>
    </message>
    <message>
        <source>Test request listener</source>
        <translation>Listener der Testanfrage</translation>
    </message>
    <message>
        <source>Test request method</source>
        <translation>Methode der Testanfrage</translation>
    </message>
    <message>
        <source>Test request path</source>
        <translation>Pfad der Testanfrage</translation>
    </message>
    <message>
        <source>Test request host</source>
        <translation>Host der Testanfrage</translation>
    </message>
    <message>
        <source>Test request headers, one Name: value per line</source>
        <translation>Header der Testanfrage, ein Name: Wert pro Zeile</translation>
    </message>
    <message>
        <source>Matching route</source>
        <translation>Passende Route</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <source>&lt;b style=&apos;color:#c01c28&apos;&gt;No route matches&lt;/b&gt; (the gateway answers 404)</source>
        <translation>&lt;b style=&apos;color:#c01c28&apos;&gt;Keine Route passt&lt;/b&gt; (das Gateway antwortet mit 404)</translation>
    </message>
    <message>
        <source>&lt;b style=&apos;color:#26a269&apos;&gt;Matches route %1&lt;/b&gt;</source>
        <translation>&lt;b style=&apos;color:#26a269&apos;&gt;Passt auf Route %1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>(choose a chain)</source>
        <translation>(Kette wählen)</translation>
    </message>
    <message>
        <source>%1 (missing)</source>
        <translation>%1 (fehlt)</translation>
    </message>
    <message>
        <source>every listener</source>
        <translation>jeder Listener</translation>
    </message>
</context>
<context>
    <name>understudy::SavedFiltersMenu</name>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Save current…</source>
        <translation>Aktuellen speichern …</translation>
    </message>
    <message>
        <source>Save filter</source>
        <translation>Filter speichern</translation>
    </message>
    <message>
        <source>Name for &quot;%1&quot;:</source>
        <translation>Name für &quot;%1&quot;:</translation>
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
    <name>understudy::StepInspector</name>
    <message>
        <source>Select a step on the canvas to edit it.</source>
        <translation>Wählen Sie einen Schritt auf der Zeichenfläche aus, um ihn zu bearbeiten.</translation>
    </message>
    <message>
        <source>Problems of this step</source>
        <translation>Probleme dieses Schritts</translation>
    </message>
    <message>
        <source>Step name</source>
        <translation>Name des Schritts</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Targets</source>
        <translation>Ziele</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Anbieter</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>Gewicht</translation>
    </message>
    <message>
        <source>Add target</source>
        <translation>Ziel hinzufügen</translation>
    </message>
    <message>
        <source>Remove target</source>
        <translation>Ziel entfernen</translation>
    </message>
    <message>
        <source>Balance strategy</source>
        <translation>Verteilungsstrategie</translation>
    </message>
    <message>
        <source>Nested chain</source>
        <translation>Verschachtelte Kette</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>Führt aus</translation>
    </message>
    <message>
        <source>Cache</source>
        <translation>Cache</translation>
    </message>
    <message>
        <source>Max staleness</source>
        <translation>Max. Alter</translation>
    </message>
    <message>
        <source>Static answer</source>
        <translation>Statische Antwort</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Content type</source>
        <translation>Inhaltstyp</translation>
    </message>
    <message>
        <source>Body</source>
        <translation>Body</translation>
    </message>
    <message>
        <source>Policies</source>
        <translation>Richtlinien</translation>
    </message>
    <message>
        <source>Connect timeout</source>
        <translation>Verbindungs-Timeout</translation>
    </message>
    <message>
        <source>First-byte timeout</source>
        <translation>First-Byte-Timeout</translation>
    </message>
    <message>
        <source>Idle timeout</source>
        <translation>Leerlauf-Timeout</translation>
    </message>
    <message>
        <source>Attempt timeout</source>
        <translation>Versuchs-Timeout</translation>
    </message>
    <message>
        <source>chain deadline</source>
        <translation>Frist der Kette</translation>
    </message>
    <message>
        <source>Retries</source>
        <translation>Wiederholungen</translation>
    </message>
    <message>
        <source>Backoff base</source>
        <translation>Backoff-Basis</translation>
    </message>
    <message>
        <source>Backoff cap</source>
        <translation>Backoff-Obergrenze</translation>
    </message>
    <message>
        <source>Retry-After cap</source>
        <translation>Retry-After-Obergrenze</translation>
    </message>
    <message>
        <source>&amp;Retries</source>
        <translation>&amp;Wiederholungen</translation>
    </message>
    <message>
        <source>Backoff base / cap</source>
        <translation>Backoff-Basis / -Obergrenze</translation>
    </message>
    <message>
        <source>Circuit breaker</source>
        <translation>Circuit Breaker</translation>
    </message>
    <message>
        <source>Circuit breaker enabled</source>
        <translation>Circuit Breaker aktiviert</translation>
    </message>
    <message>
        <source>Consecutive failures to open</source>
        <translation>Aufeinanderfolgende Fehler bis zum Öffnen</translation>
    </message>
    <message>
        <source>Failure ratio to open</source>
        <translation>Fehlerquote bis zum Öffnen</translation>
    </message>
    <message>
        <source>Breaker window</source>
        <translation>Breaker-Zeitfenster</translation>
    </message>
    <message>
        <source>Minimum volume</source>
        <translation>Mindestvolumen</translation>
    </message>
    <message>
        <source>Open for</source>
        <translation>Offen für</translation>
    </message>
    <message>
        <source>Open at most</source>
        <translation>Höchstens offen für</translation>
    </message>
    <message>
        <source>Half-open probes</source>
        <translation>Halboffen-Probeanfragen</translation>
    </message>
    <message>
        <source>Opens after failures</source>
        <translation>Öffnet nach Fehlern</translation>
    </message>
    <message>
        <source>… or failure ratio</source>
        <translation>… oder Fehlerquote</translation>
    </message>
    <message>
        <source>Window / min. volume</source>
        <translation>Zeitfenster / Mindestvolumen</translation>
    </message>
    <message>
        <source>Open for / at most</source>
        <translation>Offen für / höchstens</translation>
    </message>
    <message>
        <source>Hedge: start the next step early</source>
        <translation>Hedge: nächsten Schritt früher starten</translation>
    </message>
    <message>
        <source>Hedging enabled</source>
        <translation>Hedging aktiviert</translation>
    </message>
    <message>
        <source>Hedge after</source>
        <translation>Hedge nach</translation>
    </message>
    <message>
        <source>… if no first byte within</source>
        <translation>… wenn kein erstes Byte innerhalb von</translation>
    </message>
    <message>
        <source>Outcome actions</source>
        <translation>Aktionen nach Ergebnis</translation>
    </message>
    <message>
        <source>After an attempt ends in…</source>
        <translation>Wenn ein Versuch endet mit…</translation>
    </message>
    <message>
        <source>Conditions (all must hold)</source>
        <translation>Bedingungen (alle müssen erfüllt sein)</translation>
    </message>
    <message>
        <source>Conditions</source>
        <translation>Bedingungen</translation>
    </message>
    <message>
        <source>One condition per line, e.g. &quot;header x-tier equals gold&quot;, &quot;stream equals true&quot;, &quot;prompt_tokens less_than 8000&quot;, &quot;time_window 09:00-17:00 days 31 utc&quot;</source>
        <translation>Eine Bedingung pro Zeile, z. B. &quot;header x-tier equals gold&quot;, &quot;stream equals true&quot;, &quot;prompt_tokens less_than 8000&quot;, &quot;time_window 09:00-17:00 days 31 utc&quot;</translation>
    </message>
    <message>
        <source>Add condition</source>
        <translation>Bedingung hinzufügen</translation>
    </message>
    <message>
        <source>Remove condition</source>
        <translation>Bedingung entfernen</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>Fehler: %1</translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation>Warnung: %1</translation>
    </message>
</context>
<context>
    <name>understudy::StepPalette</name>
    <message>
        <source>Step palette</source>
        <translation>Schritt-Palette</translation>
    </message>
    <message>
        <source>Drag a step onto the chain, or double-click to append it</source>
        <translation>Ziehen Sie einen Schritt auf die Kette oder doppelklicken Sie, um ihn anzuhängen</translation>
    </message>
    <message>
        <source>Provider step: send to %1</source>
        <translation>Anbieter-Schritt: an %1 senden</translation>
    </message>
    <message>
        <source>Group of all providers</source>
        <translation>Gruppe aller Anbieter</translation>
    </message>
    <message>
        <source>Group step: balances every provider by weight</source>
        <translation>Gruppen-Schritt: verteilt auf alle Anbieter nach Gewicht</translation>
    </message>
    <message>
        <source>Nested chain: %1</source>
        <translation>Verschachtelte Kette: %1</translation>
    </message>
    <message>
        <source>Chain step: runs chain %1 here</source>
        <translation>Ketten-Schritt: führt hier Kette %1 aus</translation>
    </message>
    <message>
        <source>Cache</source>
        <translation>Cache</translation>
    </message>
    <message>
        <source>Cache step: answers with the last good response for the same request</source>
        <translation>Cache-Schritt: antwortet mit der letzten guten Antwort auf dieselbe Anfrage</translation>
    </message>
    <message>
        <source>Static answer</source>
        <translation>Statische Antwort</translation>
    </message>
    <message>
        <source>Static step: a canned, degraded answer</source>
        <translation>Statischer Schritt: eine vorgefertigte, eingeschränkte Antwort</translation>
    </message>
    <message>
        <source>The dropped item is not a chain step.</source>
        <translation>Das abgelegte Element ist kein Kettenschritt.</translation>
    </message>
</context>
<context>
    <name>understudy::StoredExchangeView</name>
    <message>
        <source>The log kept only the start of this exchange (bodies are capped).</source>
        <translation>Das Protokoll hat nur den Anfang dieses Austauschs gespeichert (Bodys sind begrenzt).</translation>
    </message>
    <message>
        <source>(empty body)</source>
        <translation>(leerer Body)</translation>
    </message>
</context>
<context>
    <name>understudy::TrafficDetailPane</name>
    <message>
        <source>Reload</source>
        <translation>Neu laden</translation>
    </message>
    <message>
        <source>Copy as curl</source>
        <translation>Als curl kopieren</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Retry-After</source>
        <translation>Retry-After</translation>
    </message>
    <message>
        <source>Breaker</source>
        <translation>Breaker</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Entscheidung</translation>
    </message>
    <message>
        <source>The trail keeps no body: the command reads it from request.json</source>
        <translation>Der Verlauf enthält keinen Body: der Befehl liest ihn aus request.json</translation>
    </message>
    <message>
        <source>Read this request&apos;s headers and bodies from the request log again</source>
        <translation>Header und Bodys dieser Anfrage erneut aus dem Anfrageprotokoll lesen</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Versuche</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>Anfrage</translation>
    </message>
    <message>
        <source>Response</source>
        <translation>Antwort</translation>
    </message>
    <message>
        <source>No request selected.</source>
        <translation>Keine Anfrage ausgewählt.</translation>
    </message>
    <message>
        <source>%1 %2  ·  %3  ·  HTTP %4  ·  %5 ms</source>
        <translation>%1 %2  ·  %3  ·  HTTP %4  ·  %5 ms</translation>
    </message>
    <message>
        <source>Not served (%1)</source>
        <translation>Nicht beantwortet (%1)</translation>
    </message>
    <message>
        <source>Served by %1</source>
        <translation>Beantwortet von %1</translation>
    </message>
    <message numerus="yes">
        <source> after %n fallback step(s)</source>
        <translation>
            <numerusform> nach %n Fallback-Schritt</numerusform>
            <numerusform> nach %n Fallback-Schritten</numerusform>
        </translation>
    </message>
    <message>
        <source> · from cache</source>
        <translation> · aus dem Cache</translation>
    </message>
    <message>
        <source> · static answer</source>
        <translation> · statische Antwort</translation>
    </message>
    <message>
        <source> · degraded</source>
        <translation> · eingeschränkt</translation>
    </message>
    <message>
        <source> · TTFT %1 ms</source>
        <translation> · TTFT %1 ms</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>Headers and bodies are not stored: this workspace keeps no request log.</source>
        <translation>Header und Bodys werden nicht gespeichert: dieser Arbeitsbereich führt kein Anfrageprotokoll.</translation>
    </message>
    <message>
        <source>Reading the request log…</source>
        <translation>Anfrageprotokoll wird gelesen…</translation>
    </message>
    <message>
        <source>This request is not in the request log (yet, or no longer). Reload to look again.</source>
        <translation>Diese Anfrage ist nicht (noch nicht oder nicht mehr) im Anfrageprotokoll. Laden Sie neu, um erneut nachzusehen.</translation>
    </message>
    <message>
        <source>Could not read the request log: %1</source>
        <translation>Das Anfrageprotokoll konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Headers and bodies are not stored for this request: its route does not have log_bodies turned on.</source>
        <translation>Header und Bodys werden für diese Anfrage nicht gespeichert: bei ihrer Route ist log_bodies nicht aktiviert.</translation>
    </message>
</context>
<context>
    <name>understudy::TrafficFilter</name>
    <message>
        <source>empty text</source>
        <translation>leerer Text</translation>
    </message>
    <message>
        <source>missing key before &apos;%1&apos;</source>
        <translation>fehlender Schlüssel vor &apos;%1&apos;</translation>
    </message>
    <message>
        <source>unknown operator &apos;%1&apos;</source>
        <translation>unbekannter Operator &apos;%1&apos;</translation>
    </message>
    <message>
        <source>&apos;%1&apos; needs a value</source>
        <translation>&apos;%1&apos; braucht einen Wert</translation>
    </message>
    <message>
        <source>a status class like %1 only works with &apos;:&apos;</source>
        <translation>eine Statusklasse wie %1 funktioniert nur mit &apos;:&apos;</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an HTTP status</source>
        <translation>&apos;%1&apos; ist kein HTTP-Status</translation>
    </message>
    <message>
        <source>&apos;%1&apos; only supports &apos;:&apos;</source>
        <translation>&apos;%1&apos; unterstützt nur &apos;:&apos;</translation>
    </message>
    <message>
        <source>&apos;outcome&apos; only supports &apos;:&apos;</source>
        <translation>&apos;outcome&apos; unterstützt nur &apos;:&apos;</translation>
    </message>
    <message>
        <source>unknown outcome class &apos;%1&apos;</source>
        <translation>unbekannte Ergebnisklasse &apos;%1&apos;</translation>
    </message>
    <message>
        <source>&apos;fallback&apos; only supports &apos;:&apos;</source>
        <translation>&apos;fallback&apos; unterstützt nur &apos;:&apos;</translation>
    </message>
    <message>
        <source>fallback is &apos;yes&apos; or &apos;no&apos;, not &apos;%1&apos;</source>
        <translation>fallback ist &apos;yes&apos; oder &apos;no&apos;, nicht &apos;%1&apos;</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a duration (e.g. 500ms, 2s)</source>
        <translation>&apos;%1&apos; ist keine Dauer (z. B. 500ms, 2s)</translation>
    </message>
    <message>
        <source>&apos;target&apos; only supports &apos;:&apos;</source>
        <translation>&apos;target&apos; unterstützt nur &apos;:&apos;</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a time (HH:MM[:SS], an ISO 8601 date-time or epoch milliseconds)</source>
        <translation>&apos;%1&apos; ist keine Uhrzeit (HH:MM[:SS], ein ISO-8601-Datum mit Uhrzeit oder Epochen-Millisekunden)</translation>
    </message>
    <message>
        <source>unknown key &apos;%1&apos; (status, route, served, method, outcome, fallback, duration, ttft, target, after, before)</source>
        <translation>unbekannter Schlüssel &apos;%1&apos; (status, route, served, method, outcome, fallback, duration, ttft, target, after, before)</translation>
    </message>
</context>
<context>
    <name>understudy::TrafficModel</name>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <source>Route</source>
        <translation>Route</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Served by</source>
        <translation>Beantwortet von</translation>
    </message>
    <message>
        <source>Fallback</source>
        <translation>Fallback</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Versuche</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>TTFT</source>
        <translation>TTFT</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>Tokens</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>Kosten</translation>
    </message>
    <message>
        <source> (cached)</source>
        <translation> (aus Cache)</translation>
    </message>
    <message>
        <source> (static)</source>
        <translation> (statisch)</translation>
    </message>
</context>
<context>
    <name>understudy::TrafficPage</name>
    <message>
        <source>Filter: status&gt;=500 route:chat served:anthropic fallback:yes duration&gt;2s &quot;timeout&quot; -outcome:status_429</source>
        <translation>Filter: status&gt;=500 route:chat served:anthropic fallback:yes duration&gt;2s &quot;timeout&quot; -outcome:status_429</translation>
    </message>
    <message>
        <source>Terms separated by spaces must all match; &apos;-&apos; negates a term.
status&gt;=500, status:429, status:5xx, route:chat, served:anthropic,
method:post, outcome:status_5xx, fallback:yes|no, duration&gt;2s,
ttft&gt;500ms, target:openai (any attempt&apos;s target), after:14:05, before:14:10:30
(HH:MM[:SS] today, ISO 8601 or epoch ms),
&quot;free text&quot; (path, request id, served by, outcomes)</source>
        <translation>Durch Leerzeichen getrennte Begriffe müssen alle passen; &apos;-&apos; negiert einen Begriff.
status&gt;=500, status:429, status:5xx, route:chat, served:anthropic,
method:post, outcome:status_5xx, fallback:yes|no, duration&gt;2s,
ttft&gt;500ms, target:openai (Ziel eines beliebigen Versuchs), after:14:05, before:14:10:30
(HH:MM[:SS] heute, ISO 8601 oder Epochen-ms),
&quot;freier Text&quot; (Pfad, Anfrage-ID, beantwortet von, Ergebnisse)</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pausieren</translation>
    </message>
    <message>
        <source>Stop the table; new requests are kept (the newest %1) and shown on resume</source>
        <translation>Tabelle anhalten; neue Anfragen werden aufbewahrt (die neuesten %1) und beim Fortsetzen angezeigt</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Leeren</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <source>Selected as HAR…</source>
        <translation>Auswahl als HAR …</translation>
    </message>
    <message>
        <source>All shown as HAR…</source>
        <translation>Alle angezeigten als HAR …</translation>
    </message>
    <message>
        <source>Selected as JSON Lines…</source>
        <translation>Auswahl als JSON Lines …</translation>
    </message>
    <message>
        <source>All shown as JSON Lines…</source>
        <translation>Alle angezeigten als JSON Lines …</translation>
    </message>
    <message>
        <source>Load older</source>
        <translation>Ältere laden</translation>
    </message>
    <message>
        <source>Read the next %1 older requests from the workspace&apos;s request log</source>
        <translation>Die nächsten %1 älteren Anfragen aus dem Anfrageprotokoll des Arbeitsbereichs lesen</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>Gespeichert</translation>
    </message>
    <message>
        <source>Saved filters</source>
        <translation>Gespeicherte Filter</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Arrival order</source>
        <translation>Eingangsreihenfolge</translation>
    </message>
    <message>
        <source>%1 requests</source>
        <translation>%1 Anfragen</translation>
    </message>
    <message>
        <source>%1 of %2 requests</source>
        <translation>%1 von %2 Anfragen</translation>
    </message>
    <message>
        <source>There are no requests to export.</source>
        <translation>Es gibt keine Anfragen zum Exportieren.</translation>
    </message>
    <message>
        <source>Export as HAR</source>
        <translation>Als HAR exportieren</translation>
    </message>
    <message>
        <source>Export as JSON Lines</source>
        <translation>Als JSON Lines exportieren</translation>
    </message>
    <message>
        <source>HTTP Archive (*.har)</source>
        <translation>HTTP-Archiv (*.har)</translation>
    </message>
    <message>
        <source>JSON Lines (*.jsonl)</source>
        <translation>JSON Lines (*.jsonl)</translation>
    </message>
    <message>
        <source>This workspace keeps no request log</source>
        <translation>Dieser Arbeitsbereich führt kein Anfrageprotokoll</translation>
    </message>
    <message>
        <source>The table holds the most older requests it keeps (%1); Clear to start again.</source>
        <translation>Die Tabelle enthält bereits die Höchstzahl älterer Anfragen (%1); leeren Sie sie, um neu zu beginnen.</translation>
    </message>
    <message>
        <source>Reading older requests from the log…</source>
        <translation>Ältere Anfragen werden aus dem Protokoll gelesen…</translation>
    </message>
    <message>
        <source>Could not read the request log: %1</source>
        <translation>Das Anfrageprotokoll konnte nicht gelesen werden: %1</translation>
    </message>
    <message numerus="yes">
        <source>Loaded %n older request(s); the log has no older ones.</source>
        <translation>
            <numerusform>%n ältere Anfrage geladen; das Protokoll enthält keine älteren.</numerusform>
            <numerusform>%n ältere Anfragen geladen; das Protokoll enthält keine älteren.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Loaded %n older request(s) from the log.</source>
        <translation>
            <numerusform>%n ältere Anfrage aus dem Protokoll geladen.</numerusform>
            <numerusform>%n ältere Anfragen aus dem Protokoll geladen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Showing live requests for %1 from %2 to %3 (the workspace keeps no request log). Clear the filter to see all requests.</source>
        <translation>Live-Anfragen für %1 von %2 bis %3 (der Arbeitsbereich führt kein Anfrageprotokoll). Leeren Sie den Filter, um alle Anfragen zu sehen.</translation>
    </message>
    <message>
        <source>Reading the requests around %1 from the log…</source>
        <translation>Die Anfragen um %1 werden aus dem Protokoll gelesen…</translation>
    </message>
    <message>
        <source>Could not read the request log: %1. Press Resume to go back to live traffic.</source>
        <translation>Das Anfrageprotokoll konnte nicht gelesen werden: %1. Klicken Sie auf Fortsetzen, um zum Live-Verkehr zurückzukehren.</translation>
    </message>
    <message numerus="yes">
        <source>Requests from the log from %1 to %2 that went to or fell back from %3: %n shown.</source>
        <translation>
            <numerusform>Anfragen aus dem Protokoll von %1 bis %2, die an %3 gingen oder von dort auf einen Fallback auswichen: %n angezeigt.</numerusform>
            <numerusform>Anfragen aus dem Protokoll von %1 bis %2, die an %3 gingen oder von dort auf einen Fallback auswichen: %n angezeigt.</numerusform>
        </translation>
    </message>
    <message>
        <source>Only the newest %1 of that window were read.</source>
        <translation>Nur die neuesten %1 dieses Zeitfensters wurden gelesen.</translation>
    </message>
    <message>
        <source>Press Resume to go back to live traffic.</source>
        <translation>Klicken Sie auf Fortsetzen, um zum Live-Verkehr zurückzukehren.</translation>
    </message>
</context>
<context>
    <name>understudy::WhatIfRequestBar</name>
    <message>
        <source>stream</source>
        <translation>Stream</translation>
    </message>
    <message>
        <source>Request:</source>
        <translation>Anfrage:</translation>
    </message>
    <message>
        <source>Request streams</source>
        <translation>Anfrage wird gestreamt</translation>
    </message>
    <message>
        <source>model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Requested model</source>
        <translation>Angefragtes Modell</translation>
    </message>
    <message>
        <source>consumer</source>
        <translation>Consumer</translation>
    </message>
    <message>
        <source>Consumer</source>
        <translation>Consumer</translation>
    </message>
    <message>
        <source>tier</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <source>headers: x-tier: gold; …</source>
        <translation>Header: x-tier: gold; …</translation>
    </message>
    <message>
        <source>Request headers</source>
        <translation>Anfrage-Header</translation>
    </message>
    <message>
        <source>tokens unknown</source>
        <translation>Tokens unbekannt</translation>
    </message>
    <message>
        <source> tokens</source>
        <translation> Tokens</translation>
    </message>
    <message>
        <source>Estimated prompt tokens</source>
        <translation>Geschätzte Prompt-Tokens</translation>
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
        <translation>%1 req/s</translation>
    </message>
    <message>
        <source>Open breakers: %1</source>
        <translation>Offene Breaker: %1</translation>
    </message>
</context>
<context>
    <name>understudy::designer</name>
    <message>
        <source>answers (ok)</source>
        <translation>antwortet (ok)</translation>
    </message>
    <message>
        <source>503 once</source>
        <translation>503 einmal</translation>
    </message>
    <message>
        <source>503 forever</source>
        <translation>503 immer</translation>
    </message>
    <message>
        <source>429 forever</source>
        <translation>429 immer</translation>
    </message>
    <message>
        <source>429, wait 1 s</source>
        <translation>429, 1 s warten</translation>
    </message>
    <message>
        <source>connection refused</source>
        <translation>Verbindung abgelehnt</translation>
    </message>
    <message>
        <source>connect timeout</source>
        <translation>Verbindungs-Timeout</translation>
    </message>
    <message>
        <source>first-byte timeout</source>
        <translation>First-Byte-Timeout</translation>
    </message>
    <message>
        <source>connection reset</source>
        <translation>Verbindung zurückgesetzt</translation>
    </message>
    <message>
        <source>context too long</source>
        <translation>Kontext zu lang</translation>
    </message>
    <message>
        <source>content policy</source>
        <translation>Inhaltsrichtlinie</translation>
    </message>
    <message>
        <source>401 bad key</source>
        <translation>401 falscher Schlüssel</translation>
    </message>
    <message>
        <source>400 bad request</source>
        <translation>400 fehlerhafte Anfrage</translation>
    </message>
    <message>
        <source>malformed response</source>
        <translation>fehlerhafte Antwort</translation>
    </message>
    <message>
        <source>truncated stream</source>
        <translation>abgeschnittener Stream</translation>
    </message>
    <message>
        <source>circuit open</source>
        <translation>Breaker offen</translation>
    </message>
    <message>
        <source>cache miss / stale</source>
        <translation>Cache-Fehltreffer / veraltet</translation>
    </message>
    <message>
        <source>1 attempt</source>
        <translation>1 Versuch</translation>
    </message>
    <message>
        <source>%1 attempts</source>
        <translation>%1 Versuche</translation>
    </message>
    <message>
        <source>%1 served by %2 (%3)</source>
        <translation>%1 beantwortet von %2 (%3)</translation>
    </message>
    <message>
        <source>%1 from the cache step %2</source>
        <translation>%1 aus dem Cache-Schritt %2</translation>
    </message>
    <message>
        <source>%1 canned answer from the static step %2</source>
        <translation>%1 vorgefertigte Antwort aus dem statischen Schritt %2</translation>
    </message>
    <message>
        <source>%1 error: every step failed</source>
        <translation>%1 Fehler: alle Schritte fehlgeschlagen</translation>
    </message>
    <message>
        <source>%1 error: stopped at %2</source>
        <translation>%1 Fehler: angehalten bei %2</translation>
    </message>
    <message>
        <source>Client gets %1 · %2 · %3 s</source>
        <translation>Client erhält %1 · %2 · %3 s</translation>
    </message>
</context>
</TS>
