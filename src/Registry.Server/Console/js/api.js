// The registry's HTTP/JSON API (JSON transcoding of the gRPC services): same routes as the README lists.
import { authorizationHeaders } from './auth.js';

export class ApiError extends Error {
  constructor(status, body) {
    const violations = (body?.details ?? []).flatMap(d => d.fieldViolations ?? []);
    const text = status === 401 ? 'Not signed in, or the credential is not accepted.'
      : status === 403 ? 'Your roles do not allow this.'
      : body?.message ?? `HTTP ${status}`;
    super(violations.length ? `${text} ${violations.map(v => `${v.field}: ${v.description}`).join('; ')}` : text);
    this.status = status;
    this.violations = violations;
  }
}

async function call(method, path, body) {
  const response = await fetch(path, {
    method,
    headers: { ...authorizationHeaders(), ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
    cache: 'no-store',
  });
  const text = await response.text();
  if (!response.ok) {
    let parsed = null;
    try { parsed = text ? JSON.parse(text) : null; } catch { /* not JSON: keep the status */ }
    throw new ApiError(response.status, parsed);
  }
  return text;
}

const json = async (method, path, body) => JSON.parse(await call(method, path, body) || '{}');
// Server-streaming methods answer one JSON object per line.
const lines = async (path) => (await call('GET', path)).split('\n').filter(l => l.trim()).map(l => JSON.parse(l));
const query = (parameters) => {
  const entries = Object.entries(parameters).filter(([, v]) => v !== undefined && v !== null && v !== '' && v !== false);
  return entries.length ? '?' + new URLSearchParams(entries).toString() : '';
};
const id = encodeURIComponent;

export const api = {
  principal: () => json('GET', '/console/principal'),
  list: (filters) => json('GET', '/v1/programs' + query(filters)),
  program: (programId, minPosition) => json('GET', `/v1/programs/${id(programId)}` + query({ 'min_position.commit': minPosition?.commit, 'min_position.prepare': minPosition?.prepare })),
  asOf: (programId, at) => json('GET', `/v1/programs/${id(programId)}:asOf` + query(at)),
  history: (programId) => lines(`/v1/programs/${id(programId)}/history`),
  timeline: (programId) => json('GET', `/v1/programs/${id(programId)}/timeline`),
  rank: (programId, claimId, rank, reason) =>
    json('POST', `/v1/programs/${id(programId)}/claims/${id(claimId)}:rank`, { commandId: newCommandId(), rank, reason }),
  retract: (programId, claimId, reason) =>
    json('POST', `/v1/programs/${id(programId)}/claims/${id(claimId)}:retract`, { commandId: newCommandId(), reason }),
  supersede: (programId, claimId, reason, replacement) =>
    json('POST', `/v1/programs/${id(programId)}/claims/${id(claimId)}:supersede`, { commandId: newCommandId(), reason, attribute: replacement }),
};

// crypto.randomUUID needs a secure context; getRandomValues works on plain HTTP too.
function newCommandId() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return 'console-' + Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');
}
