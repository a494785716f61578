// The programme in valid time as SVG: one row per dated claim, its valid date as a mark styled by its fate,
// its publication date as a diamond joined to it (what was said when, about when), undated claims in a
// column of their own so that "next year" from an undated source is seen, not hidden.
import { h, s } from './dom.js';
import * as f from './format.js';

const fates = {
  CLAIM_FATE_BEST: 'best', CLAIM_FATE_COMPETING: 'competing', CLAIM_FATE_DEPRECATED: 'deprecated',
  CLAIM_FATE_DENIED: 'denied', CLAIM_FATE_RETRACTED: 'retracted', CLAIM_FATE_SUPERSEDED: 'superseded',
};
const layout = { width: 980, labels: 300, plotStart: 320, plotEnd: 840, undated: 905, row: 40, top: 56 };

// A partial date as a fractional year: the middle of what it can mean (a year: mid-year).
function when(d) {
  if (!d?.year) return null;
  if (d.precision === 'DAY' && d.month) return d.year + (d.month - 1) / 12 + ((d.day ?? 15) - 1) / 365;
  if (d.precision === 'MONTH' && d.month) return d.year + (d.month - 0.5) / 12;
  if (d.precision === 'QUARTER' && d.month) return d.year + (d.month + 0.5) / 12;
  if (d.precision === 'HALF' && d.month) return d.year + (d.month + 2) / 12;
  if (d.part === 'start') return d.year + 0.1;
  if (d.part === 'end') return d.year + 0.9;
  return d.year + 0.5;
}

function title(entry) {
  const c = entry.claim;
  return `${c.stage && c.stage !== 'LIFECYCLE_STAGE_UNSPECIFIED' ? f.stage(c.stage) : f.attribute(c.attribute)}` +
    `${c.value ? ' ' + f.value(c.value) : ''}: valid ${c.validTime ? f.date(c.validTime) : 'date not given'}; ` +
    `${f.outlet(c.provenance)} ${entry.grade}, published ${c.provenance?.published ? f.date(c.provenance.published) : 'date unknown'}; ` +
    `recorded ${f.recorded(c.recordedAt)} at position ${entry.position?.commit ?? '?'}; ${fates[entry.fate] ?? 'unknown'}` +
    `${entry.fateNote ? ' (' + entry.fateNote + ')' : ''}`;
}

function mark(fate, x, y) {
  const css = `mark ${fate}`;
  if (fate === 'denied') {
    return s('g', { class: css }, s('circle', { cx: x, cy: y, r: 7 }),
      s('path', { d: `M${x - 5} ${y - 5}L${x + 5} ${y + 5}M${x + 5} ${y - 5}L${x - 5} ${y + 5}` }));
  }
  return s('circle', { class: css, cx: x, cy: y, r: fate === 'best' ? 8 : 7 });
}

export function timeline(data) {
  const entries = data.entries ?? [];
  if (!entries.length) return h('p', {}, 'No dated claims.');
  const years = entries.flatMap(e => [when(e.claim.validTime), when(e.claim.provenance?.published)]).filter(y => y !== null);
  const today = new Date();
  const now = today.getUTCFullYear();
  const nowFraction = now + (today.getUTCMonth() + today.getUTCDate() / 31) / 12;
  const from = Math.floor(Math.min(...years, now)) - 1;
  const to = Math.ceil(Math.max(...years, now)) + 1;
  const x = (year) => layout.plotStart + (year - from) / (to - from) * (layout.plotEnd - layout.plotStart);
  const height = layout.top + entries.length * layout.row + 16;

  const svg = s('svg', {
    class: 'timeline', viewBox: `0 0 ${layout.width} ${height}`, width: layout.width, height,
    role: 'img', 'aria-labelledby': 'timeline-title timeline-desc',
  },
  s('title', { id: 'timeline-title' }, `Timeline of ${data.name}`),
  s('desc', { id: 'timeline-desc' }, entries.map(title).join('. ')));

  // Axis: a tick per year, the current year marked.
  const axis = s('g', { class: 'axis' });
  for (let year = from; year <= to; year++) {
    axis.append(s('line', { x1: x(year), x2: x(year), y1: layout.top - 14, y2: height - 8, class: 'tick' }),
      s('text', { x: x(year) + (x(year + 1) - x(year)) / 2, y: layout.top - 20, 'text-anchor': 'middle' }, year < to ? year : ''));
  }
  axis.append(s('line', { x1: x(nowFraction), x2: x(nowFraction), y1: layout.top - 14, y2: height - 8, class: 'now' },
    s('title', {}, 'today')),
  s('text', { x: layout.undated, y: layout.top - 20, 'text-anchor': 'middle' }, 'date unknown'),
    s('line', { x1: layout.undated - 40, x2: layout.undated - 40, y1: layout.top - 14, y2: height - 8, class: 'tick' }),
    s('text', { x: 0, y: 16, class: 'legend-title' }, 'valid time →  ● best  ○ competing  ◌ deprecated  ⊗ denied  · retracted or superseded   ◆ publication date'));
  svg.append(axis);

  entries.forEach((entry, i) => {
    const c = entry.claim;
    const fate = fates[entry.fate] ?? 'competing';
    const y = layout.top + i * layout.row + layout.row / 2;
    const valid = when(c.validTime);
    const published = when(c.provenance?.published);
    const vx = valid === null ? layout.undated : x(valid);
    const what = c.stage && c.stage !== 'LIFECYCLE_STAGE_UNSPECIFIED' ? f.stage(c.stage) : f.attribute(c.attribute);
    const row = s('g', { class: `entry ${fate}`, 'data-claim': c.claimId, tabindex: 0, role: 'group', 'aria-label': title(entry) },
      s('title', {}, title(entry)),
      s('rect', { class: 'band', x: 0, y: y - layout.row / 2 + 2, width: layout.width, height: layout.row - 4 }),
      s('text', { x: 4, y: y - 3, class: 'label' }, what + (c.value ? ' · ' + f.value(c.value) : '')),
      s('text', { x: 4, y: y + 12, class: 'sub' }, `${f.outlet(c.provenance)} ${entry.grade} · ${fate} · pub. ${c.provenance?.published ? f.date(c.provenance.published) : 'unknown'}`));
    if (published !== null) {
      row.append(s('line', { class: 'said', x1: x(published), x2: vx, y1: y, y2: y }),
        s('path', { class: 'published', d: `M${x(published)} ${y - 6}l6 6l-6 6l-6 -6z` }));
    }
    row.append(mark(fate, vx, y),
      s('text', { x: vx, y: y - 11, 'text-anchor': 'middle', class: 'valid' }, c.validTime ? f.date(c.validTime) : 'no date'));
    svg.append(row);
  });
  return h('figure', { class: 'timeline-figure' }, svg,
    h('figcaption', {}, 'Each row is a dated claim at its valid date, styled by its fate; a diamond marks when its source published it. Hover or focus a row for its source, record time and position.'));
}
