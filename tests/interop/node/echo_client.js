#!/usr/bin/env node
// Third-party interop client: drives an Echo server with @grpc/grpc-js and checks every answer.
//
//   node tests/interop/node/echo_client.js --target 127.0.0.1:PORT --case unary
//   node tests/interop/node/echo_client.js --list
//
// Each case asserts everything itself. Success: one JSON line of what was observed, exit 0.
// Failure: `FAIL <case>: <why>` on stderr, exit 1. Install dependencies first with `npm ci` in this folder.
'use strict';

const crypto = require('crypto');
const http2 = require('http2');
const path = require('path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');
const protobuf = require('protobufjs');
const descriptor = require('protobufjs/ext/descriptor');

// This file lives in <repo>/tests/interop/node/.
const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
const INCLUDE_DIRS = [path.join(REPO_ROOT, 'tests', 'interop', 'protos'), path.join(REPO_ROOT, 'protos')];
const PROTO_FILES = [
  'registry/interop/v1/echo.proto',
  'google/rpc/status.proto',
  'google/rpc/error_details.proto',
  'grpc/health/v1/health.proto',
  'grpc/reflection/v1/reflection.proto',
];

const MAX_MESSAGE_BYTES = 4 * 1024 * 1024;
// The client's own limits sit far above the server's 4 MiB, so size cases exercise the server's limits.
const CLIENT_LIMIT_BYTES = 64 * 1024 * 1024;
const NON_ASCII_MESSAGE = 'Ошибка: ünïcödé ✓ 100%';
const ECHO_BIN = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
const CALL_TIMEOUT_MS = 10000;

// keepCase: field names stay as in the .proto files (fail_code, reply_size, ...).
const packageDefinition = protoLoader.loadSync(PROTO_FILES, {
  keepCase: true, longs: String, enums: String, defaults: true, oneofs: true, includeDirs: INCLUDE_DIRS,
});
const loaded = grpc.loadPackageDefinition(packageDefinition);
const Echo = loaded.registry.interop.v1.Echo;
const Health = loaded.grpc.health.v1.Health;
const ServerReflection = loaded.grpc.reflection.v1.ServerReflection;

// proto-loader only exposes (de)serializers for RPC messages; status details are decoded with protobufjs.
const detailTypes = (() => {
  const root = new protobuf.Root();
  // keepCase as for proto-loader above: field_violations, type_url.
  root.resolvePath = (_origin, target) => {
    for (const dir of INCLUDE_DIRS) {
      const candidate = path.join(dir, target);
      if (require('fs').existsSync(candidate)) return candidate;
    }
    return target; // google/protobuf/*.proto: protobufjs has these built in
  };
  root.loadSync(['google/rpc/status.proto', 'google/rpc/error_details.proto'], { keepCase: true });
  return { Status: root.lookupType('google.rpc.Status'), BadRequest: root.lookupType('google.rpc.BadRequest') };
})();

class CaseFailed extends Error {}

function check(condition, message) {
  if (!condition) throw new CaseFailed(typeof message === 'function' ? message() : message);
}

const show = (value) => JSON.stringify(value, (_k, v) => (v && v.type === 'Buffer' ? `<${v.data.length} bytes>` : v));
const deadlineIn = (ms) => new Date(Date.now() + ms);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const newTag = (prefix) => `${prefix}-${crypto.randomUUID()}`;
const statusName = (code) => Object.keys(grpc.status).find((name) => grpc.status[name] === code) || String(code);

function clientOptions(extra) {
  return Object.assign({
    'grpc.max_send_message_length': CLIENT_LIMIT_BYTES,
    'grpc.max_receive_message_length': CLIENT_LIMIT_BYTES,
  }, extra);
}

// A unary call as a promise of { reply, headers, trailers } (rejects with the grpc error).
function unary(client, method, request, { metadata = new grpc.Metadata(), timeoutMs = CALL_TIMEOUT_MS } = {}) {
  let headers = null;
  let trailers = null;
  let call;
  const promise = new Promise((resolve, reject) => {
    call = client[method](request, metadata, { deadline: deadlineIn(timeoutMs) }, (error, reply) => {
      if (error) reject(error);
      else resolve(reply);
    });
    call.on('metadata', (m) => { headers = m; });
    call.on('status', (s) => { trailers = s.metadata; });
  }).then(async (reply) => {
    // 'status' is emitted after the callback in some versions: give it a turn of the event loop.
    if (trailers === null) await sleep(0);
    return { reply, headers, trailers };
  });
  return { call, promise };
}

async function expectError(promise, code, what) {
  try {
    await promise;
  } catch (error) {
    check(error.code === code,
      () => `${what}: expected ${statusName(code)}, got ${statusName(error.code)} (${JSON.stringify(error.details)})`);
    return error;
  }
  throw new CaseFailed(`${what}: expected ${statusName(code)}, but the call succeeded`);
}

// Reads a server stream message by message, so a test can interleave writes and reads.
function streamReader(call) {
  const buffered = [];
  const waiting = [];
  let ended = null;
  const settle = () => {
    while (waiting.length && (buffered.length || ended)) {
      const { resolve, reject } = waiting.shift();
      if (buffered.length) resolve(buffered.shift());
      else if (ended.error) reject(ended.error);
      else resolve(null);
    }
  };
  call.on('data', (message) => { buffered.push(message); settle(); });
  call.on('error', (error) => { ended = { error }; settle(); });
  call.on('end', () => { if (!ended) ended = {}; settle(); });
  return { next: () => new Promise((resolve, reject) => { waiting.push({ resolve, reject }); settle(); }) };
}

async function readAll(call) {
  const reader = streamReader(call);
  const messages = [];
  for (let m = await reader.next(); m !== null; m = await reader.next()) messages.push(m);
  return messages;
}

async function untilSeen(echo, tag) {
  for (const started = Date.now(); Date.now() - started < 10000; await sleep(20)) {
    const { reply } = await unary(echo, 'Observe', { tag, wait_ms: 0 }).promise;
    if (reply.seen) return;
  }
  check(false, `Observe(${tag}): the call never reached its handler`);
}

async function observe(echo, tag) {
  const started = Date.now();
  const { promise } = unary(echo, 'Observe', { tag, wait_ms: 2000 });
  const { reply } = await promise;
  const took = (Date.now() - started) / 1000;
  check(reply.seen, `Observe(${tag}): the server never saw the call (Observe answered after ${took} s)`);
  check(reply.cancelled, () => `Observe(${tag}): the handler did not see the cancellation (${show(reply)})`);
  return { seen: reply.seen, finished: reply.finished, cancelled: reply.cancelled };
}

function sizedRequest(encodedSize) {
  // Only field 2 is set: 1 tag byte + 4 length bytes (payload >= 2^21) + payload.
  return { payload: Buffer.alloc(encodedSize - 5, 'p') };
}

const CASES = {
  async unary({ echo }) {
    const { reply } = await unary(echo, 'Unary', { text: 'hello', payload: Buffer.from([0, 1, 2]) }).promise;
    check(reply.text === 'hello', () => `text: ${show(reply.text)}`);
    check(Buffer.from([0, 1, 2]).equals(reply.payload), () => `payload: ${show(reply.payload)}`);
    check(reply.index === 0, () => `index: ${reply.index}`);
    return { text: reply.text, payload_len: reply.payload.length };
  },

  async server_stream({ echo }) {
    const replies = await readAll(echo.ServerStream({ text: 's', count: 5 }, { deadline: deadlineIn(CALL_TIMEOUT_MS) }));
    check(replies.length === 5, () => `expected 5 replies, got ${replies.length}`);
    replies.forEach((reply, i) => check(reply.text === `s#${i}` && reply.index === i,
      () => `reply ${i}: text=${show(reply.text)} index=${reply.index}`));
    return { texts: replies.map((r) => r.text) };
  },

  async client_stream({ echo }) {
    const reply = await new Promise((resolve, reject) => {
      const call = echo.ClientStream({ deadline: deadlineIn(CALL_TIMEOUT_MS) }, (e, r) => (e ? reject(e) : resolve(r)));
      for (let i = 0; i < 5; i++) call.write({ text: `c${i}`, payload: Buffer.alloc(i * 10, 'x') });
      call.end();
    });
    check(reply.text === 'c0,c1,c2,c3,c4', () => `text: ${show(reply.text)}`);
    check(reply.received === 5, () => `received: ${reply.received}`);
    check(String(reply.received_bytes) === '100', () => `received_bytes: ${reply.received_bytes}`);
    return { text: reply.text, received: reply.received, received_bytes: Number(reply.received_bytes) };
  },

  async duplex({ echo }) {
    // The next request is only written after the previous reply arrived: proves the server answers each
    // message as it comes rather than after the request stream ends.
    const call = echo.Duplex({ deadline: deadlineIn(CALL_TIMEOUT_MS) });
    const reader = streamReader(call);
    const texts = [];
    for (let i = 0; i < 5; i++) {
      call.write({ text: `d${i}` });
      const reply = await reader.next();
      check(reply !== null, `stream ended before reply ${i}`);
      check(reply.text === `d${i}` && reply.index === i, () => `reply ${i}: text=${show(reply.text)} index=${reply.index}`);
      texts.push(reply.text);
    }
    call.end();
    const extra = await reader.next();
    check(extra === null, () => `unexpected extra reply: ${show(extra)}`);
    return { texts };
  },

  async error_non_ascii({ echo }) {
    const error = await expectError(unary(echo, 'Unary', { fail_code: 9, fail_message: NON_ASCII_MESSAGE }).promise,
      grpc.status.FAILED_PRECONDITION, 'Unary');
    check(error.details === NON_ASCII_MESSAGE,
      () => `message: expected ${JSON.stringify(NON_ASCII_MESSAGE)}, got ${JSON.stringify(error.details)}`);
    return { code: statusName(error.code), message: error.details };
  },

  async status_details({ echo }) {
    const message = 'text is wrong: ✗';
    const error = await expectError(
      unary(echo, 'Unary', { fail_code: 3, fail_message: message, fail_with_details: true }).promise,
      grpc.status.INVALID_ARGUMENT, 'Unary');
    check(error.details === message, () => `message: ${JSON.stringify(error.details)}`);
    const raw = error.metadata.get('grpc-status-details-bin');
    check(raw.length === 1, () => `expected one grpc-status-details-bin trailer, got ${raw.length}`);
    const status = detailTypes.Status.decode(raw[0]);
    check(status.code === 3 && status.message === message,
      () => `Status: code=${status.code} message=${JSON.stringify(status.message)}`);
    check(status.details.length === 1, () => `expected 1 detail, got ${status.details.length}`);
    const detail = status.details[0];
    check(detail.type_url === 'type.googleapis.com/google.rpc.BadRequest', () => `detail type_url: ${detail.type_url}`);
    const badRequest = detailTypes.BadRequest.decode(detail.value);
    const violations = badRequest.field_violations.map((v) => [v.field, v.description]);
    check(JSON.stringify(violations) === JSON.stringify([['text', message], ['payload', 'payload is wrong too']]),
      () => `violations: ${JSON.stringify(violations)}`);
    return { code: status.code, message: status.message, type_url: detail.type_url, violations };
  },

  async metadata({ echo }) {
    const sent = new grpc.Metadata();
    sent.add('x-echo-text', 'hello');
    sent.add('x-echo-data-bin', ECHO_BIN);
    const { reply, headers, trailers } = await unary(echo, 'Unary', { text: 'm' }, { metadata: sent }).promise;
    for (const [where, metadata] of [['response headers', headers], ['trailers', trailers]]) {
      check(metadata !== null, `${where}: none received`);
      const text = metadata.get('x-echo-text');
      const data = metadata.get('x-echo-data-bin');
      check(text.length === 1 && text[0] === 'hello', () => `${where}: x-echo-text ${show(text)}`);
      check(data.length === 1 && ECHO_BIN.equals(data[0]), () => `${where}: x-echo-data-bin ${show(data)}`);
    }
    const expected = { 'x-echo-text': 'hello', 'x-echo-data-bin': ECHO_BIN.toString('base64') };
    const got = Object.fromEntries(Object.entries(reply.headers).sort());
    check(JSON.stringify(got) === JSON.stringify(Object.fromEntries(Object.entries(expected).sort())),
      () => `reply.headers: ${JSON.stringify(reply.headers)}`);
    return { headers: reply.headers };
  },

  async deadline({ echo }) {
    const tag = newTag('deadline');
    const started = Date.now();
    await expectError(unary(echo, 'Unary', { delay_ms: 3000, tag }, { timeoutMs: 300 }).promise,
      grpc.status.DEADLINE_EXCEEDED, 'Unary with 300 ms deadline');
    const elapsed = (Date.now() - started) / 1000;
    check(elapsed < 1.5, `DEADLINE_EXCEEDED took ${elapsed} s`);
    return { elapsed_s: elapsed, observation: await observe(echo, tag) };
  },

  async cancel({ echo }) {
    const tag = newTag('cancel');
    const { call, promise } = unary(echo, 'Unary', { delay_ms: 3000, tag });
    const outcome = expectError(promise, grpc.status.CANCELLED, 'cancelled Unary');
    // Cancel only once the handler is running: a cancel before the request left the client proves nothing.
    await untilSeen(echo, tag);
    call.cancel();
    await outcome;
    return { observation: await observe(echo, tag) };
  },

  async size_under_limit({ echo }) {
    const request = sizedRequest(MAX_MESSAGE_BYTES);
    const { reply } = await unary(echo, 'Unary', request, { timeoutMs: 30000 }).promise;
    check(request.payload.equals(reply.payload), () => `payload not echoed (${reply.payload.length} bytes back)`);
    return { request_bytes: MAX_MESSAGE_BYTES, reply_payload_bytes: reply.payload.length };
  },

  async size_over_limit({ echo }) {
    const error = await expectError(unary(echo, 'Unary', sizedRequest(MAX_MESSAGE_BYTES + 1), { timeoutMs: 30000 }).promise,
      grpc.status.RESOURCE_EXHAUSTED, 'Unary with a 4 MiB + 1 request');
    return { request_bytes: MAX_MESSAGE_BYTES + 1, code: statusName(error.code), message: error.details };
  },

  async reply_over_limit({ echo }) {
    const error = await expectError(unary(echo, 'Unary', { reply_size: MAX_MESSAGE_BYTES }, { timeoutMs: 30000 }).promise,
      grpc.status.RESOURCE_EXHAUSTED, 'Unary with reply_size 4 MiB');
    // grpc-js words its own receive-limit error this way; anything else came from the server.
    const local = /^Received message larger than max/.test(error.details || '');
    return { code: statusName(error.code), message: error.details, raised_by: local ? 'client receive limit' : 'server' };
  },

  async unknown_method({ channelClient }) {
    const seen = {};
    for (const method of ['/registry.interop.v1.Echo/Nope', '/nope.Service/X']) {
      const promise = new Promise((resolve, reject) => {
        channelClient.makeUnaryRequest(method, (b) => b, (b) => b, Buffer.alloc(0), new grpc.Metadata(),
          { deadline: deadlineIn(CALL_TIMEOUT_MS) }, (e, r) => (e ? reject(e) : resolve(r)));
      });
      const error = await expectError(promise, grpc.status.UNIMPLEMENTED, method);
      seen[method] = statusName(error.code);
    }
    return seen;
  },

  async gzip({ target }) {
    // grpc-js compresses when asked by channel option, but stops (for later calls on the channel) when the
    // server's grpc-accept-encoding does not list exactly "gzip" (it splits on "," without trimming, so
    // "identity, deflate, gzip" as grpcio sends it also stops it). Only the first call on a fresh channel is
    // sure to be compressed: that one is asserted; the second is only reported. The http2 tap proves what
    // actually went on the wire.
    const tap = tapRequests();
    const zipped = new Echo(target, grpc.credentials.createInsecure(),
      clientOptions({ 'grpc.default_compression_algorithm': grpc.compressionAlgorithms.gzip }));
    try {
      for (let i = 0; i < 2; i++) {
        const request = { text: `zipped${i}`, payload: Buffer.alloc(100000, 'z') };
        const { reply } = await unary(zipped, 'Unary', request).promise;
        check(reply.text === request.text && request.payload.equals(reply.payload), `reply ${i} differs from request`);
      }
      const first = tap.calls[0] || {};
      check(first.encoding === 'gzip', () => `first call was sent with grpc-encoding ${show(first.encoding)}`);
      check(first.compressedFlag === 1, () => `first call: first frame compressed-flag ${first.compressedFlag}`);
      return { calls: tap.calls };
    } finally {
      zipped.close();
      tap.restore();
    }
  },

  async health({ target }) {
    const health = new Health(target, grpc.credentials.createInsecure());
    try {
      const { reply } = await unary(health, 'Check', { service: '' }).promise;
      check(reply.status === 'SERVING', () => `Check: status ${reply.status}`);
      const watch = health.Watch({ service: '' }, { deadline: deadlineIn(CALL_TIMEOUT_MS) });
      const first = await streamReader(watch).next();
      watch.cancel();
      check(first !== null && first.status === 'SERVING', () => `Watch: first message ${show(first)}`);
      return { check: reply.status, watch_first: first.status };
    } finally {
      health.close();
    }
  },

  async reflection({ target }) {
    const reflection = new ServerReflection(target, grpc.credentials.createInsecure());
    try {
      const call = reflection.ServerReflectionInfo({ deadline: deadlineIn(CALL_TIMEOUT_MS) });
      call.write({ list_services: '' });
      call.write({ file_containing_symbol: 'registry.interop.v1.Echo' });
      call.write({ file_containing_symbol: 'no.such.Symbol' });
      call.end();
      const responses = await readAll(call);
      check(responses.length === 3, () => `expected 3 responses, got ${responses.length}`);
      const [listing, files, unknown] = responses;

      check(listing.message_response === 'list_services_response', () => `list_services: ${show(listing)}`);
      const services = listing.list_services_response.service.map((s) => s.name);
      for (const name of ['registry.interop.v1.Echo', 'grpc.health.v1.Health', 'grpc.reflection.v1.ServerReflection']) {
        check(services.includes(name), () => `list_services lacks ${name}: ${show(services)}`);
      }

      check(files.message_response === 'file_descriptor_response', () => `file_containing_symbol: ${show(files)}`);
      const fileProtos = files.file_descriptor_response.file_descriptor_proto.map((b) => descriptor.FileDescriptorProto.decode(b));
      const names = fileProtos.map((f) => f.name);
      for (const f of fileProtos) {
        for (const dep of f.dependency) check(names.includes(dep), `reflection did not return dependency ${dep}`);
      }
      const service = protobuf.Root.fromDescriptor({ file: fileProtos }).lookupService('registry.interop.v1.Echo');
      const methods = Object.fromEntries(Object.values(service.methods)
        .map((m) => [m.name, [Boolean(m.requestStream), Boolean(m.responseStream)]]));
      const expected = { Unary: [false, false], ServerStream: [false, true], ClientStream: [true, false], Duplex: [true, true], Observe: [false, false] };
      check(JSON.stringify(Object.keys(methods).sort().map((k) => [k, methods[k]])) ===
        JSON.stringify(Object.keys(expected).sort().map((k) => [k, expected[k]])),
      () => `Echo methods (client_streaming, server_streaming): ${JSON.stringify(methods)}`);

      check(unknown.message_response === 'error_response', () => `unknown symbol: ${show(unknown)}`);
      check(unknown.error_response.error_code === 5, () => `unknown symbol: error_code ${unknown.error_response.error_code}`);
      return { services, files: names, methods, unknown_symbol_code: unknown.error_response.error_code };
    } finally {
      reflection.close();
    }
  },
};

// Records, for each HTTP/2 request this process makes, its grpc-encoding header and the compressed-flag
// byte of its first gRPC frame, and the server's grpc-accept-encoding (node's http2 module is what grpc-js writes through).
function tapRequests() {
  const calls = [];
  const originalConnect = http2.connect;
  http2.connect = function connect(...args) {
    const session = originalConnect.apply(this, args);
    const originalRequest = session.request;
    session.request = function request(headers, ...rest) {
      const stream = originalRequest.call(this, headers, ...rest);
      const record = { path: headers[':path'], encoding: headers['grpc-encoding'], compressedFlag: null };
      calls.push(record);
      stream.on('response', (h) => { record.serverAcceptEncoding = h['grpc-accept-encoding']; });
      const originalWrite = stream.write;
      stream.write = function write(chunk, ...more) {
        if (record.compressedFlag === null && chunk && chunk.length > 0) record.compressedFlag = chunk[0];
        return originalWrite.call(this, chunk, ...more);
      };
      return stream;
    };
    return session;
  };
  return { calls, restore: () => { http2.connect = originalConnect; } };
}

function parseArgs(argv) {
  const args = {};
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--list') args.list = true;
    else if (argv[i] === '--target') args.target = argv[++i];
    else if (argv[i] === '--case') args.case = argv[++i];
    else throw new CaseFailed(`unknown argument ${argv[i]}`);
  }
  return args;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.list) {
    console.log(Object.keys(CASES).join('\n'));
    return 0;
  }
  if (!args.target || !CASES[args.case]) {
    console.error(`usage: echo_client.js --target HOST:PORT --case {${Object.keys(CASES).join(',')}} | --list`);
    return 2;
  }
  const echo = new Echo(args.target, grpc.credentials.createInsecure(), clientOptions());
  const channelClient = new grpc.Client(args.target, grpc.credentials.createInsecure(), clientOptions());
  try {
    await new Promise((resolve, reject) => echo.waitForReady(deadlineIn(10000),
      (e) => (e ? reject(new CaseFailed(`could not connect within 10 s: ${e.message}`)) : resolve())));
    const observed = await CASES[args.case]({ echo, channelClient, target: args.target });
    console.log(JSON.stringify({ case: args.case, ok: true, observed }));
    return 0;
  } catch (error) {
    const why = error instanceof CaseFailed ? error.message
      : error.code !== undefined ? `unexpected RPC error ${statusName(error.code)}: ${JSON.stringify(error.details)}`
        : `unexpected exception\n${error.stack}`;
    console.error(`FAIL ${args.case}: ${why}`);
    return 1;
  } finally {
    echo.close();
    channelClient.close();
  }
}

main().then((code) => { process.exitCode = code; }, (error) => {
  console.error(`FAIL: ${error.stack || error}`);
  process.exitCode = 1;
});
