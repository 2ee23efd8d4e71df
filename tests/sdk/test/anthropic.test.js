// The official @anthropic-ai/sdk against the gateway's inbound /v1/messages:
// the request runs the same chain (the OpenAI-compatible primary fails) and
// the answers come back as Anthropic Messages and events.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import { ANTHROPIC_TEXT, GEMINI_TEXT, startAll } from '../lib/gateway.js';

let gw;
before(async () => { gw = await startAll(); });
after(async () => { await gw?.stop(); });

const client = (prefix = '') => new Anthropic({ apiKey: 'sk-client', baseURL: `${gw.baseUrl}${prefix}`, maxRetries: 0 });
const params = { model: 'claude-sdk', max_tokens: 64, system: 'be brief', messages: [{ role: 'user', content: 'hello' }] };

test('messages.create answers through the fallback', async () => {
  const primaryBefore = gw.openai.seen.length;
  const message = await client().messages.create(params);
  assert.equal(message.type, 'message');
  assert.equal(message.role, 'assistant');
  assert.equal(message.content[0].type, 'text');
  assert.equal(message.content[0].text, ANTHROPIC_TEXT);
  assert.equal(message.stop_reason, 'end_turn');
  assert.equal(message.model, 'claude-sdk');
  assert.equal(message.usage.input_tokens, 21);
  assert.equal(message.usage.output_tokens, 6);
  assert.equal(gw.openai.seen.length, primaryBefore + 1, 'the primary was tried first');
  const sent = JSON.parse(gw.openai.seen.at(-1).body);
  assert.equal(sent.messages[0].role, 'system', 'the primary got an OpenAI chat request');
  assert.equal(gw.anthropic.seen.at(-1).body.system, 'be brief');
});

test('messages.stream delivers events and the final message', async () => {
  const stream = client().messages.stream(params);
  let text = '';
  const types = [];
  stream.on('streamEvent', (event) => types.push(event.type));
  stream.on('text', (delta) => { text += delta; });
  const final = await stream.finalMessage();
  assert.equal(text, ANTHROPIC_TEXT);
  assert.equal(final.content[0].text, ANTHROPIC_TEXT);
  assert.equal(final.stop_reason, 'end_turn');
  assert.equal(final.usage.output_tokens, 6);
  assert.equal(final.usage.input_tokens, 21);
  assert.equal(types[0], 'message_start');
  assert.equal(types.at(-1), 'message_stop');
  assert.ok(types.includes('content_block_delta'));
});

test('messages.create with stream:true through a Gemini step', async () => {
  const events = await client('/gemini').messages.create({ ...params, stream: true });
  let text = '';
  let stop = null;
  let usage = null;
  for await (const event of events) {
    if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') text += event.delta.text;
    if (event.type === 'message_delta') { stop = event.delta.stop_reason; usage = event.usage; }
  }
  assert.equal(text, GEMINI_TEXT);
  assert.equal(stop, 'end_turn');
  assert.equal(usage.output_tokens, 4);
});

test('every step failing raises an APIError in Anthropic shape', async () => {
  await assert.rejects(client('/dead').messages.create(params), (err) => {
    assert.ok(err instanceof Anthropic.APIError, `got ${err}`);
    assert.ok(err.status >= 500, `status ${err.status}`);
    assert.equal(err.error?.type, 'error');
    assert.match(err.error?.error?.type, /^(overloaded_error|api_error)$/);
    return true;
  });
});

test('an invalid request is a BadRequestError naming the field', async () => {
  await assert.rejects(client().messages.create({ model: 'claude-sdk', messages: [{ role: 'user', content: 'x' }] }),
    (err) => {
      assert.ok(err instanceof Anthropic.BadRequestError, `got ${err}`);
      assert.equal(err.error?.error?.type, 'invalid_request_error');
      assert.match(err.error?.error?.message, /^max_tokens/);
      return true;
    });
});
