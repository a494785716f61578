#!/usr/bin/env node
// Third-party interop client: drives a running registry's real services with @grpc/grpc-js.
//
//   REGISTRY_API_KEY=<key> REGISTRY_READER_KEY=<key> REGISTRY_TOKEN=<jwt> \
//       node tests/interop/node/registry_client.js --target 127.0.0.1:PORT --case NAME
//   node tests/interop/node/registry_client.js --list
//
// Credentials come from the environment, never from arguments (they would show in the process list):
// REGISTRY_API_KEY holds every role, REGISTRY_READER_KEY only `reader`, REGISTRY_TOKEN is a bearer token
// holding every role. Each case asserts everything itself. Success: one JSON line of what was observed,
// exit 0. Failure: `FAIL <case>: <why>` on stderr, exit 1. tests/interop/python/registry_client.py has the
// same cases. Install dependencies first with `npm ci` in this folder.
'use strict';

const assert = require('assert');
const crypto = require('crypto');
const path = require('path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');
const protobuf = require('protobufjs');

// This file lives in <repo>/tests/interop/node/.
const PROTOS = path.resolve(__dirname, '..', '..', '..', 'protos');
const INCLUDE_DIRS = [PROTOS, path.dirname(require.resolve('protobufjs/package.json'))];
const CALL_TIMEOUT_MS = 10000;
// The client's own limits sit far above the server's 4 MiB, so the size case exercises the server's limit.
const CLIENT_LIMIT_BYTES = 64 * 1024 * 1024;
const SERVER_LIMIT_BYTES = 4 * 1024 * 1024;
// More sequential watches than the server's cap (100): a slot not given back on cancel would show.
const WATCH_CYCLES = 120;
const NON_ASCII_NAME = 'Тұлпар жеңіл танкі — «ünïcödé» ✓ 100%';
const SERVICES = ['registry.v1.ProgramCommands', 'registry.v1.ProgramQueries', 'registry.v1.Admin', 'grpc.health.v1.Health'];
const HEALTH_SERVICES = ['', 'registry.projections', 'registry.publishing'];
// The .proto paths the server names for the bad ReportClaim of the invalid_argument case.
const BAD_FIELDS = ['attribute.attribute', 'attribute.provenance.credibility', 'attribute.value', 'command_id', 'program_id'];

const loaded = grpc.loadPackageDefinition(protoLoader.loadSync([
  'registry/v1/claims.proto',
  'registry/v1/program_commands.proto',
  'registry/v1/program_queries.proto',
  'registry/v1/admin.proto',
  'grpc/health/v1/health.proto',
  'grpc/reflection/v1/reflection.proto',
  'grpc/reflection/v1alpha/reflection.proto',
], { keepCase: true, longs: String, enums: String, defaults: true, oneofs: true, includeDirs: INCLUDE_DIRS }));
const v1 = loaded.registry.v1;

// google.rpc.Status and its details, decoded from grpc-status-details-bin with protobufjs itself.
const rpcTypes = new protobuf.Root();
rpcTypes.resolvePath = (origin, target) => (target.startsWith('google/protobuf/') ? target : path.join(PROTOS, target));
rpcTypes.loadSync(['google/rpc/status.proto', 'google/rpc/error_details.proto']);
const RpcStatus = rpcTypes.lookupType('google.rpc.Status');
const BadRequest = rpcTypes.lookupType('google.rpc.BadRequest');

function env(name) {
  const value = process.env[name];
  assert.ok(value, `environment variable ${name} is not set`);
  return value;
}

function withMetadata(pairs) {
  const metadata = new grpc.Metadata();
  for (const [key, value] of pairs) metadata.set(key, value);
  return metadata;
}

const apiKey = () => withMetadata([['x-api-key', env('REGISTRY_API_KEY')]]);
const readerKey = () => withMetadata([['x-api-key', env('REGISTRY_READER_KEY')]]);
const bearer = () => withMetadata([['authorization', `Bearer ${env('REGISTRY_TOKEN')}`]]);
const anonymous = () => new grpc.Metadata();
const deadline = (ms = CALL_TIMEOUT_MS) => new Date(Date.now() + ms);
const newProgramId = () => `kz-js-${crypto.randomBytes(6).toString('hex')}`;
const commandId = () => `js-${crypto.randomUUID()}`;

function unary(client, method, request, metadata, options = {}) {
  return new Promise((resolve, reject) => {
    client[method](request, metadata, { deadline: deadline(), ...options }, (error, response) => (error ? reject(error) : resolve(response)));
  });
}

/** The call's error; fails the case unless it is `code`. */
async function expectError(promise, code, what) {
  let error = null;
  try {
    await promise;
  } catch (e) {
    error = e;
  }
  assert.ok(error, `${what}: expected ${grpc.status[code]}, but the call succeeded`);
  assert.strictEqual(error.code, code, `${what}: expected ${grpc.status[code]}, got ${grpc.status[error.code]} (${error.details})`);
  return error;
}

function collect(stream) {
  return new Promise((resolve, reject) => {
    const items = [];
    stream.on('data', (item) => items.push(item));
    stream.on('error', reject);
    stream.on('end', () => resolve(items));
  });
}

/** The first message of a server stream, then cancels it and waits for the CANCELLED status. */
function firstThenCancel(stream, what) {
  return new Promise((resolve, reject) => {
    let first = null;
    stream.on('data', (item) => {
      if (first !== null) return;
      first = item;
      stream.cancel();
    });
    stream.on('error', (error) => {
      if (first !== null && error.code === grpc.status.CANCELLED) resolve(first);
      else reject(new Error(`${what}: ${grpc.status[error.code]} ${error.details}`));
    });
    stream.on('end', () => reject(new Error(`${what}: the stream ended ${first === null ? 'without a message' : 'instead of being cancelled'}`)));
  });
}

/** A server stream read one message at a time: next() gives the following one (or the stream's error); cancel() ends it. */
function messages(stream, what) {
  const received = [];
  const waiting = [];
  let failure = null;
  let cancelled = false;
  stream.on('data', (item) => (waiting.length > 0 ? waiting.shift().resolve(item) : received.push(item)));
  stream.on('error', (error) => {
    if (cancelled && error.code === grpc.status.CANCELLED) return;
    failure = new Error(`${what}: ${grpc.status[error.code]} ${error.details}`);
    waiting.splice(0).forEach((w) => w.reject(failure));
  });
  return {
    next() {
      if (received.length > 0) return Promise.resolve(received.shift());
      if (failure !== null) return Promise.reject(failure);
      return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
    },
    cancel() {
      cancelled = true;
      stream.cancel();
    },
  };
}

function provenance(outlet = 'Kazinform', quote = 'The programme was announced today.') {
  return {
    outlet, url: 'https://kazinform.example/a/1', title: 'On the programme',
    published: { year: 2024, month: 5, day: 14, precision: 'DAY' }, language: 'en', source_type: 'NEWS',
    reliability: 'B', credibility: 2, quote,
  };
}

function announce(programId, name = 'Tulpar light tank') {
  return {
    command_id: commandId(), program_id: programId, claim_id: 'announced', name, kind: 'LIGHT_TANK', country: 'KZ',
    certainty: 'REPORTED', provenance: provenance(),
  };
}

function calibreReport(programId) {
  return {
    command_id: commandId(), program_id: programId,
    attribute: {
      claim_id: 'calibre-120', attribute: 'turret_calibre', value: { quantity: { amount: '120', unit: 'mm' } },
      certainty: 'REPORTED', provenance: provenance('Defense News', 'The turret carries a 120 mm gun.'),
    },
  };
}

function clients(target, options = {}) {
  const all = { 'grpc.max_receive_message_length': CLIENT_LIMIT_BYTES, 'grpc.max_send_message_length': CLIENT_LIMIT_BYTES, ...options };
  const credentials = grpc.credentials.createInsecure();
  return {
    commands: new v1.ProgramCommands(target, credentials, all),
    queries: new v1.ProgramQueries(target, credentials, all),
    health: new loaded.grpc.health.v1.Health(target, credentials, all),
    reflectionV1: new loaded.grpc.reflection.v1.ServerReflection(target, credentials, all),
    reflectionV1alpha: new loaded.grpc.reflection.v1alpha.ServerReflection(target, credentials, all),
  };
}

/** A further authenticated call succeeds: whatever the case did, the server goes on serving. */
async function stillServing(c) {
  const listing = await unary(c.queries, 'ListPrograms', { page_size: 1 }, apiKey());
  return listing.programs.length;
}

async function commandsAndQueries(c, credential) {
  const programId = newProgramId();
  const announced = await unary(c.commands, 'AnnounceProgram', announce(programId), credential());
  assert.strictEqual(announced.version, '0');
  assert.strictEqual(announced.repeated, false);
  const reported = await unary(c.commands, 'ReportClaim', calibreReport(programId), credential());
  assert.strictEqual(reported.version, '1');
  assert.strictEqual(reported.event_ids.length, 1);

  // min_position: read-your-writes, so the read model has applied the report before it answers.
  const program = await unary(c.queries, 'GetProgram', { program_id: programId, min_position: reported.position }, credential());
  assert.strictEqual(program.id, programId);
  assert.strictEqual(program.version, '1');
  assert.deepStrictEqual(program.attributes.map((a) => a.attribute), ['turret_calibre']);
  assert.strictEqual(program.attributes[0].best.value.quantity.amount, '120');

  const listing = await unary(c.queries, 'ListPrograms', { country: 'KZ', page_size: 500, min_position: reported.position }, credential());
  const listed = listing.programs.filter((p) => p.id === programId);
  assert.strictEqual(listed.length, 1, `ListPrograms lacks ${programId}`);
  assert.strictEqual(listed[0].version, '1');

  const history = await collect(c.queries.GetProgramHistory({ program_id: programId }, credential(), { deadline: deadline() }));
  assert.deepStrictEqual(history.map((e) => e.type), ['ProgramAnnounced.v1', 'AttributeReported.v1']);
  assert.deepStrictEqual(history.map((e) => e.revision), ['0', '1']);
  assert.strictEqual(history[1].event_id, reported.event_ids[0]);
  return { program: programId, version: program.version, history: history.map((e) => e.type), actor: history[0].actor };
}

const CASES = {
  commands_and_queries_with_key: (c) => commandsAndQueries(c, apiKey),

  commands_and_queries_with_token: (c) => commandsAndQueries(c, bearer),

  async invalid_argument(c) {
    const bad = provenance();
    bad.credibility = 9;
    const request = {
      command_id: '', program_id: 'Not A Programme!',
      attribute: { claim_id: 'calibre-x', attribute: 'Turret Calibre', certainty: 'REPORTED', provenance: bad },
    };
    const error = await expectError(unary(c.commands, 'ReportClaim', request, apiKey()), grpc.status.INVALID_ARGUMENT, 'ReportClaim');
    const raw = error.metadata.get('grpc-status-details-bin');
    assert.strictEqual(raw.length, 1, `grpc-status-details-bin: ${JSON.stringify(error.metadata.getMap())}`);
    const status = RpcStatus.decode(raw[0]);
    assert.strictEqual(status.code, grpc.status.INVALID_ARGUMENT);
    assert.strictEqual(status.message, error.details);
    const badRequests = status.details.filter((d) => d.type_url === 'type.googleapis.com/google.rpc.BadRequest');
    assert.strictEqual(badRequests.length, 1, `details: ${status.details.map((d) => d.type_url)}`);
    const violations = BadRequest.decode(badRequests[0].value).fieldViolations;
    const fields = [...new Set(violations.map((v) => v.field))].sort();
    assert.deepStrictEqual(fields, BAD_FIELDS);
    assert.ok(violations.every((v) => v.description), 'a violation without a description');
    return { code: grpc.status[error.code], fields };
  },

  async unauthenticated(c) {
    const listing = await expectError(unary(c.queries, 'ListPrograms', {}, anonymous()), grpc.status.UNAUTHENTICATED, 'ListPrograms without a credential');
    await expectError(unary(c.commands, 'AnnounceProgram', announce(newProgramId()), anonymous()), grpc.status.UNAUTHENTICATED,
      'AnnounceProgram without a credential');
    const token = env('REGISTRY_TOKEN');
    const tampered = withMetadata([['authorization', `Bearer ${token.slice(0, -4)}${token.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`]]);
    await expectError(unary(c.queries, 'ListPrograms', {}, tampered), grpc.status.UNAUTHENTICATED, 'ListPrograms with a token whose signature does not verify');
    return { code: grpc.status[listing.code] };
  },

  async permission_denied(c) {
    const programId = newProgramId();
    await unary(c.commands, 'AnnounceProgram', announce(programId), apiKey());
    const rank = { command_id: commandId(), program_id: programId, claim_id: 'announced', rank: 'PREFERRED', reason: 'a reader may not correct' };
    const error = await expectError(unary(c.commands, 'RankClaim', rank, readerKey()), grpc.status.PERMISSION_DENIED, 'RankClaim as a reader');
    // The key itself is good: the same reader may read.
    await unary(c.queries, 'ListPrograms', { page_size: 1 }, readerKey());
    return { code: grpc.status[error.code] };
  },

  async deadline(c) {
    const far = { commit: String(2 ** 60), prepare: String(2 ** 60) };
    const started = Date.now();
    await expectError(unary(c.queries, 'GetProgram', { program_id: 'kz-never-reached', min_position: far }, apiKey(), { deadline: deadline(300) }),
      grpc.status.DEADLINE_EXCEEDED, 'GetProgram beyond the head with a 300 ms deadline');
    const took = Date.now() - started;
    assert.ok(took < 3000, `DEADLINE_EXCEEDED took ${took} ms`);
    return { ms: took, listed: await stillServing(c) };
  },

  async watch_cancelled(c) {
    const programId = newProgramId();
    const announced = await unary(c.commands, 'AnnounceProgram', announce(programId), apiKey());
    // Read-your-writes first, so every watch finds the programme in its snapshot (no event id), never in the log.
    await unary(c.queries, 'GetProgram', { program_id: programId, min_position: announced.position }, apiKey());
    for (let cycle = 0; cycle < WATCH_CYCLES; cycle++) {
      const watch = c.queries.WatchPrograms({ program_ids: [programId] }, apiKey(), { deadline: deadline() });
      const snapshot = await firstThenCancel(watch, `watch ${cycle}`);
      assert.strictEqual(snapshot.program.id, programId);
      assert.strictEqual(snapshot.event_id, '');
    }
    return { cycles: WATCH_CYCLES, listed: await stillServing(c) };
  },

  async watch_change(c) {
    // Two watchers of one programme: the change reaches both from the log, in the bytes the server serializes
    // once for every watcher of an event, and each parses it whole.
    const programId = newProgramId();
    const announced = await unary(c.commands, 'AnnounceProgram', announce(programId), apiKey());
    await unary(c.queries, 'GetProgram', { program_id: programId, min_position: announced.position }, apiKey());
    const watches = [0, 1].map((n) => messages(c.queries.WatchPrograms({ program_ids: [programId] }, apiKey(), { deadline: deadline() }), `watch ${n}`));
    for (const watch of watches) {
      const snapshot = await watch.next();
      assert.strictEqual(snapshot.program.id, programId);
      assert.strictEqual(snapshot.event_id, '');
    }
    const reported = await unary(c.commands, 'ReportClaim', calibreReport(programId), apiKey());
    const changes = [];
    for (const watch of watches) changes.push(await watch.next());
    for (const watch of watches) watch.cancel();
    for (const change of changes) {
      assert.strictEqual(change.event_id, reported.event_ids[0]);
      assert.strictEqual(change.event_type, 'AttributeReported.v1');
      assert.strictEqual(change.program.id, programId);
      assert.strictEqual(String(change.program.version), '1');
      assert.deepStrictEqual(change.position, reported.position);
      assert.deepStrictEqual(change.program.attributes.map((a) => a.attribute), ['turret_calibre']);
      assert.strictEqual(change.program.attributes[0].best.value.quantity.amount, '120');
    }
    assert.deepStrictEqual(changes[0], changes[1], 'the two watchers got different updates');
    return { program: programId, event: changes[0].event_id };
  },

  async reflection(c) {
    const observed = {};
    for (const [version, client] of [['v1', c.reflectionV1], ['v1alpha', c.reflectionV1alpha]]) {
      const stream = client.ServerReflectionInfo(apiKey(), { deadline: deadline() });
      const replies = collect(stream);
      stream.write({ list_services: '' });
      stream.end();
      const answers = await replies;
      assert.strictEqual(answers.length, 1, `${version}: ${answers.length} replies`);
      assert.strictEqual(answers[0].message_response, 'list_services_response', `${version}: ${JSON.stringify(answers[0])}`);
      const services = answers[0].list_services_response.service.map((s) => s.name).sort();
      for (const name of SERVICES) assert.ok(services.includes(name), `${version} list_services lacks ${name}: ${services}`);
      observed[version] = services;
    }
    return observed;
  },

  async health_check(c) {
    const observed = {};
    for (const service of HEALTH_SERVICES) {
      const reply = await unary(c.health, 'Check', { service }, anonymous());
      assert.strictEqual(reply.status, 'SERVING', `Check('${service}')`);
      observed[service] = reply.status;
    }
    return observed;
  },

  async health_watch(c) {
    const first = await firstThenCancel(c.health.Watch({ service: '' }, anonymous(), { deadline: deadline() }), "Watch('')");
    assert.strictEqual(first.status, 'SERVING');
    return { '': first.status };
  },

  async non_ascii_error(c) {
    const programId = newProgramId();
    await unary(c.commands, 'AnnounceProgram', announce(programId, NON_ASCII_NAME), apiKey());
    // Announcing it again is refused with a message that quotes the recorded name.
    const error = await expectError(unary(c.commands, 'AnnounceProgram', announce(programId, 'again'), apiKey()),
      grpc.status.ALREADY_EXISTS, 'a second AnnounceProgram');
    assert.ok(error.details.includes(NON_ASCII_NAME), `message '${error.details}' lacks '${NON_ASCII_NAME}'`);
    return { code: grpc.status[error.code], message: error.details };
  },

  async size_over_limit(c) {
    const request = announce(newProgramId());
    request.note = 'n'.repeat(SERVER_LIMIT_BYTES + 1024);
    const error = await expectError(unary(c.commands, 'AnnounceProgram', request, apiKey()), grpc.status.RESOURCE_EXHAUSTED, 'AnnounceProgram over 4 MiB');
    return { code: grpc.status[error.code], listed: await stillServing(c) };
  },

  async gzip(c, target) {
    // grpc-js compresses every request of a channel with this option (2 = gzip) unless the server said it cannot.
    const gzipped = clients(target, { 'grpc.default_compression_algorithm': 2 });
    try {
      const programId = newProgramId();
      const announced = await unary(gzipped.commands, 'AnnounceProgram', announce(programId), apiKey());
      const program = await unary(gzipped.queries, 'GetProgram', { program_id: programId, min_position: announced.position }, apiKey());
      assert.strictEqual(program.name, 'Tulpar light tank');
      return { program: programId, version: announced.version };
    } finally {
      for (const client of Object.values(gzipped)) client.close();
    }
  },
};

function parseArgs(argv) {
  const args = {};
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--target') args.target = argv[++i];
    else if (argv[i] === '--case') args.case = argv[++i];
    else if (argv[i] === '--list') args.list = true;
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  return args;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.list) {
    process.stdout.write(`${Object.keys(CASES).join('\n')}\n`);
    return;
  }
  if (!args.target || !CASES[args.case]) throw new Error(`usage: registry_client.js --target HOST:PORT --case ${Object.keys(CASES).join('|')}`);
  const c = clients(args.target);
  try {
    const observed = await CASES[args.case](c, args.target);
    process.stdout.write(`${JSON.stringify({ case: args.case, ok: true, observed })}\n`);
  } finally {
    for (const client of Object.values(c)) client.close();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    const why = error && error.code !== undefined && error.details !== undefined
      ? `unexpected RPC error ${grpc.status[error.code]}: ${error.details}` : (error && error.stack) || error;
    process.stderr.write(`FAIL ${parseArgs(process.argv.slice(2)).case}: ${why}\n`);
    process.exit(1);
  },
);
