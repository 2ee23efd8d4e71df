// The raw bytes of a streamed chat completion, as curl sees them: every
// event is one "data: ..." line and a blank line, and [DONE] ends it.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { startAll } from '../lib/gateway.js';

const run = promisify(execFile);
let gw;
before(async () => { gw = await startAll(); });
after(async () => { await gw?.stop(); });

test('curl -N sees data: events ending with [DONE]', async (t) => {
  try {
    await run('curl', ['--version']);
  } catch {
    t.skip('curl is not installed');
    return;
  }
  const body = JSON.stringify({ model: 'gpt-primary', stream: true, messages: [{ role: 'user', content: 'hello' }] });
  const { stdout } = await run('curl', ['-sS', '-N', '--fail-with-body', '-H', 'content-type: application/json',
    '--data-binary', body, `${gw.baseUrl}/v1/chat/completions`]);
  assert.ok(stdout.endsWith('data: [DONE]\n\n'), JSON.stringify(stdout.slice(-80)));
  const events = stdout.split('\n\n');
  assert.equal(events.pop(), '', 'the body ends with a blank line');
  assert.ok(events.length >= 3);
  for (const event of events) {
    assert.match(event, /^data: [^\n]+$/, `one data line per event: ${JSON.stringify(event)}`);
    if (event !== 'data: [DONE]') assert.equal(JSON.parse(event.slice(6)).object, 'chat.completion.chunk');
  }
  assert.equal(events.filter((e) => e === 'data: [DONE]').length, 1);
});
