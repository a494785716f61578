#!/usr/bin/env node
// Third-party end-to-end client: drives a Registry host's registry.v1 API with @grpc/grpc-js and checks
// every answer: announce, two conflicting claims, a denial, a correction (rank), the current state
// (conflict flagged), the history, the state as of an earlier position and time, and a watch.
//
//   REGISTRY_API_KEY=<key> REGISTRY_PRINCIPAL=<its name> node tests/interop/node/registry_e2e.js --target 127.0.0.1:PORT
//
// Every call carries the API key (x-api-key) and also claims another actor (x-actor): the events must name
// the key's principal. A call without the key must be UNAUTHENTICATED.
// Success: one JSON line of what was observed, exit 0. Failure: `FAIL <step>: <why>` on stderr, exit 1.
// Install dependencies first with `npm ci` in this folder.
'use strict';

const assert = require('assert');
const crypto = require('crypto');
const path = require('path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

// This file lives in <repo>/tests/interop/node/. google/protobuf/{timestamp,wrappers}.proto come with
// protobufjs (built in); its folder is listed too for the other well-known types it ships as files.
const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
const INCLUDE_DIRS = [path.join(REPO_ROOT, 'protos'), path.dirname(require.resolve('protobufjs/package.json'))];
const PROTO_FILES = [
  'registry/v1/claims.proto',
  'registry/v1/program_commands.proto',
  'registry/v1/program_queries.proto',
  'registry/v1/admin.proto',
];
const CALL_TIMEOUT_MS = 10000;
const API_KEY = process.env.REGISTRY_API_KEY;
const OPERATOR = process.env.REGISTRY_PRINCIPAL;

const packageDefinition = protoLoader.loadSync(PROTO_FILES, {
  keepCase: true, longs: String, enums: String, defaults: true, oneofs: true, includeDirs: INCLUDE_DIRS,
});
const v1 = grpc.loadPackageDefinition(packageDefinition).registry.v1;

function parseArgs(argv) {
  const args = {};
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--target') args.target = argv[++i];
  }
  if (!args.target) throw new Error('usage: registry_e2e.js --target HOST:PORT');
  return args;
}

let step = 'start';
const deadline = () => new Date(Date.now() + CALL_TIMEOUT_MS);

function authenticated() {
  const metadata = new grpc.Metadata();
  metadata.set('x-api-key', API_KEY);
  metadata.set('x-actor', 'not-the-principal');
  return metadata;
}

function unary(client, method, request, metadata = authenticated()) {
  return new Promise((resolve, reject) => {
    client[method](request, metadata, { deadline: deadline() }, (error, response) => (error ? reject(error) : resolve(response)));
  });
}

function collect(stream) {
  return new Promise((resolve, reject) => {
    const items = [];
    stream.on('data', (item) => items.push(item));
    stream.on('error', reject);
    stream.on('end', () => resolve(items));
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function source(outlet, grade, quote) {
  return {
    outlet,
    url: `https://${outlet.toLowerCase().replace(/ /g, '-')}.example/a/1`,
    title: `${outlet} on the programme`,
    published: { year: 2024, month: 5, day: 14, precision: 'DAY' },
    language: 'en',
    source_type: 'NEWS',
    reliability: grade[0],
    credibility: Number(grade[1]),
    quote,
  };
}

function calibre(claimId, mm, outlet, grade) {
  return {
    claim_id: claimId,
    attribute: 'turret_calibre',
    value: { quantity: { amount: mm, unit: 'mm' } },
    certainty: 'REPORTED',
    provenance: source(outlet, grade, `The turret carries a ${mm} mm gun.`),
  };
}

const commandId = () => `node-${crypto.randomUUID()}`;

async function main() {
  const { target } = parseArgs(process.argv.slice(2));
  if (!API_KEY || !OPERATOR) throw new Error('set REGISTRY_API_KEY and REGISTRY_PRINCIPAL');
  const credentials = grpc.credentials.createInsecure();
  const commands = new v1.ProgramCommands(target, credentials);
  const queries = new v1.ProgramQueries(target, credentials);
  const id = `kz-node-${crypto.randomBytes(6).toString('hex')}`;
  const observed = { program: id };

  step = 'no credential';
  const refused = await unary(queries, 'ListPrograms', {}, new grpc.Metadata()).then(() => null, (e) => e);
  assert.ok(refused, 'ListPrograms without a credential answered');
  assert.strictEqual(refused.code, grpc.status.UNAUTHENTICATED);
  observed.without_credential = 'UNAUTHENTICATED';

  step = 'announce';
  const announced = await unary(commands, 'AnnounceProgram', {
    command_id: commandId(), program_id: id, claim_id: 'announced', name: 'Tulpar light tank', kind: 'LIGHT_TANK',
    country: 'KZ', certainty: 'REPORTED', provenance: source('Kazinform', 'B2', 'The programme was announced today.'),
  });
  assert.strictEqual(announced.version, '0');
  assert.strictEqual(announced.repeated, false);

  step = 'report two conflicting claims';
  const first = await unary(commands, 'ReportClaim', {
    command_id: commandId(), program_id: id, expected_version: { value: '0' }, attribute: calibre('calibre-120', '120', 'Defense News', 'A2'),
  });
  const second = await unary(commands, 'ReportClaim', {
    command_id: commandId(), program_id: id, attribute: calibre('calibre-105', '105', 'Forum Post', 'F3'),
  });
  assert.strictEqual(first.version, '1');
  assert.strictEqual(second.version, '2');
  await sleep(20); // a record time strictly between the reports and the denial

  step = 'deny';
  const denied = await unary(commands, 'DenyReport', {
    command_id: commandId(), program_id: id, claim_id: 'denial-1', denies: ['calibre-120'],
    denied_by: 'Kazakhstan Paramount Engineering', statement: 'The vehicle does not carry a 120 mm gun.',
    provenance: source('Company press office', 'A1', 'We deny that the vehicle carries a 120 mm gun.'),
  });
  assert.strictEqual(denied.version, '3');

  step = 'correct (rank)';
  const ranked = await unary(commands, 'RankClaim', {
    command_id: commandId(), program_id: id, claim_id: 'calibre-120', rank: 'PREFERRED', reason: 'Confirmed at KADEX',
  });
  assert.strictEqual(ranked.version, '4');

  step = 'current state';
  let program;
  for (let attempt = 0; ; attempt++) { // the read model follows the log: wait for version 4
    try {
      program = await unary(queries, 'GetProgram', { program_id: id });
      if (program.version === '4') break;
    } catch (e) {
      if (e.code !== grpc.status.NOT_FOUND) throw e;
    }
    if (attempt > 300) throw new Error(`GetProgram never reached version 4 (last: ${program && program.version})`);
    await sleep(20);
  }
  assert.strictEqual(program.status, 'ANNOUNCED');
  assert.strictEqual(program.attributes.length, 1);
  const attribute = program.attributes[0];
  assert.strictEqual(attribute.attribute, 'turret_calibre');
  assert.strictEqual(attribute.conflict, true);
  assert.strictEqual(attribute.best.claim_id, 'calibre-120');
  assert.deepStrictEqual(attribute.competing.map((c) => `${c.value.quantity.amount} ${c.provenance.outlet}`).sort(),
    ['105 Forum Post', '120 Defense News']);
  const ranked120 = program.claims.find((c) => c.claim_id === 'calibre-120');
  assert.deepStrictEqual(ranked120.denied_in, ['denial-1']);
  assert.strictEqual(ranked120.rank, 'PREFERRED');
  assert.strictEqual(ranked120.rank_correction.operator, OPERATOR);
  assert.strictEqual(ranked120.rank_correction.reason, 'Confirmed at KADEX');
  observed.best = attribute.best.claim_id;
  observed.conflict = attribute.conflict;

  step = 'history';
  const history = await collect(queries.GetProgramHistory({ program_id: id }, authenticated(), { deadline: deadline() }));
  assert.deepStrictEqual(history.map((e) => e.type),
    ['ProgramAnnounced.v1', 'AttributeReported.v1', 'AttributeReported.v1', 'ReportDenied.v1', 'ClaimRanked.v1']);
  assert.deepStrictEqual(history.map((e) => e.revision), ['0', '1', '2', '3', '4']);
  for (const entry of history) {
    assert.strictEqual(entry.actor, OPERATOR);
    assert.ok(entry.command_id.startsWith('node-'), `command id ${entry.command_id}`);
    assert.ok(entry.recorded_at && Number(entry.recorded_at.seconds) > 0, 'recorded_at');
  }
  observed.history = history.length;

  step = 'as of a position';
  const byPosition = await unary(queries, 'GetProgramAsOf', { program_id: id, position: second.position });
  assert.strictEqual(byPosition.version, '2');
  assert.deepStrictEqual(byPosition.claims.find((c) => c.claim_id === 'calibre-120').denied_in, []);
  assert.strictEqual(byPosition.attributes[0].best.claim_id, 'calibre-120');

  step = 'as of a record time';
  const byTime = await unary(queries, 'GetProgramAsOf', { program_id: id, recorded_at: history[2].recorded_at });
  assert.strictEqual(byTime.version, '2');
  assert.strictEqual(byTime.claims.some((c) => c.claim_id === 'denial-1'), false);

  step = 'watch';
  const watch = queries.WatchPrograms({ program_ids: [id] }, authenticated());
  const updates = [];
  let waiting = null;
  let watchError = null;
  watch.on('data', (update) => { updates.push(update); if (waiting) waiting(); });
  watch.on('error', (e) => { watchError = e; if (waiting) waiting(); });
  const next = async (what) => {
    const until = Date.now() + CALL_TIMEOUT_MS;
    while (updates.length === 0) {
      if (watchError) throw new Error(`watch failed while waiting for ${what}: ${watchError.message}`);
      if (Date.now() > until) throw new Error(`no update within ${CALL_TIMEOUT_MS} ms: ${what}`);
      await new Promise((resolve) => { waiting = resolve; setTimeout(resolve, 100); });
      waiting = null;
    }
    return updates.shift();
  };
  const initial = await next('the current state');
  assert.strictEqual(initial.program.id, id);
  assert.strictEqual(initial.program.version, '4');
  assert.strictEqual(initial.event_id, '');
  const started = await unary(commands, 'StartProduction', {
    command_id: commandId(), program_id: id, claim_id: 'production-started', valid_time: { year: 2026, precision: 'YEAR' },
    certainty: 'CONFIRMED', provenance: source('Ministry of Defence', 'A1', 'Serial production has begun.'),
  });
  const change = await next('the production start');
  assert.strictEqual(change.event_id, started.event_ids[0]);
  assert.strictEqual(change.event_type, 'ProductionStarted.v1');
  assert.strictEqual(change.program.status, 'PRODUCTION_STARTED');
  assert.strictEqual(change.program.version, '5');
  watch.cancel();
  observed.watch = change.event_type;

  commands.close();
  queries.close();
  process.stdout.write(`${JSON.stringify(observed)}\n`);
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`FAIL ${step}: ${error && error.stack ? error.stack : error}\n`);
    process.exit(1);
  },
);
