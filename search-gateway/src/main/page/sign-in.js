// Sign-in, kept behind this one module so that the identity provider's code flow can replace it: the rest of the page
// asks only who is signed in (user), for the Authorization header (authorization), and to sign out (signOut).
// Today: a demo user (local run only, /demo/*) or a bearer token pasted by the practitioner. The token stays in this
// tab's sessionStorage only, and the session ends when the token expires.
const KEY = 'cp-token';
let current = null;
let expiryTimer = null;
let listeners = { signedIn: () => {}, signedOut: () => {} };

function claimsOf(token) {
  try {
    const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const json = new TextDecoder().decode(Uint8Array.from(atob(part + '='.repeat((4 - part.length % 4) % 4)),
      (c) => c.charCodeAt(0)));
    return JSON.parse(json);
  } catch (e) {
    return null;
  }
}

function accept(token) {
  const claims = claimsOf(token);
  if (!claims) return 'Enter a token in the form your organisation issued it';
  if (claims.exp && claims.exp * 1000 <= Date.now()) return 'This token has expired: ask for a new one';
  current = {
    token,
    name: claims.name || claims.preferred_username || claims.sub,
    organisation: claims.org || '',
    organisationCode: claims.org_code || '',
    localAuthority: claims.la || '',
    roles: claims.groups || [],
  };
  sessionStorage.setItem(KEY, token);
  clearTimeout(expiryTimer);
  if (claims.exp) {
    expiryTimer = setTimeout(() => signOut('Your session has ended. Sign in again to carry on.'),
      claims.exp * 1000 - Date.now());
  }
  listeners.signedIn(current);
  return null;
}

/** Who is signed in: {name, organisation, organisationCode, localAuthority, roles}, or null. */
export function user() {
  return current;
}

export function authorization() {
  return current ? 'Bearer ' + current.token : '';
}

/** Ends the session; reason, when given, is shown on the sign-in screen. */
export function signOut(reason) {
  current = null;
  clearTimeout(expiryTimer);
  sessionStorage.removeItem(KEY);
  listeners.signedOut(reason || '');
}

/**
 * Sets up the sign-in forms. showError(fieldId, text) reports a problem with a field of the forms.
 */
export async function startSignIn(onSignedIn, onSignedOut, showError) {
  listeners = { signedIn: onSignedIn, signedOut: onSignedOut };
  const demoForm = document.getElementById('demo-sign-in');
  try {
    const response = await fetch('/demo/users', { headers: { Accept: 'application/json' } });
    if (response.ok) {
      const select = document.getElementById('demo-user');
      for (const u of await response.json()) {
        const option = document.createElement('option');
        option.value = u.username;
        option.textContent = `${u.displayName}, ${u.organisation || 'no organisation'}`;
        select.appendChild(option);
      }
      demoForm.hidden = false;
    }
  } catch (e) {
    // No demo sign-in here: the token form remains.
  }
  demoForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const response = await fetch('/demo/token', {
      method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ username: document.getElementById('demo-user').value }),
    });
    const body = await response.json().catch(() => ({}));
    const problem = response.ok ? accept(body.token) : (body.detail || 'The demo sign-in is not available');
    if (problem) showError('demo-user', problem);
  });
  document.getElementById('token-sign-in').addEventListener('submit', (event) => {
    event.preventDefault();
    const token = document.getElementById('token').value.trim();
    const problem = token ? accept(token) : 'Enter the token your organisation issued you';
    if (problem) showError('token', problem);
  });
  const kept = sessionStorage.getItem(KEY);
  if (!kept || accept(kept)) {
    sessionStorage.removeItem(KEY);
    onSignedOut('');
  }
}
