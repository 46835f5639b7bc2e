// The local authority ContactPoint team's screens: accounts, partner organisations, misuse investigations, the inbox
// of views of protected children, and reports. Shown only to la-management; every request goes to the gateway (same
// origin), which passes the team's own ones through to audit-service and identity-service with the caller's token
// (/la-team/*) and answers the children-falling-through-the-gaps reports itself (/local-authority-reports/*). Data
// from the APIs is only ever written with textContent, never as HTML. app.js's navigation (data-go links) shows these
// screens too; this module loads what each shows.
import * as session from '/assets/sign-in.js';
import { PURPOSES, SERVICE_TYPES, birthDate, localAuthority, longDate, todayIso, words } from '/assets/words.js';

const $ = (id) => document.getElementById(id);
const TEAM_ROLE = 'la-management';

const ROLES = Object.freeze({
  practitioner: 'Look children up and record their own work with them',
  'child-protection': 'Child-protection duties: may see a shielded child’s details in an emergency',
  'la-management': 'Local authority ContactPoint team',
});
const STATUSES = Object.freeze({
  ACTIVE: { text: 'Active', tag: 'govuk-tag--green' },
  SUSPENDED: { text: 'Suspended', tag: 'govuk-tag--orange' },
  CLOSED: { text: 'Closed', tag: 'govuk-tag--grey' },
});
const RULES = Object.freeze({
  SEARCH_BURST: 'A burst of searches',
  OWN_FAMILY_NAME: 'A search for their own family name',
  UNRELATED_CHILDREN: 'Many children looked up that no one in their organisation works with',
  BREAK_GLASS: 'The glass broken on a shielded child',
  SHIELDED_ACCESS: 'A shielded child’s record seen',
  OUT_OF_HOURS: 'Look-ups out of working hours',
});
const OUTCOMES = Object.freeze({
  NO_MISUSE: 'No misuse: the look-ups were justified',
  MISUSE_CONFIRMED: 'Misuse confirmed',
  REFERRED: 'Referred to the police, the Information Commissioner or the employer',
});
const REPORTS = Object.freeze({
  'children-without-school': 'Children of compulsory school age with no school',
  'children-moved-in-without-school-or-gp': 'Children who moved here in the last 90 days with no school or GP',
  'children-without-gp': 'Children with no GP',
});
const VULNERABILITIES = Object.freeze({
  CHILD_PROTECTION_PLAN: 'Child protection plan',
  LOOKED_AFTER: 'Looked after',
});

const state = { account: null, change: null, investigation: null, accountsPage: 0, report: null, reportPage: 0 };

// ---- building blocks (as app.js's) ---------------------------------------------------------------------------------

function el(tag, props, ...children) {
  const node = document.createElement(tag);
  Object.entries(props || {}).forEach(([key, value]) => {
    if (value === undefined || value === null || value === false) return;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else if (key === 'onclick') node.addEventListener('click', value);
    else node.setAttribute(key, value === true ? '' : value);
  });
  children.flat().forEach((child) => {
    if (child !== undefined && child !== null && child !== false) {
      node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    }
  });
  return node;
}

function action(text, onActivate, hiddenSuffix) {
  return el('a', {
    href: '#', class: 'govuk-link', onclick: (event) => { event.preventDefault(); onActivate(); },
  }, text, hiddenSuffix ? el('span', { class: 'govuk-visually-hidden', text: ' ' + hiddenSuffix }) : null);
}

function tag(text, colour) {
  return el('strong', { class: 'govuk-tag' + (colour ? ' ' + colour : ''), text });
}

function summaryCard(title, rows, actions, id) {
  return el('div', { class: 'govuk-summary-card', id },
    el('div', { class: 'govuk-summary-card__title-wrapper' },
      el('h3', { class: 'govuk-summary-card__title' }, title),
      actions && actions.length ? el('ul', { class: 'govuk-summary-card__actions' },
        actions.map((a) => el('li', { class: 'govuk-summary-card__action' }, a))) : null),
    el('div', { class: 'govuk-summary-card__content' },
      el('dl', { class: 'govuk-summary-list' }, rows.filter(([, value]) => value !== undefined && value !== null
        && value !== '').map(([key, value]) => el('div', { class: 'govuk-summary-list__row' },
        el('dt', { class: 'govuk-summary-list__key', text: key }),
        el('dd', { class: 'govuk-summary-list__value' }, value))))));
}

function table(caption, headings, rows) {
  return el('table', { class: 'govuk-table' },
    el('caption', { class: 'govuk-table__caption govuk-table__caption--m', text: caption }),
    el('thead', { class: 'govuk-table__head' }, el('tr', { class: 'govuk-table__row' },
      headings.map((h) => el('th', { scope: 'col', class: 'govuk-table__header', text: h })))),
    el('tbody', { class: 'govuk-table__body' }, rows.map((cells) => el('tr', { class: 'govuk-table__row' },
      cells.map((cell) => el('td', { class: 'govuk-table__cell' }, cell ?? ''))))));
}

function fillOptions(select, table) {
  Object.entries(table).forEach(([code, text]) => select.appendChild(el('option', { value: code, text })));
}

function choices(container, name, table, type) {
  const kind = type === 'radio' ? 'radios' : 'checkboxes';
  container.replaceChildren(...Object.entries(table).map(([code, text], i) => el('div', { class: `govuk-${kind}__item` },
    el('input', { class: `govuk-${kind}__input`, id: `${container.id}-${i}`, name, type, value: code }),
    el('label', { class: `govuk-label govuk-${kind}__label`, for: `${container.id}-${i}`, text }))));
}

function chosen(container) {
  return [...container.querySelectorAll('input:checked')].map((input) => input.value);
}

function dateInput(container) {
  const id = container.id;
  const item = (part, label, width) => el('div', { class: 'govuk-date-input__item' },
    el('div', { class: 'govuk-form-group' },
      el('label', { class: 'govuk-label govuk-date-input__label', for: `${id}-${part}`, text: label }),
      el('input', {
        class: `govuk-input govuk-date-input__input govuk-input--width-${width}`, id: `${id}-${part}`,
        name: `${id}-${part}`, type: 'text', inputmode: 'numeric', autocomplete: 'off',
      })));
  container.replaceChildren(item('day', 'Day', 2), item('month', 'Month', 2), item('year', 'Year', 4));
}

/** A whole date typed in a date input: {value: yyyy-mm-dd}, {value: ''} when empty, or {error}. */
function readDate(field, label) {
  const [day, month, year] = ['day', 'month', 'year'].map((p) => $(`${field}-${p}`).value.trim());
  if (!day && !month && !year) return { value: '' };
  const d = +day;
  const m = +month;
  const valid = /^\d{1,2}$/.test(day) && /^\d{1,2}$/.test(month) && /^\d{4}$/.test(year) && m >= 1 && m <= 12
    && d >= 1 && d <= new Date(Date.UTC(+year, m, 0)).getUTCDate();
  if (!valid) return { error: { field, text: `${label} must be a real date, like 1 11 2026` } };
  return { value: `${year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` };
}

function humanise(key) {
  const spaced = String(key).replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

// Figures of any shape (data quality, usage), in words: objects as summary lists, lists of objects as tables.
function figures(value) {
  if (value === null || value === undefined) return 'None';
  if (Array.isArray(value)) {
    if (!value.length) return 'None';
    if (value.every((v) => v && typeof v === 'object' && !Array.isArray(v))) {
      const keys = [...new Set(value.flatMap((v) => Object.keys(v)))];
      return el('table', { class: 'govuk-table' },
        el('thead', { class: 'govuk-table__head' }, el('tr', { class: 'govuk-table__row' },
          keys.map((k) => el('th', { scope: 'col', class: 'govuk-table__header', text: humanise(k) })))),
        el('tbody', { class: 'govuk-table__body' }, value.map((v) => el('tr', { class: 'govuk-table__row' },
          keys.map((k) => el('td', { class: 'govuk-table__cell' }, figures(v[k])))))));
    }
    return value.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join(', ');
  }
  if (typeof value === 'object') {
    return el('dl', { class: 'govuk-summary-list' }, Object.entries(value).map(([k, v]) => el('div',
      { class: 'govuk-summary-list__row' },
      el('dt', { class: 'govuk-summary-list__key', text: humanise(k) }),
      el('dd', { class: 'govuk-summary-list__value' }, figures(v)))));
  }
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'number') return value.toLocaleString('en-GB');
  if (/^\d{4}-\d{2}-\d{2}/.test(String(value))) return longDate(String(value).slice(0, 10));
  return String(value);
}

function when(instant) {
  return instant ? longDate(String(instant).slice(0, 10)) + ' at ' + String(instant).slice(11, 16) : '';
}

// ---- screens and errors (the page's own elements, as app.js uses them) ---------------------------------------------

function show(screen, success) {
  document.querySelectorAll('.app-screen').forEach((section) => { section.hidden = section.id !== screen; });
  clearErrors();
  $('success-text').textContent = success || '';
  $('success-banner').hidden = !success;
  document.title = `${$(screen).dataset.title} – ContactPoint`;
  $(screen).querySelector('h1').focus();
  window.scrollTo(0, 0);
}

function currentScreen() {
  const visible = [...document.querySelectorAll('.app-screen')].find((section) => !section.hidden);
  return visible ? visible.id : null;
}

function clearErrors() {
  document.querySelectorAll('.govuk-form-group--error').forEach((g) => g.classList.remove('govuk-form-group--error'));
  document.querySelectorAll('[aria-invalid]').forEach((input) => {
    input.removeAttribute('aria-invalid');
    input.classList.remove('govuk-input--error', 'govuk-select--error', 'govuk-textarea--error');
    const described = (input.getAttribute('aria-describedby') || '').split(' ')
      .filter((id) => id && !id.endsWith('-error')).join(' ');
    if (described) input.setAttribute('aria-describedby', described); else input.removeAttribute('aria-describedby');
  });
  document.querySelectorAll('.govuk-error-message').forEach((m) => { m.hidden = true; m.replaceChildren(); });
  $('error-list').replaceChildren();
  $('error-summary').hidden = true;
}

/** Each {field, text} marks its field and links to it from the summary; one without a field is listed alone. */
function showErrors(errors) {
  clearErrors();
  errors.forEach((error) => {
    const group = error.field && $(`${error.field}-group`);
    if (!group) {
      $('error-list').appendChild(el('li', { text: error.text }));
      return;
    }
    group.classList.add('govuk-form-group--error');
    const message = $(`${error.field}-error`);
    message.replaceChildren(el('span', { class: 'govuk-visually-hidden', text: 'Error: ' }), error.text);
    message.hidden = false;
    const single = $(error.field);
    const inputs = single && single.matches('input, select, textarea') ? [single]
      : [...group.querySelectorAll('input, select, textarea')].slice(0, single && single.classList
        .contains('govuk-date-input') ? 3 : 1);
    inputs.forEach((input) => {
      input.setAttribute('aria-invalid', 'true');
      const kind = input.tagName === 'SELECT' ? 'select' : input.tagName === 'TEXTAREA' ? 'textarea' : 'input';
      if (input.type !== 'checkbox' && input.type !== 'radio') input.classList.add(`govuk-${kind}--error`);
      input.setAttribute('aria-describedby',
        [input.getAttribute('aria-describedby'), `${error.field}-error`].filter(Boolean).join(' '));
    });
    $('error-list').appendChild(el('li', {}, el('a', { href: '#' + inputs[0].id, text: error.text })));
  });
  $('success-banner').hidden = true;
  $('error-summary').hidden = false;
  const screen = currentScreen();
  document.title = `Error: ${screen ? $(screen).dataset.title : 'ContactPoint'} – ContactPoint`;
  $('error-summary').focus();
}

// ---- talking to the gateway ----------------------------------------------------------------------------------------

class Refused extends Error {
  constructor(errors) { super('refused'); this.errors = errors; }
}

// Problem fields of the APIs, named as these screens' fields.
const FIELD_NAMES = {
  username: 'accountUsername', name: 'accountName', email: 'accountEmail', organisationCode: 'accountOrganisation',
  roles: 'accountRoles', reason: 'accountReason', outcome: 'investigationOutcome', note: 'investigationNote',
  from: 'figuresFrom', to: 'figuresTo',
};

/** The answer's body (JSON, or text for a CSV) and headers; a refusal in words, or the session ended on 401. */
async function call(method, path, options = {}) {
  const headers = { Accept: options.accept || 'application/json', Authorization: session.authorization() };
  if (options.purpose) headers['X-Purpose-Of-Use'] = options.purpose;
  if (options.body) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, {
    method, headers, cache: 'no-store', body: options.body ? JSON.stringify(options.body) : undefined,
  });
  const type = response.headers.get('Content-Type') || '';
  const text = await response.text();
  let body = text;
  if (/json/.test(type)) {
    try { body = JSON.parse(text); } catch (e) { body = {}; }
  }
  if (response.status === 401) {
    session.signOut('Your session has ended. Sign in again to carry on.');
    throw new Refused([]);
  }
  if (!response.ok) {
    const problem = typeof body === 'object' && body ? body : {};
    let said = problem.detail || problem.title || `Something went wrong (${response.status}). Try again.`;
    if (response.status === 429 && response.headers.get('Retry-After')) {
      said += ` You can try again in ${response.headers.get('Retry-After')} seconds.`;
    }
    const fieldErrors = (problem.errors || []).map((e) => ({
      field: options.fields && options.fields[e.field] ? options.fields[e.field] : FIELD_NAMES[e.field],
      text: `${e.reason}`,
    })).map((e) => ($(`${e.field}-group`) ? e : { text: e.text }));
    throw new Refused(fieldErrors.length ? fieldErrors : [{ text: said }]);
  }
  return { body, headers: response.headers };
}

/** Whether a list's answer says another page follows (`Link: <…>; rel="next"`, docs/api.md pagination). */
function hasNext(headers) {
  return /rel="?next"?/.test(headers.get('Link') || '');
}

async function attempt(work) {
  try {
    await work();
  } catch (e) {
    if (!(e instanceof Refused)) throw e;
    if (e.errors.length) showErrors(e.errors);
  }
}

// ---- accounts ------------------------------------------------------------------------------------------------------

async function loadAccounts() {
  const { body, headers } = await call('GET', `/la-team/accounts?page=${state.accountsPage}&size=50`);
  const accounts = Array.isArray(body) ? body : [];
  $('la-accounts-list').replaceChildren(accounts.length ? table('Your authority’s accounts',
    ['Name', 'Organisation', 'May', 'Status', 'Change'],
    accounts.map((a) => [
      el('span', {}, a.name || a.username, el('br'), el('span', { class: 'govuk-hint', text: a.username })),
      a.organisation || a.organisationCode,
      (a.roles || []).map((r) => ROLES[r] || r).join('; '),
      el('span', {}, tag((STATUSES[a.status] || { text: a.status }).text, (STATUSES[a.status] || {}).tag),
        a.statusReason && a.status !== 'ACTIVE' ? el('p', { class: 'govuk-body-s', text: a.statusReason }) : null),
      accountActions(a),
    ])) : el('p', { class: 'govuk-body', text: 'Your authority has no accounts in ContactPoint yet.' }));
  const paging = [];
  if (state.accountsPage > 0) paging.push(action('Previous page', () => { state.accountsPage -= 1; attempt(loadAccounts); }, 'of accounts'));
  if (hasNext(headers)) paging.push(action('Next page', () => { state.accountsPage += 1; attempt(loadAccounts); }, 'of accounts'));
  $('la-accounts-paging').replaceChildren(...paging.map((link) => el('p', { class: 'govuk-body' }, link)));
}

function accountActions(account) {
  const who = account.name || account.username;
  const links = [];
  if (account.status === 'ACTIVE') links.push(action('Suspend', () => startChange(account, 'suspend'), who));
  if (account.status === 'SUSPENDED') links.push(action('Reinstate', () => startChange(account, 'reinstate'), who));
  if (account.status !== 'CLOSED') links.push(action('Close', () => startChange(account, 'close'), who));
  return el('ul', { class: 'govuk-list' }, links.map((link) => el('li', {}, link)));
}

const CHANGES = Object.freeze({
  suspend: {
    heading: 'Suspend the account', confirm: 'Suspend the account', reason: true,
    effect: 'They are refused from their next request, in every part of ContactPoint, until you reinstate them.',
    done: (who) => `${who}’s account is suspended. They are refused from their next request.`,
  },
  reinstate: {
    heading: 'Reinstate the account', confirm: 'Reinstate the account', reason: false,
    effect: 'They may use ContactPoint again from their next sign-in.',
    done: (who) => `${who}’s account is reinstated.`,
  },
  close: {
    heading: 'Close the account', confirm: 'Close the account', reason: true,
    effect: 'A closed account is refused for good: it cannot be reinstated.',
    done: (who) => `${who}’s account is closed.`,
  },
});

function startChange(account, kind) {
  state.account = account;
  state.change = kind;
  const change = CHANGES[kind];
  $('la-account-change-form').reset();
  $('la-account-change-who').textContent = `${account.name || account.username}, ${account.organisation || account.organisationCode || ''}`;
  $('la-account-change-heading').textContent = change.heading;
  $('la-account-change-effect').textContent = change.effect;
  $('la-account-change-confirm').textContent = change.confirm;
  $('accountReason-group').hidden = !change.reason;
  $('la-account-change').dataset.title = change.heading;
  $('la-account-change-confirm').classList.toggle('govuk-button--warning', kind !== 'reinstate');
  show('la-account-change');
}

$('la-account-change-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const change = CHANGES[state.change];
  const reason = $('accountReason').value.trim();
  if (change.reason && !reason) { showErrors([{ field: 'accountReason', text: 'Say why' }]); return; }
  const account = state.account;
  const path = `/la-team/accounts/${encodeURIComponent(account.userId)}`;
  attempt(async () => {
    if (state.change === 'suspend') await call('POST', `${path}/suspension`, { body: { reason } });
    else if (state.change === 'reinstate') await call('DELETE', `${path}/suspension`);
    else await call('POST', `${path}/closure`, { body: { reason } });
    await loadAccounts();
    show('la-accounts', change.done(account.name || account.username));
  });
});

async function prepareAccountForm() {
  $('la-account-form').reset();
  const user = session.user();
  const select = $('accountOrganisation');
  select.replaceChildren(el('option', { value: '', text: user.organisation || 'Your own organisation' }));
  choices($('accountRoles'), 'roles', ROLES, 'checkbox');
  const { body } = await call('GET', '/la-team/partner-organisations');
  (Array.isArray(body) ? body : body.organisations || body.partnerOrganisations || []).forEach((o) => {
    select.appendChild(el('option', { value: o.organisationCode, text: `${o.name} (partner${o.national ? ', national' : ''})` }));
  });
}

$('la-account-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const errors = [];
  const username = $('accountUsername').value.trim();
  const name = $('accountName').value.trim();
  const email = $('accountEmail').value.trim();
  const roles = chosen($('accountRoles'));
  if (!/^[A-Za-z0-9._-]{3,60}$/.test(username)) {
    errors.push({ field: 'accountUsername', text: 'Enter a username of 3 to 60 letters, digits, dots or hyphens' });
  }
  if (!name) errors.push({ field: 'accountName', text: 'Enter their full name' });
  if (email && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) {
    errors.push({ field: 'accountEmail', text: 'Enter an email address, like name@example.org' });
  }
  if (!roles.length) errors.push({ field: 'accountRoles', text: 'Choose what they may do' });
  if (errors.length) { showErrors(errors); return; }
  attempt(async () => {
    const { body } = await call('POST', '/la-team/accounts', {
      body: { username, name, email: email || null, organisationCode: $('accountOrganisation').value || null, roles },
    });
    state.accountsPage = 0;
    await loadAccounts();
    show('la-accounts', `Account created for ${body.name || name}. They set their password when they first sign in.`);
  });
});

// ---- partner organisations -----------------------------------------------------------------------------------------

async function loadPartners() {
  choices($('partnerRoles'), 'partnerRoles', { practitioner: ROLES.practitioner, 'child-protection': ROLES['child-protection'] }, 'checkbox');
  const { body } = await call('GET', '/la-team/partner-organisations');
  const partners = Array.isArray(body) ? body : body.organisations || body.partnerOrganisations || [];
  $('la-partners-list').replaceChildren(partners.length ? table('Organisations whose staff may hold accounts',
    ['Organisation', 'Code', 'Registered by', 'Its staff may'],
    partners.map((o) => [o.name, o.organisationCode,
      o.national ? 'National: any local authority' : localAuthority(o.localAuthority),
      (o.roles || []).map((r) => ROLES[r] || r).join('; ')]))
    : el('p', { class: 'govuk-body', text: 'No partner organisations are registered yet.' }));
}

$('la-partner-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const errors = [];
  const organisationCode = $('partnerCode').value.trim();
  const name = $('partnerName').value.trim();
  const roles = chosen($('partnerRoles'));
  if (!/^[A-Za-z0-9_-]{2,40}$/.test(organisationCode)) {
    errors.push({ field: 'partnerCode', text: 'Enter the organisation’s code: letters, digits, hyphens' });
  }
  if (!name) errors.push({ field: 'partnerName', text: 'Enter the organisation’s name' });
  if (!roles.length) errors.push({ field: 'partnerRoles', text: 'Choose what its staff may do' });
  if (errors.length) { showErrors(errors); return; }
  attempt(async () => {
    await call('POST', '/la-team/partner-organisations', { body: { organisationCode, name, roles },
      fields: { organisationCode: 'partnerCode', name: 'partnerName', roles: 'partnerRoles' } });
    $('la-partner-form').reset();
    await loadPartners();
    show('la-partners', `${name} is registered. Its staff may now be given accounts.`);
  });
});

// ---- misuse investigations -----------------------------------------------------------------------------------------

async function loadInvestigations() {
  const closedToo = $('investigationsIncludeClosed').checked;
  const { body } = await call('GET', `/la-team/investigations?includeClosed=${closedToo}&size=50`);
  const investigations = Array.isArray(body) ? body : [];
  $('la-investigations-list').replaceChildren(...(investigations.length ? investigations.map((i) => {
    const who = i.userName || i.userId;
    const open = !i.closedAt;
    return summaryCard(el('span', {}, open ? tag('Open', 'govuk-tag--red') : tag('Closed', 'govuk-tag--grey'), ' ',
      RULES[i.rule] || i.rule), [
      ['Who', who],
      ['Organisation', i.organisation || i.organisationCode],
      ['Opened', when(i.openedAt)],
      ['Account', i.accountSuspended ? 'Suspended at once by the alert' : 'Not suspended'],
      ['What the alert said', i.summary],
      ['Outcome', i.outcome ? OUTCOMES[i.outcome] || i.outcome : ''],
      ['What happened', i.outcomeNote],
      ['Closed', i.closedAt ? `${when(i.closedAt)} by ${i.closedBy}` : ''],
      ['Reference', i.investigationId],
    ], open ? [action('Close with an outcome', () => startClosing(i), `(${who})`)] : [],
    `investigation-${i.investigationId}`);
  }) : [el('p', { class: 'govuk-body', text: closedToo ? 'There have been no investigations.'
    : 'There are no open investigations.' })]));
}

function startClosing(investigation) {
  state.investigation = investigation;
  $('la-investigation-form').reset();
  choices($('investigationOutcome'), 'outcome', OUTCOMES, 'radio');
  $('la-investigation-close-who').textContent = `${investigation.userName || investigation.userId}: `
    + `${RULES[investigation.rule] || investigation.rule}`;
  show('la-investigation-close');
}

$('la-investigation-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const errors = [];
  const [outcome] = chosen($('investigationOutcome'));
  const note = $('investigationNote').value.trim();
  if (!outcome) errors.push({ field: 'investigationOutcome', text: 'Choose what you found' });
  if (!note) errors.push({ field: 'investigationNote', text: 'Say what happened' });
  if (errors.length) { showErrors(errors); return; }
  const investigation = state.investigation;
  attempt(async () => {
    await call('POST', `/la-team/investigations/${encodeURIComponent(investigation.investigationId)}/closure`,
      { body: { outcome, note } });
    await loadInvestigations();
    show('la-investigations', `The investigation into ${investigation.userName || investigation.userId} is closed: `
      + `${OUTCOMES[outcome]}.`);
  });
});

$('investigationsIncludeClosed').addEventListener('change', () => attempt(loadInvestigations));

// ---- views of protected children -----------------------------------------------------------------------------------

$('la-access-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const purpose = $('accessPurpose').value;
  if (!purpose) { showErrors([{ field: 'accessPurpose', text: 'Choose why you are reading them' }]); return; }
  attempt(async () => {
    const { body } = await call('GET', '/la-team/access-notifications?size=50', { purpose });
    clearErrors();
    renderAccess(Array.isArray(body) ? body : [], purpose);
  });
});

function renderAccess(notifications, purpose) {
  const list = $('la-access-list');
  list.setAttribute('tabindex', '-1');
  list.replaceChildren(...(notifications.length ? [el('h2', { class: 'govuk-heading-m',
    text: notifications.length === 1 ? '1 view' : `${notifications.length} views` }),
  ...notifications.map((n) => accessCard(n, purpose))]
    : [el('p', { class: 'govuk-body', text: 'No one has viewed the records of your protected children.' })]));
  list.focus();
}

function accessCard(n, purpose) {
  const viewed = when(n.viewedAt);
  const actions = n.acknowledgedAt ? [] : [action('Mark as read', () => attempt(async () => {
    await call('POST', `/la-team/access-notifications/${encodeURIComponent(n.notificationId)}/acknowledgement`,
      { purpose });
    const card = accessCard({ ...n, acknowledgedAt: new Date().toISOString() }, purpose);
    $(`access-${n.notificationId}`).replaceWith(card);
    card.querySelector('h3').setAttribute('tabindex', '-1');
    card.querySelector('h3').focus();
  }), `(${viewed})`)];
  const viewer = n.viewer || {};
  return summaryCard(el('span', {}, n.acknowledgedAt ? tag('Read', 'govuk-tag--grey') : tag('New', 'govuk-tag--blue'),
    ' ', viewed), [
    ['Child', n.contactPointId],
    ['Why the child is protected', (n.vulnerabilities || []).map((v) => VULNERABILITIES[v] || humanise(v)).join('; ')],
    ['Viewed by', [viewer.name, viewer.organisation].filter(Boolean).join(', ')],
    ['Their reason', PURPOSES[n.purpose] || n.purpose],
    ['Broke the glass because', n.breakGlassReason],
  ], actions, `access-${n.notificationId}`);
}

// ---- reports -------------------------------------------------------------------------------------------------------

$('la-report-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const errors = [];
  const [report] = chosen($('reportKind'));
  const purpose = $('reportPurpose').value;
  if (!report) errors.push({ field: 'reportKind', text: 'Choose which children' });
  if (!purpose) errors.push({ field: 'reportPurpose', text: 'Choose why you are looking' });
  if (errors.length) { showErrors(errors); return; }
  state.report = { report, purpose };
  state.reportPage = 0;
  attempt(loadReport);
});

async function loadReport() {
  const { report, purpose } = state.report;
  const { body, headers } = await call('GET',
    `/local-authority-reports/${report}?page=${state.reportPage}&size=50`, { purpose });
  const rows = Array.isArray(body) ? body : [];
  const more = hasNext(headers);
  const today = todayIso();
  const result = $('la-report-result');
  clearErrors();
  result.replaceChildren(rows.length ? table(`${REPORTS[report]}, page ${state.reportPage + 1}`,
    ['Name', 'Date of birth', 'Postcode', 'Moved here', 'Services working with them'],
    rows.map((r) => [
      [r.givenNames, r.familyName].filter(Boolean).join(' ') + (r.preferredName ? ` (known as ${r.preferredName})` : ''),
      r.dateOfBirth ? birthDate(r.dateOfBirth, today) : '',
      r.locationWithheld ? 'Withheld' : r.postcode || 'Not known',
      r.movedInAt ? `${when(r.movedInAt)}${r.previousLocalAuthority ? ', from ' + localAuthority(r.previousLocalAuthority) : ''}` : '',
      (r.serviceTypes || []).length ? r.serviceTypes.map((s) => words(SERVICE_TYPES, s)).join('; ') : 'None',
    ]))
    : el('p', { class: 'govuk-body', text: state.reportPage ? 'No more children.' : 'No children are in this report.' }),
  ...[state.reportPage > 0 ? el('p', { class: 'govuk-body' }, action('Previous page',
    () => { state.reportPage -= 1; attempt(loadReport); }, 'of children')) : null,
  more ? el('p', { class: 'govuk-body' }, action('Next page',
    () => { state.reportPage += 1; attempt(loadReport); }, 'of children')) : null].filter(Boolean));
  result.focus();
}

$('la-report-download').addEventListener('click', () => {
  const purpose = $('reportPurpose').value;
  if (!purpose) { showErrors([{ field: 'reportPurpose', text: 'Choose why you are looking' }]); return; }
  attempt(async () => {
    const { body, headers } = await call('GET', '/local-authority-reports/children-missing-education.csv',
      { purpose, accept: 'text/csv' });
    const named = /filename="?([^";]+)"?/.exec(headers.get('Content-Disposition') || '');
    const link = el('a', {
      href: URL.createObjectURL(new Blob([body], { type: 'text/csv' })),
      download: named ? named[1] : 'children-missing-education.csv', class: 'govuk-link', id: 'la-report-csv',
    }, 'Save the list of children missing education (CSV)');
    clearErrors();
    $('la-report-result').replaceChildren(el('div', { class: 'govuk-inset-text' },
      el('p', { class: 'govuk-body', text: 'The list is ready. Downloading it is recorded as a disclosure of the children on it.' }),
      el('p', { class: 'govuk-body' }, link)));
    link.click();
    $('la-report-result').focus();
  });
});

function period() {
  const errors = [];
  const from = readDate('figuresFrom', 'The first day');
  const to = readDate('figuresTo', 'The last day');
  [from, to].forEach((d) => { if (d.error) errors.push(d.error); });
  if (!errors.length && from.value && to.value && from.value > to.value) {
    errors.push({ field: 'figuresTo', text: 'The last day must be the same as or after the first day' });
  }
  if (errors.length) { showErrors(errors); return null; }
  const query = new URLSearchParams();
  if (from.value) query.set('from', from.value);
  if (to.value) query.set('to', to.value);
  return query.toString() ? `?${query}` : '';
}

async function loadFigures(path, heading) {
  const query = period();
  if (query === null) return;
  await attempt(async () => {
    const { body } = await call('GET', path + query);
    clearErrors();
    const result = $('la-figures-result');
    result.replaceChildren(el('h3', { class: 'govuk-heading-s', text: heading }), figures(body));
    result.focus();
  });
}

$('la-figures-form').addEventListener('submit', (event) => {
  event.preventDefault();
  loadFigures('/la-team/data-quality', 'Data quality');
});
$('la-usage').addEventListener('click', () => loadFigures('/la-team/usage-reports', 'How ContactPoint is used'));

// ---- navigation and start ------------------------------------------------------------------------------------------

const LOADERS = {
  'la-accounts': loadAccounts,
  'la-account-create': prepareAccountForm,
  'la-partners': loadPartners,
  'la-investigations': loadInvestigations,
  'la-access-notifications': async () => $('la-access-list').replaceChildren(),
  'la-reports': async () => { $('la-report-result').replaceChildren(); $('la-figures-result').replaceChildren(); },
};

// app.js shows the screen a data-go link names; this loads what it shows (registered after app.js's handler).
document.addEventListener('click', (event) => {
  const link = event.target.closest('[data-go]');
  if (!link || !LOADERS[link.dataset.go]) return;
  const user = session.user();
  if (!user || !user.roles.includes(TEAM_ROLE)) return;
  attempt(LOADERS[link.dataset.go]);
});

// The LA team's menu item, for la-management only: shown when the menu is, once someone has signed in.
function showTeamMenu() {
  const user = session.user();
  $('la-team-nav').hidden = $('service-nav').hidden || !user || !user.roles.includes(TEAM_ROLE);
}
new MutationObserver(showTeamMenu).observe($('service-nav'), { attributes: true, attributeFilter: ['hidden'] });
showTeamMenu();

fillOptions($('accessPurpose'), PURPOSES);
fillOptions($('reportPurpose'), PURPOSES);
choices($('reportKind'), 'report', REPORTS, 'radio');
dateInput($('figuresFrom'));
dateInput($('figuresTo'));
