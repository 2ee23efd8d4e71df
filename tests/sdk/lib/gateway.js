// Shared fixtures: fake upstreams speaking the real wire formats (an
// OpenAI-compatible one that fails, Anthropic Messages, Gemini
// generateContent) and the built understudy-gateway serving a config that
// chains them. The binary comes from UNDERSTUDY_GATEWAY_BIN (set by CMake).

import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const ANTHROPIC_TEXT = 'Bonjour from Claude';
export const GEMINI_TEXT = 'Hello from Gemini';

function listen(server) {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server.address().port)));
}

function readBody(req) {
  return new Promise((resolve) => {
    const parts = [];
    req.on('data', (d) => parts.push(d));
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
  });
}

// Every request fails: 503 with OpenAI's error JSON.
export async function startFailingOpenAi() {
  const seen = [];
  const server = http.createServer(async (req, res) => {
    seen.push({ method: req.method, url: req.url, body: await readBody(req) });
    res.writeHead(503, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { message: 'primary is down', type: 'server_error', code: null } }));
  });
  return { server, seen, port: await listen(server) };
}

// POST /v1/messages: a Message, or its event stream when stream is true.
export async function startAnthropic() {
  const seen = [];
  const server = http.createServer(async (req, res) => {
    const body = JSON.parse(await readBody(req));
    seen.push({ url: req.url, headers: req.headers, body });
    if (req.url !== '/v1/messages' || req.headers['x-api-key'] !== 'sk-ant-sdk') {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ type: 'error', error: { type: 'authentication_error', message: 'bad key' } }));
      return;
    }
    if (!body.stream) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({
        id: 'msg_fake1', type: 'message', role: 'assistant', model: body.model,
        content: [{ type: 'text', text: ANTHROPIC_TEXT }],
        stop_reason: 'end_turn', stop_sequence: null,
        usage: { input_tokens: 21, output_tokens: 6 },
      }));
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    const send = (type, data) => res.write(`event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`);
    send('message_start', { message: { id: 'msg_fake2', type: 'message', role: 'assistant', model: body.model,
      content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 21, output_tokens: 1 } } });
    send('content_block_start', { index: 0, content_block: { type: 'text', text: '' } });
    send('ping', {});
    for (const piece of ['Bonjour ', 'from ', 'Claude'])
      send('content_block_delta', { index: 0, delta: { type: 'text_delta', text: piece } });
    send('content_block_stop', { index: 0 });
    send('message_delta', { delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 6 } });
    send('message_stop', {});
    res.end();
  });
  return { server, seen, port: await listen(server) };
}

// POST /v1beta/models/<model>:generateContent and :streamGenerateContent?alt=sse.
export async function startGemini() {
  const seen = [];
  const server = http.createServer(async (req, res) => {
    const body = JSON.parse(await readBody(req));
    seen.push({ url: req.url, headers: req.headers, body });
    const answer = (text, last) => ({
      candidates: [{ content: { parts: [{ text }], role: 'model' }, index: 0, ...(last ? { finishReason: 'STOP' } : {}) }],
      ...(last ? { usageMetadata: { promptTokenCount: 9, candidatesTokenCount: 4, totalTokenCount: 13 } } : {}),
      modelVersion: 'gemini-sdk',
    });
    if (/:generateContent$/.test(req.url)) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer(GEMINI_TEXT, true)));
    } else if (/:streamGenerateContent\?alt=sse$/.test(req.url)) {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(`data: ${JSON.stringify(answer('Hello ', false))}\r\n\r\n`);
      res.write(`data: ${JSON.stringify(answer('from Gemini', true))}\r\n\r\n`);
      res.end();
    } else {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 404, message: `no ${req.url}`, status: 'NOT_FOUND' } }));
    }
  });
  return { server, seen, port: await listen(server) };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

const noRetry = { max_retries: 0 };

// Chains: "claude" = failing primary -> anthropic -> gemini -> static;
// "gemini" = failing primary -> gemini; "dead" = failing primary only.
export function gatewayConfig(ports, listenPort) {
  const llm = (name, chain, method, p) => ({ name, kind: 'llm', chain, match: { methods: [method], path_match: 'exact', path: p } });
  const routes = [];
  for (const [prefix, chain] of [['', 'claude'], ['/gemini', 'gemini'], ['/dead', 'dead']]) {
    routes.push(llm(`${chain}-chat`, chain, 'POST', `${prefix}/v1/chat/completions`));
    routes.push(llm(`${chain}-models`, chain, 'GET', `${prefix}/v1/models`));
    routes.push(llm(`${chain}-messages`, chain, 'POST', `${prefix}/v1/messages`));
  }
  const primaryStep = { kind: 'provider', targets: [{ provider: 'primary', model: 'gpt-primary' }], retry: noRetry };
  return {
    understudy_config: 1,
    listeners: [{ name: 'default', address: '127.0.0.1', port: listenPort }],
    providers: [
      { name: 'primary', kind: 'openai-compatible', base_url: `http://127.0.0.1:${ports.openai}/v1`,
        credentials: 'env:UNDERSTUDY_SDK_OPENAI_KEY', models: [{ name: 'gpt-primary' }] },
      { name: 'claude', kind: 'anthropic', base_url: `http://127.0.0.1:${ports.anthropic}`,
        credentials: 'env:UNDERSTUDY_SDK_ANTHROPIC_KEY', models: [{ name: 'claude-sdk' }] },
      { name: 'gem', kind: 'gemini', base_url: `http://127.0.0.1:${ports.gemini}`,
        credentials: 'env:UNDERSTUDY_SDK_GEMINI_KEY', models: [{ name: 'gemini-sdk' }] },
    ],
    chains: [
      { name: 'claude', policy: { deadline_ms: 30000 }, steps: [
        primaryStep,
        { kind: 'provider', targets: [{ provider: 'claude', model: 'claude-sdk' }], retry: noRetry },
        { kind: 'provider', targets: [{ provider: 'gem', model: 'gemini-sdk' }], retry: noRetry },
        { kind: 'static', response: { body: 'static fallback' } },
      ] },
      { name: 'gemini', policy: { deadline_ms: 30000 }, steps: [
        primaryStep,
        { kind: 'provider', targets: [{ provider: 'gem', model: 'gemini-sdk' }], retry: noRetry },
      ] },
      { name: 'dead', policy: { deadline_ms: 30000 }, steps: [primaryStep] },
    ],
    routes,
  };
}

async function waitForPort(port, child, timeoutMs) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`gateway exited with ${child.exitCode}`);
    const ok = await new Promise((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => { s.end(); resolve(true); });
      s.on('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('gateway did not start listening');
}

// Everything up: fakes, config file, gateway. stop() tears it all down.
export async function startAll() {
  const bin = process.env.UNDERSTUDY_GATEWAY_BIN;
  if (!bin) throw new Error('UNDERSTUDY_GATEWAY_BIN is not set');
  const openai = await startFailingOpenAi();
  const anthropic = await startAnthropic();
  const gemini = await startGemini();
  const port = await freePort();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'understudy-sdk-'));
  const configFile = path.join(dir, 'gateway.json');
  writeFileSync(configFile, JSON.stringify(gatewayConfig(
    { openai: openai.port, anthropic: anthropic.port, gemini: gemini.port }, port), null, 2));
  let log = '';
  const child = spawn(bin, ['serve', '--config', configFile, '--listen', `127.0.0.1:${port}`, '--admin-listen', 'off'], {
    env: { ...process.env, UNDERSTUDY_SDK_OPENAI_KEY: 'sk-openai-sdk', UNDERSTUDY_SDK_ANTHROPIC_KEY: 'sk-ant-sdk',
      UNDERSTUDY_SDK_GEMINI_KEY: 'gm-sdk', HOME: dir, XDG_DATA_HOME: dir, XDG_CONFIG_HOME: dir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (d) => { log += d; });
  child.stderr.on('data', (d) => { log += d; });
  try {
    await waitForPort(port, child, 15000);
  } catch (e) {
    child.kill('SIGKILL');
    throw new Error(`${e.message}\n${log}`);
  }
  return {
    port, openai, anthropic, gemini, log: () => log,
    baseUrl: `http://127.0.0.1:${port}`,
    async stop() {
      const exited = new Promise((r) => child.once('exit', r));
      if (child.exitCode === null) child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
      for (const s of [openai.server, anthropic.server, gemini.server]) s.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
