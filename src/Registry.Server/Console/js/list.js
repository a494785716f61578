// The programme list: filters (incl. valid time and record time) and conflict counts.
import { api } from './api.js';
import { h, say } from './dom.js';
import * as f from './format.js';

const kinds = ['LIGHT_TANK', 'ARMOURED_VEHICLE_8X8', 'ARMOURED_VEHICLE_4X4', 'ARMOURED_VEHICLE_WHEELED', 'UNMANNED_GROUND_VEHICLE',
  'UNMANNED_AERIAL_VEHICLE', 'COMBAT_AIRCRAFT', 'TRANSPORT_AIRCRAFT', 'NAVAL_VESSEL', 'AMMUNITION_PLANT', 'VEHICLE_PLANT',
  'REPAIR_FACILITY', 'FUND', 'PROCUREMENT', 'OTHER'];
export const stages = ['ANNOUNCED', 'PRODUCTION_PLANNED', 'PRODUCTION_STARTED', 'PROCUREMENT_REPORTED', 'FUNDING_ALLOCATED',
  'DELIVERIES_RECORDED', 'ENTERED_SERVICE', 'CANCELLED'];

// "40" is a log position; anything else a date or date-time (a bare date means the end of that day, UTC).
export function recordTime(text, names) {
  const value = (text ?? '').trim();
  if (!value) return {};
  if (/^\d+$/.test(value)) return { [names.position]: value };
  const moment = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(value + 'T23:59:59.999Z') : new Date(value);
  if (Number.isNaN(moment.getTime())) throw new Error(`“${value}” is neither a log position nor a date`);
  return { [names.time]: moment.toISOString() };
}

function select(name, label, options, current) {
  return [h('label', { for: `filter-${name}` }, label),
    h('select', { id: `filter-${name}`, name }, h('option', { value: '' }, 'any'),
      options.map(o => h('option', { value: o, selected: o === current }, f.kind(o))))];
}

function input(name, label, current, attributes = {}) {
  return [h('label', { for: `filter-${name}` }, label), h('input', { id: `filter-${name}`, name, value: current ?? '', ...attributes })];
}

export async function render(main, parameters) {
  const form = h('form', { class: 'filters', 'aria-label': 'Filter programmes' },
    h('div', { class: 'field' }, input('country', 'Country', parameters.get('country'), { size: 3, placeholder: 'KZ' })),
    h('div', { class: 'field' }, select('kind', 'Kind', kinds, parameters.get('kind'))),
    h('div', { class: 'field' }, select('status', 'Status', stages, parameters.get('status'))),
    h('div', { class: 'field' }, input('organisation', 'Organisation', parameters.get('organisation'))),
    h('fieldset', {}, h('legend', {}, 'Valid time'),
      h('div', { class: 'field' }, select('stage', 'Stage', stages, parameters.get('stage'))),
      h('div', { class: 'field' }, input('valid_year', 'In year', parameters.get('valid_year'), { type: 'number', min: 1, max: 9999, size: 5 })),
      h('div', { class: 'field check' }, h('input', { id: 'filter-all_claims', name: 'all_claims', type: 'checkbox', value: 'true', checked: parameters.get('all_claims') === 'true' }),
        h('label', { for: 'filter-all_claims' }, 'every standing claim, not only the best-ranked'))),
    h('fieldset', {}, h('legend', {}, 'Record time'),
      h('div', { class: 'field' }, input('known_at', 'As known at (position or date)', parameters.get('known_at'), { placeholder: '40 or 2026-03-01' }))),
    h('button', { type: 'submit' }, 'Filter'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const chosen = new URLSearchParams([...new FormData(form)].filter(([, v]) => v !== ''));
    location.hash = '#/' + (chosen.size ? '?' + chosen : '');
  });

  const table = h('table', { class: 'programs' }, h('caption', {}, 'Programmes'),
    h('thead', {}, h('tr', {}, ['Programme', 'Kind', 'Country', 'Status', 'Version', 'Conflicts'].map(c => h('th', { scope: 'col' }, c)))));
  const body = h('tbody');
  table.append(body);
  main.replaceChildren(h('h1', {}, 'Programmes'), form, table);

  const filters = Object.fromEntries([...parameters].filter(([name]) => name !== 'known_at'));
  try {
    Object.assign(filters, recordTime(parameters.get('known_at'), { position: 'known_at_position.commit', time: 'known_at_time' }));
    filters.page_size = 500;
    const { programs = [] } = await api.list(filters);
    body.append(...programs.map(p => h('tr', {},
      h('th', { scope: 'row' }, h('a', { href: `#/programs/${encodeURIComponent(p.id)}` }, p.name), h('div', { class: 'id' }, p.id)),
      h('td', {}, f.kind(p.kind)), h('td', {}, p.country), h('td', {}, f.stage(p.status)), h('td', { class: 'number' }, p.version ?? 0),
      h('td', { class: 'number' }, p.conflicts ? h('span', { class: 'conflict', title: 'attributes on which sources disagree' }, `⚠ ${p.conflicts}`) : '0'))));
    if (!programs.length) body.append(h('tr', {}, h('td', { colspan: 6 }, 'No programme matches.')));
    say(`${programs.length} programme(s)`);
  } catch (error) {
    say(error.message, 'error');
  }
}
