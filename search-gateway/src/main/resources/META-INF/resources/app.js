// The practitioner page: plain JavaScript over the lookup API. Data is only ever written with textContent.
'use strict';

const $ = (id) => document.getElementById(id);
const state = { token: sessionStorage.getItem('cp-token'), roles: [], name: '' };

function decodeClaims(token) {
  try {
    const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(decodeURIComponent(escape(atob(part + '='.repeat((4 - part.length % 4) % 4)))));
  } catch (e) {
    return null;
  }
}

function show(id, visible) { $(id).hidden = !visible; }

function focusOn(id) { const el = $(id); el.focus(); el.scrollIntoView({ block: 'start' }); }

function message(text) {
  const box = $('message');
  box.textContent = text || '';
  box.hidden = !text;
}

function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function signedIn(token) {
  const claims = decodeClaims(token);
  if (!claims) { message('That is not a token.'); return; }
  state.token = token;
  state.roles = claims.groups || [];
  state.name = claims.name || claims.sub;
  sessionStorage.setItem('cp-token', token);
  $('signed-in-as').textContent = 'Signed in as ' + state.name + (claims.org ? ', ' + claims.org : '');
  show('signed-in-as', true);
  show('sign-out', true);
  show('sign-in', false);
  show('search', true);
  message('');
  focusOn('search-heading');
}

async function api(path, extraHeaders) {
  const headers = Object.assign({ 'Authorization': 'Bearer ' + state.token, 'Accept': 'application/json',
    'X-Purpose-Of-Use': $('purpose').value }, extraHeaders || {});
  const response = await fetch(path, { headers });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    let text = body.detail || body.title || ('The request failed (' + response.status + ')');
    if (response.status === 429 && response.headers.get('Retry-After')) {
      text += ' (you can search again in ' + response.headers.get('Retry-After') + ' seconds)';
    }
    if (response.status === 401) text = 'Your sign-in has expired: sign in again.';
    throw new Error(text);
  }
  return body;
}

async function setUpSignIn() {
  try {
    const response = await fetch('demo/users');
    if (response.ok) {
      const users = await response.json();
      const select = $('demo-user');
      users.forEach((u) => {
        const option = el('option', u.displayName + ' – ' + (u.organisation || '') + ' (' + u.roles.join(', ') + ')');
        option.value = u.username;
        select.appendChild(option);
      });
      show('demo-sign-in', true);
    }
  } catch (e) { /* no demo sign-in here: the token form remains */ }
  if (state.token && decodeClaims(state.token)) signedIn(state.token);
}

$('demo-sign-in').addEventListener('submit', async (event) => {
  event.preventDefault();
  const response = await fetch('demo/token', { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: $('demo-user').value }) });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) { message(body.detail || 'Sign-in failed'); return; }
  signedIn(body.token);
});

$('token-sign-in').addEventListener('submit', (event) => {
  event.preventDefault();
  signedIn($('token').value.trim());
});

$('sign-out').addEventListener('click', () => {
  sessionStorage.removeItem('cp-token');
  window.location.reload();
});

$('search-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  if (!$('purpose').value) { message('Choose why you are looking before you search.'); focusOn('purpose'); return; }
  const params = new URLSearchParams();
  ['familyName', 'givenNames', 'dateOfBirth', 'gender', 'postcode', 'contactPointId', 'nhsNumber'].forEach((f) => {
    const value = $(f).value.trim();
    if (value) params.set(f, value);
  });
  show('record', false);
  try {
    const answer = await api('children?' + params.toString());
    message('');
    renderResults(answer);
  } catch (e) {
    show('results', false);
    message(e.message);
    focusOn('message');
  }
});

function renderResults(answer) {
  const body = $('results-table').querySelector('tbody');
  body.replaceChildren();
  if (answer.tooManyMatches) {
    $('results-summary').textContent = answer.advice;
    show('results-table', false);
  } else {
    const n = answer.matches.length;
    $('results-summary').textContent = n === 0 ? 'No child matches. Check the spelling or add what you know.'
      : n + (n === 1 ? ' child matches.' : ' children match, best match first.');
    answer.matches.forEach((m) => {
      const row = el('tr');
      const name = el('td', m.givenNames + ' ' + m.familyName + (m.preferredName ? ' (' + m.preferredName + ')' : ''));
      if (m.shielded) name.appendChild(el('span', ' – shielded', 'hint'));
      row.appendChild(name);
      row.appendChild(el('td', m.dateOfBirth));
      row.appendChild(el('td', m.gender));
      const grade = el('td');
      grade.appendChild(el('span', m.grade.toLowerCase() + ' match', 'grade grade-' + m.grade));
      row.appendChild(grade);
      const action = el('td');
      const button = el('button', 'View record', 'small');
      button.type = 'button';
      button.setAttribute('aria-label', 'View record of ' + m.givenNames + ' ' + m.familyName);
      button.addEventListener('click', () => viewRecord(m.contactPointId));
      action.appendChild(button);
      row.appendChild(action);
      body.appendChild(row);
    });
    show('results-table', n > 0);
  }
  show('results', true);
  focusOn('results-heading');
}

async function viewRecord(id, breakGlassReason) {
  try {
    const headers = breakGlassReason ? { 'X-Break-Glass-Reason': breakGlassReason } : {};
    const record = await api('children/' + encodeURIComponent(id), headers);
    message('');
    renderRecord(record);
  } catch (e) {
    message(e.message);
    focusOn('message');
  }
}

function renderRecord(r) {
  state.record = r;
  $('record-heading').textContent = r.name.givenNames + ' ' + r.name.familyName;
  const banners = $('banners');
  banners.replaceChildren();
  (r.notices || []).forEach((notice) => {
    let kind = '';
    if (/shielded/.test(notice)) kind = 'shielded';
    if (/Break-glass/.test(notice)) kind = 'break-glass';
    if (/sensitive service/.test(notice)) kind = 'sensitive';
    const banner = el('div', notice, 'notice ' + kind);
    banner.setAttribute('role', 'note');
    banners.appendChild(banner);
  });
  show('break-glass', r.locationWithheld && state.roles.includes('child-protection'));

  const details = $('record-details');
  details.replaceChildren();
  const add = (term, value) => { if (value) { details.appendChild(el('dt', term)); details.appendChild(el('dd', value)); } };
  add('ContactPoint ID', r.contactPointId);
  add('Date of birth', r.dateOfBirth);
  add('Gender', r.gender);
  add('Known as', r.preferredName);
  add('Former names', (r.formerNames || []).map((n) => n.givenNames + ' ' + n.familyName).join('; '));
  add('NHS number', r.nhsNumber);
  if (r.whereabouts && r.whereabouts.address) {
    const a = r.whereabouts.address;
    add('Address', [].concat(a.lines || [], a.town || [], a.postcode || []).join(', '));
  } else if (r.locationWithheld) {
    add('Address', 'Withheld');
  }
  add('Responsible local authority', r.responsibleLocalAuthority || (r.locationWithheld ? 'Withheld' : ''));

  const parents = $('parents');
  parents.replaceChildren();
  (r.parentsCarers || []).forEach((p) => {
    parents.appendChild(el('li', [p.name, p.relationship && '(' + p.relationship.toLowerCase() + ')',
      p.parentalResponsibility ? 'has parental responsibility' : '', p.phone, p.email].filter(Boolean).join(' ')));
  });
  if (!parents.children.length) parents.appendChild(el('li', 'None recorded'));

  const body = $('involvements').querySelector('tbody');
  body.replaceChildren();
  (r.involvements || []).forEach((i) => {
    const row = el('tr');
    if (i.sensitive) {
      const cell = el('td', i.note);
      cell.colSpan = 4;
      row.appendChild(cell);
    } else {
      row.appendChild(el('td', (i.serviceType || '') + (i.leadProfessional ? ' – lead professional' : '')
        + (i.cafHeld ? ' – CAF held' : '')));
      row.appendChild(el('td', i.organisation ? i.organisation.name : (i.note || '')));
      row.appendChild(el('td', i.practitioner ? [i.practitioner.name, i.practitioner.role].filter(Boolean).join(', ') : ''));
      row.appendChild(el('td', i.contact ? [i.contact.phone, i.contact.email].filter(Boolean).join(' ') : ''));
    }
    row.appendChild(el('td', (i.status || '').toLowerCase()));
    body.appendChild(row);
  });
  show('record', true);
  focusOn('record-heading');
}

$('break-glass').addEventListener('click', () => {
  $('break-glass-reason').value = '';
  $('break-glass-dialog').showModal();
  $('break-glass-reason').focus();
});

$('break-glass-form').addEventListener('submit', (event) => {
  const choice = event.submitter ? event.submitter.value : 'cancel';
  if (choice !== 'confirm') return;
  const reason = $('break-glass-reason').value.trim();
  if (reason.length < 10) {
    event.preventDefault();
    $('break-glass-reason').setCustomValidity('Give the reason in at least 10 characters');
    $('break-glass-reason').reportValidity();
    return;
  }
  viewRecord(state.record.contactPointId, reason);
});
$('break-glass-reason').addEventListener('input', () => $('break-glass-reason').setCustomValidity(''));
$('break-glass-dialog').addEventListener('close', () => $('break-glass').focus());

setUpSignIn();
