// One programme: attributes with best and competing values, organisations, lifecycle claims, the timeline,
// operators' corrections and the full history; an as-of control shows it as the registry held it then.
import { api } from './api.js';
import { append, h, say } from './dom.js';
import * as f from './format.js';
import { recordTime } from './list.js';
import { timeline } from './timeline.js';

const isOperator = (principal) => principal?.roles?.includes('operator');

function fate(claim, program) {
  if (claim.retraction) return { css: 'retracted', text: `retracted by ${claim.retraction.operator}: ${claim.retraction.reason}` };
  if (claim.supersededBy) return { css: 'superseded', text: `superseded by ${claim.supersededBy} (${claim.supersession?.operator}: ${claim.supersession?.reason})` };
  if (claim.deniedIn?.length) {
    const denials = program.claims.filter(c => claim.deniedIn.includes(c.claimId));
    return { css: 'denied', text: 'denied by ' + denials.map(d => `${d.deniedBy} (${f.outlet(d.provenance)}): “${d.statement}”`).join('; ') };
  }
  return null;
}

// One claim as a line: value (struck through when denied, retracted or superseded), rank, source, quote.
function claimLine(claim, program, text, principal, atPast, best = false) {
  const down = fate(claim, program);
  const shown = down ? h('del', {}, text) : h('strong', {}, text);
  return h('li', { class: `claim ${down?.css ?? ''}`, dataset: { claim: claim.claimId } },
    h('div', { class: 'claim-head' }, shown, ' ', best ? h('span', { class: 'badge best', title: 'the value the registry shows' }, 'best') : null,
      ' ', f.rankBadge(claim), ' ', f.source(claim),
      h('span', { class: 'id' }, ` ${claim.claimId} · rev ${claim.revision}`)),
    down ? h('div', { class: 'fate' }, down.text) : null,
    claim.rankCorrection ? h('div', { class: 'fate' }, `ranked ${f.kind(claim.rank)} by ${claim.rankCorrection.operator}: ${claim.rankCorrection.reason}`) : null,
    claim.provenance?.quote ? h('blockquote', { lang: claim.provenance.language || undefined }, claim.provenance.quote) : null,
    claim.note ? h('div', { class: 'note' }, claim.note) : null,
    isOperator(principal) && !atPast && !claim.retraction && !claim.supersededBy ? corrections(claim, program) : null);
}

let formCount = 0;
function corrections(claim, program) {
  const n = ++formCount;
  const action = h('select', { id: `action-${n}`, name: 'action' },
    h('option', { value: 'DEPRECATED' }, 'rank deprecated'), h('option', { value: 'PREFERRED' }, 'rank preferred'),
    h('option', { value: 'NORMAL' }, 'rank normal'), h('option', { value: 'retract' }, 'retract (entered in error)'),
    claim.kind === 'ATTRIBUTE' ? h('option', { value: 'supersede' }, 'supersede with a corrected value') : null);
  const replacement = h('input', { id: `value-${n}`, name: 'value', placeholder: '120 mm' });
  const replacementField = h('div', { class: 'field', hidden: true }, h('label', { for: `value-${n}` }, 'Corrected value'), replacement);
  action.addEventListener('change', () => { replacementField.hidden = action.value !== 'supersede'; });
  const reason = h('input', { id: `reason-${n}`, name: 'reason', required: true, size: 40 });
  const form = h('form', { class: 'correct', 'aria-label': `Correct claim ${claim.claimId}` },
    h('div', { class: 'field' }, h('label', { for: `action-${n}` }, 'Correction'), action),
    replacementField,
    h('div', { class: 'field' }, h('label', { for: `reason-${n}` }, 'Reason (required)'), reason),
    h('button', { type: 'submit' }, 'Apply'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      let result;
      if (action.value === 'retract') result = await api.retract(program.id, claim.claimId, reason.value);
      else if (action.value === 'supersede') result = await api.supersede(program.id, claim.claimId, reason.value, replacementOf(claim, replacement.value));
      else result = await api.rank(program.id, claim.claimId, action.value, reason.value);
      say(`${claim.claimId}: ${action.selectedOptions[0].textContent} recorded (version ${result.version}).`);
      await render(document.getElementById('main'), program.id, new URLSearchParams(), result.position, principalCache);
    } catch (error) {
      say(error.message, 'error');
    }
  });
  return h('details', { class: 'actions' }, h('summary', {}, 'Correct this claim'), form);
}

// A corrected reading of the same source: same attribute, provenance and certainty, the new value.
function replacementOf(claim, text) {
  const quantity = /^\s*(-?\d+(?:\.\d+)?)\s*(\S.*)?$/.exec(text);
  return {
    claimId: `${claim.claimId}-corrected-${Date.now().toString(36)}`.slice(0, 80),
    attribute: claim.attribute,
    value: quantity ? { quantity: { amount: quantity[1], unit: quantity[2]?.trim() ?? '' } } : { text: text.trim() },
    validTime: claim.validTime,
    certainty: claim.certainty,
    provenance: claim.provenance,
  };
}

function attributes(program, principal, atPast) {
  if (!program.attributes?.length) return h('p', {}, 'No attribute claims.');
  return h('dl', { class: 'attributes' }, program.attributes.map(a => {
    const others = (a.competing ?? []).filter(c => c.claimId !== a.best.claimId);
    return h('div', { class: `attribute${a.conflict ? ' in-conflict' : ''}`, dataset: { attribute: a.attribute } },
      h('dt', {}, f.attribute(a.attribute), a.conflict ? h('span', { class: 'conflict', title: 'sources disagree' }, ' ⚠ conflict') : null),
      h('dd', {}, h('ul', { class: 'claims' },
        claimLine(a.best, program, f.value(a.best.value), principal, atPast, a.conflict),
        others.map(c => claimLine(c, program, f.value(c.value), principal, atPast)))));
  }));
}

function lifecycle(program, principal, atPast) {
  const claims = program.claims.filter(c => c.kind === 'LIFECYCLE');
  return h('ul', { class: 'claims' }, claims.map(c =>
    claimLine(c, program, `${f.stage(c.stage)}${c.validTime ? ' · ' + f.date(c.validTime) : ''}${c.value ? ' · ' + f.value(c.value) : ''}`, principal, atPast)));
}

function organisations(program) {
  return h('ul', { class: 'claims' }, (program.organisations ?? []).map(c => {
    const down = fate(c, program);
    const who = [h('strong', {}, c.organisation), ` as ${f.kind(c.role)}`];
    return h('li', { class: `claim ${down?.css ?? ''}`, dataset: { claim: c.claimId } },
      down ? h('del', {}, who) : who, ' ', f.rankBadge(c), ' ', f.source(c),
      down ? h('div', { class: 'fate' }, down.text) : null,
      c.aliases?.length ? h('div', { class: 'note' }, `also known as ${c.aliases.join(', ')}`) : null);
  }));
}

function inactive(program) {
  const gone = program.claims.filter(c => c.retraction || c.supersededBy || c.kind === 'DENIAL');
  if (!gone.length) return null;
  return h('ul', { class: 'claims' }, gone.map(c => h('li', { class: 'claim' },
    c.kind === 'DENIAL' ? [h('strong', {}, `${c.deniedBy} denied ${c.denies.join(', ')}`), ': “', c.statement, '” ', f.source(c)]
      : [h('del', {}, c.attribute ? `${f.attribute(c.attribute)} = ${f.value(c.value)}` : f.stage(c.stage)), ' ', f.source(c),
        h('div', { class: 'fate' }, fate(c, program)?.text)])));
}

function history(entries, version) {
  return h('table', { class: 'history' }, h('caption', {}, 'Every event: who, when, why, on what source'),
    h('thead', {}, h('tr', {}, ['Rev', 'Recorded', 'Position', 'Who', 'What', 'Command'].map(c => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, entries.filter(e => (e.revision ?? 0) <= version).map(e => h('tr', {},
      h('td', { class: 'number' }, e.revision ?? 0), h('td', {}, f.recorded(e.recordedAt)), h('td', { class: 'number' }, e.position?.commit ?? 0),
      h('td', {}, e.actor), h('td', {}, e.summary), h('td', { class: 'id' }, e.commandId)))));
}

function asOfControl(programId, current) {
  const input = h('input', { id: 'as-of', name: 'asof', value: current ?? '', placeholder: '40 or 2026-03-01T12:00Z', size: 24 });
  const form = h('form', { class: 'as-of', 'aria-label': 'Record time' },
    h('label', { for: 'as-of' }, 'Show as the registry held it at (log position or date)'), input,
    h('button', { type: 'submit' }, 'Show'),
    current ? h('a', { href: `#/programs/${encodeURIComponent(programId)}`, class: 'button' }, 'Back to now') : null);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    location.hash = `#/programs/${encodeURIComponent(programId)}` + (input.value.trim() ? `?asof=${encodeURIComponent(input.value.trim())}` : '');
  });
  return form;
}

let principalCache = null;

export async function render(main, programId, parameters, minPosition, principal) {
  principalCache = principal;
  const asOf = parameters.get('asof');
  try {
    const program = asOf
      ? await api.asOf(programId, recordTime(asOf, { position: 'position.commit', time: 'recorded_at' }))
      : await api.program(programId, minPosition);
    const section = (id, title, ...content) => h('section', { 'aria-labelledby': id }, h('h2', { id }, title), content);
    const historyPart = h('div', {}, 'Loading…');
    const timelinePart = h('div', {}, asOf ? 'The timeline shows the registry now; go back to now to see it.' : 'Loading…');
    main.replaceChildren();
    append(main, [
      h('p', {}, h('a', { href: '#/' }, '← Programmes')),
      h('h1', {}, program.name),
      h('p', { class: 'facts' }, `${program.id} · ${f.kind(program.kind)} · ${program.country} · status ${f.stage(program.status)} · version ${program.version ?? 0} · position ${program.position?.commit ?? 0}`),
      asOfControl(programId, asOf),
      asOf ? h('p', { class: 'banner', role: 'note' }, `As the registry held it at ${asOf}: version ${program.version ?? 0}. Corrections are not offered on the past.`) : null,
      section('h-attributes', 'Attributes', attributes(program, principal, !!asOf)),
      section('h-lifecycle', 'Lifecycle', lifecycle(program, principal, !!asOf)),
      section('h-timeline', 'Timeline (valid time)', timelinePart),
      section('h-organisations', 'Organisations and roles', organisations(program)),
      section('h-inactive', 'Denials, retractions and replacements', inactive(program) ?? h('p', {}, 'None.')),
      section('h-history', 'History', historyPart)]);
    document.title = `${program.name} · Registry`;
    api.history(programId).then(entries => historyPart.replaceWith(history(entries, program.version ?? 0)))
      .catch(error => historyPart.replaceChildren(error.status === 403 ? 'The history needs the auditor role.' : error.message));
    if (!asOf) {
      api.timeline(programId).then(t => timelinePart.replaceWith(timeline(t)))
        .catch(error => timelinePart.replaceChildren(error.message));
    }
  } catch (error) {
    main.replaceChildren(h('p', {}, h('a', { href: '#/' }, '← Programmes')), h('h1', {}, programId), h('p', { class: 'error' }, error.message));
    say(error.message, 'error');
  }
}
