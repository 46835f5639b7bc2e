// Sign-in, kept behind this one module: the rest of the page asks only who is signed in (user), for the Authorization
// header (authorization), and to sign out (signOut, endSession).
//
// The default is OpenID Connect authorization code with PKCE (S256) at the issuer the gateway publishes
// (/page-config.json), as the public client it names: the browser holds no secret. oauth4webapi (npm, no dependencies)
// builds the requests and checks the answers: the state, and the ID token's issuer, audience, expiry and nonce. The
// code comes back in the URL fragment (response_mode=fragment), so it never reaches the gateway or any log.
//
// Tokens are kept in this tab's sessionStorage, never localStorage: they must survive the round trip to the identity
// provider and a reload, but are not shared with other tabs and are gone when the tab closes. Memory alone would send
// the practitioner back to the identity provider on every reload. The page's CSP (scripts from this origin only, no
// inline script) is what keeps other script away from them.
//
// Development switches, off by default: a demo user (local run only, /demo/*) and a pasted bearer token (tokenEntry).
import * as oauth from '/assets/oauth4webapi.js';

const TOKENS = 'cp-session';
const PENDING = 'cp-sign-in';
const ENDED = 'cp-signed-out';
const ENDED_TEXT = 'Your session has ended. Sign in again to carry on.';
// Refresh this long before the access token expires, so no request goes out with a token about to lapse.
const REFRESH_EARLY_MS = 30_000;

let config = { issuer: '', clientId: '', tokenEntry: false };
let provider = null;
let current = null;
let timer = null;
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

function options() {
  // Plain HTTP only for an issuer on this machine (the local run and the tests); anywhere else HTTPS is required.
  const local = /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?\//.test(config.issuer);
  return local ? { [oauth.allowInsecureRequests]: true } : {};
}

function client() {
  return { client_id: config.clientId };
}

function redirectUri() {
  return window.location.origin + '/';
}

/** The issuer's endpoints, from its discovery document, fetched once per page load. */
async function authorizationServer() {
  if (!provider) {
    const issuer = new URL(config.issuer);
    provider = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer,
      { ...options(), algorithm: 'oidc' }));
  }
  return provider;
}

/**
 * Takes a session: {accessToken, refreshToken?, idToken?, provider: boolean}. Returns a problem in words, or null.
 */
function accept(session) {
  const claims = claimsOf(session.accessToken);
  if (!claims) return 'Enter a token in the form your organisation issued it';
  if (claims.exp && claims.exp * 1000 <= Date.now() && !session.refreshToken) {
    return 'This token has expired: ask for a new one';
  }
  current = {
    session,
    name: claims.name || claims.preferred_username || claims.sub,
    organisation: claims.org || '',
    organisationCode: claims.org_code || '',
    localAuthority: claims.la || '',
    roles: claims.groups || [],
  };
  sessionStorage.setItem(TOKENS, JSON.stringify(session));
  schedule(claims.exp);
  return null;
}

// At the access token's expiry: a fresh one by the refresh token where the issuer gave one, else the session ends.
function schedule(exp) {
  clearTimeout(timer);
  if (!exp) return;
  const refreshable = current.session.refreshToken;
  const due = exp * 1000 - Date.now() - (refreshable ? REFRESH_EARLY_MS : 0);
  timer = setTimeout(() => (refreshable ? refresh() : signOut(ENDED_TEXT)), Math.max(0, due));
}

async function refresh() {
  // The session this refresh is for: if it ends or is replaced meanwhile (sign-out), the answer is for no one.
  const refreshing = current;
  let result;
  try {
    const as = await authorizationServer();
    const response = await oauth.refreshTokenGrantRequest(as, client(), oauth.None(),
      refreshing.session.refreshToken, options());
    result = await oauth.processRefreshTokenResponse(as, client(), response);
  } catch (e) {
    // The identity provider's session is over (idle, too old, or ended elsewhere): sign in again.
    if (current === refreshing) signOut(ENDED_TEXT);
    return;
  }
  if (current !== refreshing) return;
  accept({
    accessToken: result.access_token,
    refreshToken: result.refresh_token || refreshing.session.refreshToken,
    idToken: result.id_token || refreshing.session.idToken,
    provider: true,
  });
}

/** Who is signed in: {name, organisation, organisationCode, localAuthority, roles}, or null. */
export function user() {
  return current;
}

export function authorization() {
  return current ? 'Bearer ' + current.session.accessToken : '';
}

/** Ends the session in this tab; reason, when given, is shown on the sign-in screen. */
export function signOut(reason) {
  current = null;
  clearTimeout(timer);
  sessionStorage.removeItem(TOKENS);
  listeners.signedOut(reason || '');
}

/**
 * The practitioner's "Sign out": ends the session here and, for a session from the identity provider, there too (its
 * end-session endpoint, which sends the browser back to this page), so the next sign-in asks for credentials again.
 */
export async function endSession() {
  const session = current && current.session;
  if (!session || !session.provider) {
    signOut('You have signed out.');
    return;
  }
  // Over at once here: no refresh starts, and one under way is dropped (refresh()).
  current = null;
  clearTimeout(timer);
  sessionStorage.removeItem(TOKENS);
  let endpoint = null;
  try {
    endpoint = (await authorizationServer()).end_session_endpoint;
  } catch (e) {
    // The identity provider cannot be reached: the session still ends here.
  }
  if (!endpoint) {
    signOut('You have signed out.');
    return;
  }
  const url = new URL(endpoint);
  url.searchParams.set('client_id', config.clientId);
  url.searchParams.set('post_logout_redirect_uri', redirectUri());
  if (session.idToken) url.searchParams.set('id_token_hint', session.idToken);
  sessionStorage.setItem(ENDED, 'You have signed out.');
  window.location.assign(url.href);
}

/** To the identity provider's sign-in, with a fresh PKCE verifier, state and nonce kept for the way back. */
async function beginSignIn() {
  const as = await authorizationServer();
  const pending = {
    verifier: oauth.generateRandomCodeVerifier(),
    state: oauth.generateRandomState(),
    nonce: oauth.generateRandomNonce(),
  };
  const url = new URL(as.authorization_endpoint);
  url.searchParams.set('client_id', config.clientId);
  url.searchParams.set('redirect_uri', redirectUri());
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('response_mode', 'fragment');
  url.searchParams.set('scope', 'openid');
  url.searchParams.set('code_challenge', await oauth.calculatePKCECodeChallenge(pending.verifier));
  url.searchParams.set('code_challenge_method', 'S256');
  url.searchParams.set('state', pending.state);
  url.searchParams.set('nonce', pending.nonce);
  sessionStorage.setItem(PENDING, JSON.stringify(pending));
  window.location.assign(url.href);
}

/** Back from the identity provider: the code for tokens, every check passed, or a problem in words. */
async function finishSignIn(fragment) {
  const pending = JSON.parse(sessionStorage.getItem(PENDING) || 'null');
  sessionStorage.removeItem(PENDING);
  // The code and state leave the address bar (and the history) at once.
  window.history.replaceState(null, '', window.location.pathname);
  if (!pending) return 'The sign-in was not started from this tab. Sign in again.';
  try {
    const as = await authorizationServer();
    const parameters = oauth.validateAuthResponse(as, client(), new URLSearchParams(fragment), pending.state);
    const response = await oauth.authorizationCodeGrantRequest(as, client(), oauth.None(), parameters,
      redirectUri(), pending.verifier, options());
    const result = await oauth.processAuthorizationCodeResponse(as, client(), response,
      { expectedNonce: pending.nonce, requireIdToken: true });
    return accept({
      accessToken: result.access_token, refreshToken: result.refresh_token, idToken: result.id_token, provider: true,
    });
  } catch (e) {
    const said = e && e.error === 'access_denied' ? 'You cancelled the sign-in or are not allowed to use ContactPoint.'
      : 'The sign-in could not be completed.';
    return `${said} Sign in again.`;
  }
}

async function startDemoSignIn(showError) {
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
    // No demo sign-in here.
  }
  demoForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const response = await fetch('/demo/token', {
      method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ username: document.getElementById('demo-user').value }),
    });
    const body = await response.json().catch(() => ({}));
    const problem = response.ok ? accept({ accessToken: body.token, provider: false })
      : (body.detail || 'The demo sign-in is not available');
    if (problem) showError('demo-user', problem); else listeners.signedIn(current);
  });
}

function startTokenEntry(showError) {
  const tokenForm = document.getElementById('token-sign-in');
  tokenForm.hidden = !config.tokenEntry;
  tokenForm.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!config.tokenEntry) return;
    const token = document.getElementById('token').value.trim();
    const problem = token ? accept({ accessToken: token, provider: false })
      : 'Enter the token your organisation issued you';
    if (problem) showError('token', problem); else listeners.signedIn(current);
  });
}

/**
 * Sets up sign-in and resumes a session: back from the identity provider, or kept in this tab. showError(fieldId,
 * text) reports a problem (fieldId null for one not about a field of the forms).
 */
export async function startSignIn(onSignedIn, onSignedOut, showError) {
  listeners = { signedIn: onSignedIn, signedOut: onSignedOut };
  try {
    const response = await fetch('/page-config.json', { headers: { Accept: 'application/json' }, cache: 'no-store' });
    if (response.ok) config = await response.json();
  } catch (e) {
    // Without the gateway's settings only the development switches can sign in, and those are off.
  }
  const providerButton = document.getElementById('provider-sign-in');
  providerButton.hidden = !config.issuer;
  providerButton.addEventListener('click', () => {
    beginSignIn().catch(() => showError(null, 'The sign-in service cannot be reached. Try again in a few minutes.'));
  });
  await startDemoSignIn(showError);
  startTokenEntry(showError);

  const fragment = window.location.hash.slice(1);
  if (/(^|&)(code|error)=/.test(fragment)) {
    const problem = await finishSignIn(fragment);
    if (problem) {
      onSignedOut('');
      showError(null, problem);
    } else {
      onSignedIn(current);
    }
    return;
  }
  const ended = sessionStorage.getItem(ENDED);
  sessionStorage.removeItem(ENDED);
  const kept = JSON.parse(sessionStorage.getItem(TOKENS) || 'null');
  if (kept && !accept(kept)) {
    // An access token kept past its life (the tab slept) is refreshed at once by schedule(), or the session ends.
    onSignedIn(current);
    return;
  }
  sessionStorage.removeItem(TOKENS);
  onSignedOut(ended || '');
}
