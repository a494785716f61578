// EventStoreDB's official Node clients against an EventStoreDB-protocol server: the clients are the judge.
//   node esdb_conformance.js --client kurrentdb|eventstore --connection <connection string> --case <name>
//   node esdb_conformance.js --list
// Each case exits 0 and prints one JSON line when every check held; otherwise it prints why and exits 1.
'use strict';
const assert = require('node:assert/strict');
const { randomUUID } = require('node:crypto');

const CLIENTS = {
  kurrentdb: () => {
    const lib = require('@kurrent/kurrentdb-client');
    return { lib, connect: (cs) => lib.KurrentDBClient.connectionString(cs), expectedKey: 'streamState',
      wrong: (e) => ({ expected: e.expectedState, actual: e.actualState }) };
  },
  eventstore: () => {
    const lib = require('@eventstore/db-client');
    return { lib, connect: (cs) => lib.EventStoreDBClient.connectionString(cs), expectedKey: 'expectedRevision',
      wrong: (e) => ({ expected: e.expectedVersion, actual: e.actualVersion }) };
  },
};

// Without per-call credentials both clients append over BatchAppend (the server advertises it); with them,
// over Append. Every appending case runs both ways.
const PATHS = { batch: {}, append: { credentials: { username: 'admin', password: 'changeit' } } };
const PATIENCE_MS = 30000;

function args() {
  const out = {};
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--list') out.list = true;
    else if (argv[i].startsWith('--')) out[argv[i].slice(2)] = argv[++i];
  }
  return out;
}

const stream = (prefix) => `${prefix}-${randomUUID().replace(/-/g, '')}`;

class Harness {
  constructor(flavour, connection) {
    this.f = CLIENTS[flavour]();
    this.lib = this.f.lib;
    this.client = this.f.connect(connection);
  }

  event(type = 'TestHappened.v1', data = { n: randomUUID() }, id = randomUUID()) {
    return this.lib.jsonEvent({ id, type, data, metadata: { actor: 'node-conformance' } });
  }

  events(count, type) {
    return Array.from({ length: count }, (_, i) => this.event(type, { i }));
  }

  append(path, name, events, expected) {
    const options = { ...PATHS[path] };
    if (expected !== undefined) options[this.f.expectedKey] = expected;
    return this.client.appendToStream(name, events, options);
  }

  async wrongExpected(promise) {
    try {
      await promise;
    } catch (e) {
      assert.equal(e.type, 'wrong-expected-version', `expected a wrong-expected-version error, got ${e.type}: ${e.message}`);
      return this.f.wrong(e);
    }
    assert.fail('the append should have failed with wrong expected version');
  }

  async read(name, options = {}) {
    const out = [];
    for await (const resolved of this.client.readStream(name, options)) out.push(resolved.event);
    return out;
  }

  async readAll(options = {}) {
    const out = [];
    for await (const resolved of this.client.readAll(options)) if (resolved.event) out.push(resolved.event);
    return out;
  }

  // Collects a subscription's events until `done(events)` holds; counts its caught-up notices.
  collect(subscription, done) {
    const got = [];
    let caughtUp = 0;
    subscription.on('caughtUp', () => caughtUp++);
    const collecting = (async () => {
      for await (const resolved of subscription) {
        got.push(resolved.event);
        if (done(got)) break;
      }
      await subscription.unsubscribe();
      return { events: got, caughtUp: () => caughtUp };
    })();
    let timer;
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`subscription timed out with ${got.length} events`)), PATIENCE_MS);
    });
    return Promise.race([collecting, timeout]).finally(() => clearTimeout(timer));
  }
}

const ids = (events) => events.map((e) => e.id);

function assertNoGapNoDuplicate(received, expectedIds) {
  assert.deepEqual(ids(received), expectedIds);
  for (let i = 1; i < received.length; i++) {
    if (received[i].position && received[i - 1].position)
      assert.ok(received[i].position.commit > received[i - 1].position.commit, 'positions must ascend');
  }
}

const CASES = {
  async append_single(h) {
    for (const path of Object.keys(PATHS)) {
      const name = stream('single');
      const event = h.event('Single.v1', { turret_calibre_mm: 120 });
      const result = await h.append(path, name, event, h.lib.NO_STREAM);
      assert.equal(result.success, true);
      assert.equal(result.nextExpectedRevision, 0n);
      assert.ok(result.position.commit > 0n);
      const [stored] = await h.read(name);
      assert.equal(stored.id, event.id);
      assert.equal(stored.type, 'Single.v1');
      assert.equal(stored.streamId, name);
      assert.equal(stored.revision, 0n);
      assert.equal(stored.isJson, true);
      assert.deepEqual(stored.data, { turret_calibre_mm: 120 });
      assert.deepEqual(stored.metadata, { actor: 'node-conformance' });
      assert.deepEqual(stored.position, result.position);
      assert.ok(Math.abs(new Date(stored.created).getTime() - Date.now()) < 60000, `created ${stored.created} is not now`);
    }
    return { paths: Object.keys(PATHS) };
  },

  async append_batch(h) {
    for (const path of Object.keys(PATHS)) {
      const name = stream('batch');
      const events = h.events(5, 'Batched.v1');
      const result = await h.append(path, name, events, h.lib.NO_STREAM);
      assert.equal(result.nextExpectedRevision, 4n);
      const stored = await h.read(name);
      assert.deepEqual(ids(stored), ids(events));
      assert.deepEqual(stored.map((e) => e.revision), [0n, 1n, 2n, 3n, 4n]);
      assertNoGapNoDuplicate(stored, ids(events));
      assert.deepEqual(stored[4].position, result.position);
    }
    return { paths: Object.keys(PATHS) };
  },

  async expected_revisions(h) {
    const { NO_STREAM, ANY, STREAM_EXISTS } = h.lib;
    for (const path of Object.keys(PATHS)) {
      const name = stream('expected');
      assert.equal((await h.wrongExpected(h.append(path, name, h.event(), STREAM_EXISTS))).actual, 'no_stream');
      assert.equal((await h.wrongExpected(h.append(path, name, h.event(), 3n))).actual, 'no_stream');
      assert.equal((await h.append(path, name, h.event(), NO_STREAM)).nextExpectedRevision, 0n);
      assert.equal((await h.wrongExpected(h.append(path, name, h.event(), NO_STREAM))).actual, 0n);
      assert.equal((await h.append(path, name, h.event(), STREAM_EXISTS)).nextExpectedRevision, 1n);
      assert.equal((await h.append(path, name, h.events(2), 1n)).nextExpectedRevision, 3n);
      assert.equal((await h.append(path, name, h.event(), ANY)).nextExpectedRevision, 4n);
      assert.equal((await h.append(path, name, h.event())).nextExpectedRevision, 5n);
      assert.equal((await h.read(name)).length, 6);
    }
    return { paths: Object.keys(PATHS) };
  },

  async idempotent_retry(h) {
    const { NO_STREAM, ANY, STREAM_EXISTS } = h.lib;
    for (const path of Object.keys(PATHS)) {
      for (const [label, first, expected] of [['no_stream', null, NO_STREAM], ['exact', 0n, 0n], ['any', 0n, ANY], ['stream_exists', 0n, STREAM_EXISTS]]) {
        const name = stream(`retry-${label}`);
        if (first !== null) await h.append(path, name, h.event(), NO_STREAM);
        const events = h.events(3, 'Retried.v1');
        const once = await h.append(path, name, events, expected);
        const again = await h.append(path, name, events, expected);
        assert.equal(again.success, true, `${label}: the retry must succeed`);
        assert.equal(again.nextExpectedRevision, once.nextExpectedRevision, `${label}: same revision`);
        assert.deepEqual(again.position, once.position, `${label}: same position`);
        assert.equal((await h.read(name)).length, first === null ? 3 : 4, `${label}: written once`);
      }
    }
    return { paths: Object.keys(PATHS) };
  },

  async wrong_expected_version(h) {
    const results = {};
    for (const path of Object.keys(PATHS)) {
      const name = stream('wev');
      await h.append(path, name, h.events(3), h.lib.NO_STREAM);
      const wrong = await h.wrongExpected(h.append(path, name, h.event(), 0n));
      assert.equal(wrong.expected, 0n);
      assert.equal(wrong.actual, 2n);
      assert.equal((await h.read(name)).length, 3, 'nothing written');
      results[path] = { expected: String(wrong.expected), actual: String(wrong.actual) };
    }
    return results;
  },

  async read_stream(h) {
    const { FORWARDS, BACKWARDS, END } = h.lib;
    const name = stream('read');
    const events = h.events(10, 'Read.v1');
    await h.append('batch', name, events, h.lib.NO_STREAM);
    const forwards = await h.read(name, { fromRevision: 3n, maxCount: 4, direction: FORWARDS });
    assert.deepEqual(forwards.map((e) => e.revision), [3n, 4n, 5n, 6n]);
    assert.equal(forwards[0].id, events[3].id);
    const backwards = await h.read(name, { fromRevision: END, maxCount: 3, direction: BACKWARDS });
    assert.deepEqual(backwards.map((e) => e.revision), [9n, 8n, 7n]);
    const backFromMiddle = await h.read(name, { fromRevision: 5n, maxCount: 100, direction: BACKWARDS });
    assert.deepEqual(backFromMiddle.map((e) => e.revision), [5n, 4n, 3n, 2n, 1n, 0n]);
    const all = await h.read(name);
    assert.deepEqual(ids(all), ids(events));
    let missing;
    try {
      await h.read(stream('missing'));
    } catch (e) {
      missing = e;
    }
    assert.ok(missing, 'reading a missing stream must fail');
    assert.equal(missing.type, 'stream-not-found', `got ${missing.type}: ${missing.message}`);
    return { forwards: forwards.length, backwards: backwards.length };
  },

  async read_all(h) {
    const { FORWARDS, BACKWARDS, START, END } = h.lib;
    const before = await h.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 });
    const name = stream('readall');
    const events = h.events(5, 'ReadAll.v1');
    const appended = await h.append('batch', name, events, h.lib.NO_STREAM);
    const last = await h.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 5 });
    assert.deepEqual(ids(last), ids(events).reverse());
    assert.deepEqual(last[0].position, appended.position);
    const from = before.length ? before[0].position : START;
    const forwards = await h.readAll({ direction: FORWARDS, fromPosition: from, maxCount: 100 });
    const mine = forwards.filter((e) => e.streamId === name);
    assertNoGapNoDuplicate(mine, ids(events));
    const whole = await h.readAll({ direction: FORWARDS, fromPosition: START });
    assert.ok(whole.length >= 5);
    for (let i = 1; i < whole.length; i++) assert.ok(whole[i].position.commit > whole[i - 1].position.commit, 'log order');
    return { log: whole.length };
  },

  async subscribe_to_stream(h) {
    const name = stream('substream');
    const before = h.events(3, 'Before.v1');
    const after = h.events(3, 'After.v1');
    await h.append('batch', name, before, h.lib.NO_STREAM);
    await h.append('batch', stream('noise'), h.events(2));
    const subscription = h.client.subscribeToStream(name, { fromRevision: h.lib.START });
    const collecting = h.collect(subscription, (got) => got.length === 6);
    await new Promise((resolve) => subscription.once('confirmation', resolve));
    await h.append('append', name, after, 2n);
    const { events, caughtUp } = await collecting;
    assertNoGapNoDuplicate(events, [...ids(before), ...ids(after)]);
    assert.ok(events.every((e) => e.streamId === name));
    assert.deepEqual(events.map((e) => e.revision), [0n, 1n, 2n, 3n, 4n, 5n]);
    // From a revision: only what follows it.
    const fromRevision = await h.collect(h.client.subscribeToStream(name, { fromRevision: 3n }), (got) => got.length === 2);
    assert.deepEqual(ids(fromRevision.events), ids(after).slice(1));
    return { delivered: events.length, caughtUp: caughtUp() };
  },

  async subscribe_to_all_filter(h) {
    const { START, streamNameFilter, eventTypeFilter } = h.lib;
    const prefix = `filtered${randomUUID().replace(/-/g, '')}-`;
    const wanted = [];
    for (let i = 0; i < 3; i++) {
      const events = h.events(2, 'Wanted.v1');
      wanted.push(...ids(events));
      await h.append('batch', `${prefix}${i}`, events);
      await h.append('batch', stream('other'), h.events(2));
    }
    const byStream = await h.collect(
      h.client.subscribeToAll({ fromPosition: START, filter: streamNameFilter({ prefixes: [prefix] }) }),
      (got) => got.length === wanted.length);
    assert.deepEqual(ids(byStream.events), wanted);
    assert.ok(byStream.events.every((e) => e.streamId.startsWith(prefix)));

    const type = `Typed${randomUUID().replace(/-/g, '')}.v1`;
    const typed = h.event(type);
    await h.append('append', stream('typed'), [h.event('Other.v1'), typed, h.event('Other.v1')]);
    const byType = await h.collect(
      h.client.subscribeToAll({ fromPosition: START, filter: eventTypeFilter({ prefixes: [type.slice(0, 20)] }) }),
      (got) => got.length === 1);
    assert.deepEqual(ids(byType.events), [typed.id]);

    const byRegex = await h.collect(
      h.client.subscribeToAll({ fromPosition: START, filter: streamNameFilter({ regex: `^${prefix}[02]$` }) }),
      (got) => got.length === 4);
    assert.deepEqual(ids(byRegex.events), [...wanted.slice(0, 2), ...wanted.slice(4, 6)]);
    return { byStream: byStream.events.length, byType: 1, byRegex: 4 };
  },

  async catch_up_then_live(h) {
    const { START, streamNameFilter } = h.lib;
    const prefix = `live${randomUUID().replace(/-/g, '')}-`;
    for (let i = 0; i < 10; i++) await h.append('batch', `${prefix}before`, h.events(20));
    const subscription = h.client.subscribeToAll({ fromPosition: START, filter: streamNameFilter({ prefixes: [prefix] }) });
    const collecting = h.collect(subscription, (got) => got.length === 400);
    // Writers race the catch-up: 20 appends of 10 while the subscription reads the first 200.
    await Promise.all(Array.from({ length: 4 }, (_, w) => (async () => {
      for (let i = 0; i < 5; i++) await h.append(i % 2 ? 'append' : 'batch', `${prefix}w${w}`, h.events(10));
    })()));
    const { events, caughtUp } = await collecting;
    const expected = (await h.readAll({ fromPosition: START })).filter((e) => e.streamId.startsWith(prefix));
    assert.equal(expected.length, 400);
    assertNoGapNoDuplicate(events, ids(expected));
    assert.ok(caughtUp() >= 1, 'the subscription must report catching up');
    return { delivered: events.length, caughtUp: caughtUp() };
  },
};

async function main() {
  const a = args();
  if (a.list) {
    console.log(Object.keys(CASES).join('\n'));
    return;
  }
  const run = CASES[a.case];
  if (!run || !CLIENTS[a.client] || !a.connection) {
    console.error(`usage: --client ${Object.keys(CLIENTS).join('|')} --connection <string> --case ${Object.keys(CASES).join('|')}`);
    process.exit(2);
  }
  const h = new Harness(a.client, a.connection);
  try {
    const result = await run(h);
    console.log(JSON.stringify({ client: a.client, case: a.case, ok: true, ...result }, (_, v) => (typeof v === 'bigint' ? String(v) : v)));
  } finally {
    await h.client.dispose();
  }
}

main().then(() => process.exit(0), (e) => {
  console.error(`FAILED: ${e.stack ?? e}`);
  process.exit(1);
});
