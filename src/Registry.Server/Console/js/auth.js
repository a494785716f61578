// The credential lives in sessionStorage only: never a cookie, never a URL the server sees. A link from
// `registry console` may carry it in the fragment (#key=...), which browsers do not send; it is moved to
// sessionStorage and wiped from the address bar at once.
const storageKey = 'registry.credential';

export function takeFromFragment() {
  const match = /(?:^#|&)key=([^&]+)/.exec(location.hash);
  if (!match) return;
  sessionStorage.setItem(storageKey, decodeURIComponent(match[1]));
  history.replaceState(null, '', location.pathname + location.search + '#/');
}

export const credential = () => sessionStorage.getItem(storageKey);
export const signIn = (value) => sessionStorage.setItem(storageKey, value.trim());
export const signOut = () => sessionStorage.removeItem(storageKey);

// A JWT is three base64url parts; anything else is taken for an API key.
export function authorizationHeaders() {
  const value = credential();
  if (!value) return {};
  return /^[\w-]+\.[\w-]+\.[\w-]*$/.test(value) ? { authorization: `Bearer ${value}` } : { 'x-api-key': value };
}
