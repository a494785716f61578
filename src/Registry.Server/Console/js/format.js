// How the registry's JSON reads for people.
import { h } from './dom.js';

const words = (constant) => (constant ?? '').toLowerCase().replaceAll('_', ' ');
export const stage = (s) => words(s);
export const kind = (k) => words(k);
export const attribute = (a) => (a ?? '').replaceAll('_', ' ');

export function date(d) {
  if (!d) return '';
  const year = d.year ? String(d.year).padStart(4, '0') : 'unknown year';
  let text = year;
  if (d.year && (d.precision === 'MONTH' || d.precision === 'DAY') && d.month) text += '-' + String(d.month).padStart(2, '0');
  if (d.year && d.precision === 'DAY' && d.day) text += '-' + String(d.day).padStart(2, '0');
  if (d.part) text += ` (${d.part.replaceAll('_', ' ')})`;
  return d.text && d.text !== text ? `${text} “${d.text}”` : text;
}

export function value(v) {
  if (!v) return '';
  if (v.quantity) return `${v.quantity.amount} ${v.quantity.unit}`.trim();
  if (v.money) return `${v.money.amount} ${v.money.currency}` + (v.money.converted?.length ? ` (${v.money.converted.map(value.money).join(', ')})` : '');
  if (v.percentage) return `${v.percentage} %`;
  if (v.date) return date(v.date);
  if (v.place) return [v.place.name, v.place.region, v.place.country].filter(Boolean).join(', ');
  if (v.text) return v.text;
  if (v.unreadable) return `unreadable: ${v.unreadable.shown}`;
  return '';
}
value.money = (m) => `${m.amount} ${m.currency}`;

export const grade = (p) => p ? `${p.reliability ?? ''}${p.credibility ?? ''}` : '';
export const outlet = (p) => p?.outlet || p?.title || 'unnamed source';
export const recorded = (timestamp) => timestamp ? new Date(timestamp).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC') : '';

export function rankBadge(claim) {
  const rank = claim.rank ?? 'NORMAL';
  return h('span', { class: `badge rank-${rank.toLowerCase()}`, title: claim.rankCorrection ? `ranked by ${claim.rankCorrection.operator}: ${claim.rankCorrection.reason}` : undefined }, words(rank));
}

export function source(claim) {
  const p = claim.provenance ?? {};
  const name = p.url ? h('a', { href: p.url, rel: 'noreferrer noopener', target: '_blank' }, outlet(p)) : outlet(p);
  return h('span', { class: 'source' }, name, ' ', h('span', { class: 'grade', title: 'Admiralty grade: source reliability and information credibility' }, grade(p)),
    p.published ? h('span', { class: 'published' }, ` published ${date(p.published)}`) : h('span', { class: 'published' }, ' publication date unknown'));
}
