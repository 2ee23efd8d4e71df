// The official openai SDK against the gateway's OpenAI surface: the primary
// (OpenAI-compatible) fails and Anthropic or Gemini answer in OpenAI's shape.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { ANTHROPIC_TEXT, GEMINI_TEXT, startAll } from '../lib/gateway.js';

let gw;
before(async () => { gw = await startAll(); });
after(async () => { await gw?.stop(); });

const client = (prefix = '') => new OpenAI({ apiKey: 'sk-client', baseURL: `${gw.baseUrl}${prefix}/v1`, maxRetries: 0 });

test('chat.completions.create falls back to Anthropic', async () => {
  const before = gw.openai.seen.length;
  const { data, response } = await client().chat.completions
    .create({ model: 'gpt-primary', messages: [{ role: 'user', content: 'hello' }] })
    .withResponse();
  assert.equal(data.object, 'chat.completion');
  assert.equal(data.choices[0].message.content, ANTHROPIC_TEXT);
  assert.equal(data.choices[0].finish_reason, 'stop');
  assert.equal(data.model, 'claude-sdk');
  assert.equal(data.usage.prompt_tokens, 21);
  assert.equal(data.usage.completion_tokens, 6);
  assert.match(response.headers.get('x-understudy-served-by'), /claude\/claude-sdk/);
  assert.equal(gw.openai.seen.length, before + 1, 'the primary was tried first');
});

test('chat.completions.create stream falls back to Anthropic', async () => {
  const stream = await client().chat.completions.create({
    model: 'gpt-primary', stream: true, stream_options: { include_usage: true },
    messages: [{ role: 'user', content: 'hello' }],
  });
  let text = '';
  let finish = null;
  let usage = null;
  const models = new Set();
  for await (const chunk of stream) {
    models.add(chunk.model);
    if (chunk.usage) usage = chunk.usage;
    for (const choice of chunk.choices) {
      text += choice.delta?.content ?? '';
      finish = choice.finish_reason ?? finish;
    }
  }
  assert.equal(text, ANTHROPIC_TEXT);
  assert.equal(finish, 'stop');
  assert.deepEqual([...models], ['claude-sdk']);
  assert.ok(usage, 'a usage chunk arrived');
  assert.equal(usage.prompt_tokens, 21);
  assert.equal(usage.completion_tokens, 6);
});

test('a Gemini step answers, streamed and not', async () => {
  const whole = await client('/gemini').chat.completions.create({ model: 'x', messages: [{ role: 'user', content: 'hi' }] });
  assert.equal(whole.choices[0].message.content, GEMINI_TEXT);
  assert.equal(whole.choices[0].finish_reason, 'stop');
  assert.equal(whole.usage.prompt_tokens, 9);
  const stream = await client('/gemini').chat.completions.create({ model: 'x', stream: true, messages: [{ role: 'user', content: 'hi' }] });
  let text = '';
  let finish = null;
  for await (const chunk of stream) {
    for (const choice of chunk.choices) {
      text += choice.delta?.content ?? '';
      finish = choice.finish_reason ?? finish;
    }
  }
  assert.equal(text, GEMINI_TEXT);
  assert.equal(finish, 'stop');
  assert.ok(gw.gemini.seen.some((r) => r.url.endsWith(':streamGenerateContent?alt=sse')));
  assert.equal(gw.gemini.seen.at(-1).headers['x-goog-api-key'], 'gm-sdk');
});

test('models.list shows what the chain reaches', async () => {
  const ids = [];
  for await (const model of client().models.list()) ids.push(model.id);
  for (const id of ['gpt-primary', 'claude-sdk', 'gemini-sdk']) assert.ok(ids.includes(id), `${id} in ${ids}`);
});

test('a chain whose steps all fail raises an APIError', async () => {
  await assert.rejects(
    client('/dead').chat.completions.create({ model: 'gpt-primary', messages: [{ role: 'user', content: 'hello' }] }),
    (err) => {
      assert.ok(err instanceof OpenAI.APIError, `got ${err}`);
      assert.ok(err.status >= 500, `status ${err.status}`);
      assert.equal(typeof err.error?.message, 'string');
      assert.ok(err.error.message.length > 0);
      assert.ok(err.headers.get('x-understudy-request-id'));
      return true;
    });
});

test('an invalid request is a 400 BadRequestError naming the field', async () => {
  await assert.rejects(
    client().chat.completions.create({ model: 'gpt-primary', messages: [{ role: 'robot', content: 'x' }] }),
    (err) => {
      assert.ok(err instanceof OpenAI.BadRequestError, `got ${err}`);
      assert.equal(err.status, 400);
      assert.match(err.message, /messages\[0\]\.role|role/);
      return true;
    });
});
