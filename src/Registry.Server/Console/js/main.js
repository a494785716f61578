// The console: hash routes (#/ the list, #/programs/ID the programme), sign-in with a pasted credential.
import { api } from './api.js';
import * as auth from './auth.js';
import { h, say } from './dom.js';
import * as list from './list.js';
import * as program from './program.js';

const main = document.getElementById('main');
let principal = null;

async function showPrincipal() {
  const signedIn = !!auth.credential();
  document.getElementById('sign-in').hidden = signedIn;
  document.getElementById('signed-in').hidden = !signedIn;
  principal = null;
  if (!signedIn) return;
  try {
    principal = await api.principal();
    document.getElementById('principal').textContent = `${principal.name} (${principal.roles.join(', ')})`;
  } catch (error) {
    document.getElementById('principal').textContent = 'credential refused';
    say(error.message, 'error');
  }
}

async function route() {
  if (!auth.credential()) {
    main.replaceChildren(h('h1', {}, 'Registry console'),
      h('p', {}, 'Sign in with an API key or a bearer token (kept in this tab only, never in a cookie). ',
        '`registry console` prints a link that signs you in on this machine.'));
    document.getElementById('credential').focus();
    return;
  }
  say('');
  const [path, queryText] = location.hash.replace(/^#/, '').split('?');
  const parameters = new URLSearchParams(queryText ?? '');
  const match = /^\/programs\/([^/]+)$/.exec(path ?? '');
  window.scrollTo(0, 0);
  // Each navigation renders into a view of its own: one still loading when the next begins (a link followed
  // before the page had arrived) finishes into its detached view instead of replacing the newer page.
  const view = h('div');
  const focusedBefore = document.activeElement;
  main.replaceChildren(view);
  if (match) await program.render(view, decodeURIComponent(match[1]), parameters, null, principal);
  else await list.render(view, parameters);
  // Focus moves to the new page, unless the user has moved it elsewhere while it loaded.
  const focused = document.activeElement;
  if (view.isConnected && (focused === focusedBefore || focused === document.body || main.contains(focused)))
    main.focus({ preventScroll: true });
}

document.getElementById('sign-in').addEventListener('submit', async (event) => {
  event.preventDefault();
  const field = document.getElementById('credential');
  auth.signIn(field.value);
  field.value = '';
  await showPrincipal();
  await route();
});

document.getElementById('sign-out').addEventListener('click', async () => {
  auth.signOut();
  await showPrincipal();
  await route();
});

window.addEventListener('hashchange', route);
auth.takeFromFragment();
await showPrincipal();
await route();
