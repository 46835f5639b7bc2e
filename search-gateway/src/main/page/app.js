// The practitioner page: GOV.UK Frontend over the gateway's lookup API and its self-service pass-through to
// involvement-service. Data from the API is only ever written with textContent (el), never as HTML.
import { ErrorSummary, initAll } from '/assets/govuk-frontend.min.js';
import * as session from '/assets/sign-in.js';
import {
  GENDERS, GRADES, PURPOSES, SELF_RECORDED_SERVICE_TYPES, SERVICE_TYPES, VARIATIONS, WHEREABOUTS,
  birthDate, localAuthority, longDate, mailtoHref, telHref, todayIso, words,
} from '/assets/words.js';

document.body.classList.add('js-enabled', 'govuk-frontend-supported');

const $ = (id) => document.getElementById(id);
const state = { screen: null, purpose: '', results: null, record: null, involvement: null };

// ---- building blocks ----------------------------------------------------------------------------------------------

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

function button(text, onActivate, extraClass) {
  return el('button', {
    type: 'button', class: 'govuk-button' + (extraClass ? ' ' + extraClass : ''), 'data-module': 'govuk-button',
    onclick: onActivate,
  }, text);
}

function summaryList(rows) {
  return el('dl', { class: 'govuk-summary-list' }, rows.filter(([, value]) => value !== undefined && value !== null
    && value !== '').map(([key, value]) => el('div', { class: 'govuk-summary-list__row' },
    el('dt', { class: 'govuk-summary-list__key', text: key }),
    el('dd', { class: 'govuk-summary-list__value' }, value))));
}

function summaryCard(title, rows, actions) {
  return el('div', { class: 'govuk-summary-card' },
    el('div', { class: 'govuk-summary-card__title-wrapper' },
      el('h3', { class: 'govuk-summary-card__title' }, title),
      actions && actions.length ? el('ul', { class: 'govuk-summary-card__actions' },
        actions.map((a) => el('li', { class: 'govuk-summary-card__action' }, a))) : null),
    el('div', { class: 'govuk-summary-card__content' }, summaryList(rows)));
}

function tag(text, colour) {
  return el('strong', { class: 'govuk-tag' + (colour ? ' ' + colour : ''), text });
}

function phoneLink(phone) {
  return phone ? el('a', { class: 'govuk-link', href: telHref(phone), text: phone }) : null;
}

function emailLink(email) {
  return email ? el('a', { class: 'govuk-link', href: mailtoHref(email), text: email }) : null;
}

function fillOptions(select, table, codes) {
  (codes || Object.keys(table)).forEach((code) => select.appendChild(el('option', { value: code, text: table[code] })));
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

// ---- screens, page title and errors -------------------------------------------------------------------------------

function title(errors) {
  const screen = $(state.screen);
  document.title = (errors ? 'Error: ' : '') + (screen ? screen.dataset.title : 'ContactPoint') + ' – ContactPoint';
}

// Moves focus to the screen's heading, as a new page would be read from the top; not on first load, where the skip
// link comes first.
function go(screen, success, focus = true) {
  document.querySelectorAll('.app-screen').forEach((section) => { section.hidden = section.id !== screen; });
  state.screen = screen;
  clearErrors();
  $('success-text').textContent = success || '';
  $('success-banner').hidden = !success;
  title(false);
  if (focus) {
    $(screen).querySelector('h1').focus();
    window.scrollTo(0, 0);
  }
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

/**
 * Shows errors: each {field, text, parts?} marks its field (the group, the message, aria-invalid on its inputs, or on
 * the date parts named) and links to it from the summary; an error without a field is listed on its own.
 */
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
      : (error.parts || ['day', 'month', 'year']).map((part) => $(`${error.field}-${part}`));
    inputs.forEach((input) => {
      input.setAttribute('aria-invalid', 'true');
      const kind = input.tagName === 'SELECT' ? 'select' : input.tagName === 'TEXTAREA' ? 'textarea' : 'input';
      input.classList.add(`govuk-${kind}--error`);
      input.setAttribute('aria-describedby',
        [input.getAttribute('aria-describedby'), `${error.field}-error`].filter(Boolean).join(' '));
    });
    $('error-list').appendChild(el('li', {}, el('a', { href: '#' + inputs[0].id, text: error.text })));
  });
  $('success-banner').hidden = true;
  $('error-summary').hidden = false;
  title(true);
  $('error-summary').focus();
}

// ---- talking to the gateway ---------------------------------------------------------------------------------------

class Refused extends Error {
  constructor(errors) { super('refused'); this.errors = errors; }
}

// Problem fields of the APIs, named as the page's fields.
const FIELD_NAMES = {
  'X-Purpose-Of-Use': 'purpose', 'contact.phone': 'contactPhone', 'contact.email': 'contactEmail',
  'practitioner.name': 'practitionerName', 'practitioner.role': 'practitionerRole', reason: 'brokeringReason',
  'X-Break-Glass-Reason': 'break-glass-reason',
};

async function call(method, path, options = {}) {
  const headers = { Accept: 'application/json', Authorization: session.authorization() };
  if (options.purpose) headers['X-Purpose-Of-Use'] = options.purpose;
  if (options.body) headers['Content-Type'] = 'application/json';
  Object.assign(headers, options.headers || {});
  const response = await fetch(path, {
    method, headers, cache: 'no-store', body: options.body ? JSON.stringify(options.body) : undefined,
  });
  const answer = await response.json().catch(() => ({}));
  if (response.status === 401) {
    session.signOut('Your session has ended. Sign in again to carry on.');
    throw new Refused([]);
  }
  if (!response.ok) {
    let text = answer.detail || answer.title || `Something went wrong (${response.status}). Try again.`;
    if (response.status === 429 && response.headers.get('Retry-After')) {
      text += ` You can try again in ${response.headers.get('Retry-After')} seconds.`;
    }
    const fieldErrors = (answer.errors || []).map((e) => ({
      field: FIELD_NAMES[e.field] || e.field, text: `${e.reason}`,
    }));
    throw new Refused(fieldErrors.length ? fieldErrors : [{ text }]);
  }
  return answer;
}

async function attempt(work) {
  try {
    await work();
  } catch (e) {
    if (!(e instanceof Refused)) throw e;
    if (e.errors.length) showErrors(e.errors);
  }
}

// ---- date input ---------------------------------------------------------------------------------------------------

/**
 * Reads a date input: {value} as yyyy-mm-dd, or yyyy-mm / yyyy when partial is allowed, '' when empty; or {error}.
 */
function readDate(field, label, { partial = false, required = false, notAfter } = {}) {
  const [day, month, year] = ['day', 'month', 'year'].map((p) => $(`${field}-${p}`).value.trim());
  if (!day && !month && !year) {
    return required ? { error: { field, text: `Enter ${label}` } } : { value: '' };
  }
  if (!/^\d{4}$/.test(year)) return { error: { field, text: `${cap(label)} must include a year of 4 digits`, parts: ['year'] } };
  if (!partial && (!day || !month)) {
    return { error: { field, text: `${cap(label)} must include a day and a month`, parts: [!day ? 'day' : 'month'] } };
  }
  if (day && !month) return { error: { field, text: `${cap(label)} must include a month`, parts: ['month'] } };
  if (month && !(/^\d{1,2}$/.test(month) && +month >= 1 && +month <= 12)) {
    return { error: { field, text: `${cap(label)} must have a month from 1 to 12`, parts: ['month'] } };
  }
  const pad = (n) => String(n).padStart(2, '0');
  if (!month) return { value: year };
  if (!day) return { value: `${year}-${pad(month)}` };
  const days = new Date(Date.UTC(+year, +month, 0)).getUTCDate();
  if (!(/^\d{1,2}$/.test(day) && +day >= 1 && +day <= days)) {
    return { error: { field, text: `${cap(label)} must be a real date`, parts: ['day'] } };
  }
  const value = `${year}-${pad(month)}-${pad(day)}`;
  if (notAfter && value > notAfter) return { error: { field, text: `${cap(label)} must be today or in the past` } };
  return { value };
}

function cap(text) { return text.charAt(0).toUpperCase() + text.slice(1); }

function setDate(field, iso) {
  const [year, month, day] = iso.split('-');
  $(`${field}-day`).value = String(+day);
  $(`${field}-month`).value = String(+month);
  $(`${field}-year`).value = year;
}

// ---- sign-in ------------------------------------------------------------------------------------------------------

function signedIn(user) {
  $('signed-in-as').textContent = `Signed in as ${user.name}${user.organisation ? ', ' + user.organisation : ''}`;
  $('signed-in-as').hidden = false;
  $('service-nav').hidden = false;
  go('search');
}

function signedOut(reason) {
  $('signed-in-as').hidden = true;
  $('service-nav').hidden = true;
  state.results = null;
  state.record = null;
  $('sign-in-ended').textContent = reason;
  $('sign-in-ended').hidden = !reason;
  go('sign-in', '', Boolean(reason));
}

$('sign-out').addEventListener('click', (event) => {
  event.preventDefault();
  session.endSession();
});

// ---- search and results -------------------------------------------------------------------------------------------

$('search-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const errors = [];
  const purpose = $('purpose').value;
  if (!purpose) errors.push({ field: 'purpose', text: 'Choose why you are looking' });
  const date = readDate('dateOfBirth', 'date of birth', { partial: true });
  if (date.error) errors.push(date.error);
  const params = new URLSearchParams();
  ['familyName', 'givenNames', 'gender', 'postcode', 'contactPointId', 'nhsNumber'].forEach((field) => {
    const value = $(field).value.trim();
    if (value) params.set(field, value);
  });
  if (date.value) params.set('dateOfBirth', date.value);
  if (!errors.length && ![...params.keys()].length) {
    errors.push({ field: 'familyName', text: 'Enter a family name with a date of birth, or an exact identifier' });
  }
  if (errors.length) { showErrors(errors); return; }
  state.purpose = purpose;
  attempt(async () => {
    state.results = await call('GET', '/children?' + params.toString(), { purpose });
    renderResults(state.results);
    go('results');
  });
});

function renderResults(answer) {
  const body = $('results-table').querySelector('tbody');
  body.replaceChildren();
  if (answer.tooManyMatches) {
    $('results-summary').textContent = answer.advice;
    $('results-table').hidden = true;
    return;
  }
  const n = answer.matches.length;
  $('results-summary').textContent = n === 0 ? 'No child matches. Check the spelling, or add what else you know.'
    : n === 1 ? '1 child matches.' : `${n} children match, best match first.`;
  const today = todayIso();
  answer.matches.forEach((m) => {
    const name = `${m.givenNames} ${m.familyName}`;
    const grade = GRADES[m.grade] || { text: m.grade, tag: '' };
    const why = (m.variations || []).map((v) => words(VARIATIONS, v));
    body.appendChild(el('tr', { class: 'govuk-table__row' },
      el('td', { class: 'govuk-table__cell' },
        action(name, () => viewRecord(m.contactPointId)),
        m.preferredName ? el('span', { class: 'govuk-hint app-inline-hint', text: ` known as ${m.preferredName}` }) : null,
        m.shielded ? el('div', {}, tag('Shielded', 'govuk-tag--red')) : null),
      el('td', { class: 'govuk-table__cell', text: birthDate(m.dateOfBirth, today) }),
      el('td', { class: 'govuk-table__cell', text: words(GENDERS, m.gender) }),
      el('td', { class: 'govuk-table__cell' }, tag(grade.text, grade.tag),
        why.length ? el('p', { class: 'govuk-body-s app-why', text: 'Why offered: ' + why.join('; ') }) : null)));
  });
  $('results-table').hidden = n === 0;
}

// ---- a child's record ---------------------------------------------------------------------------------------------

async function viewRecord(id, breakGlassReason) {
  await attempt(async () => {
    const headers = breakGlassReason ? { 'X-Break-Glass-Reason': breakGlassReason } : {};
    state.record = await call('GET', '/children/' + encodeURIComponent(id), { purpose: state.purpose, headers });
    renderRecord(state.record);
    go('record');
  });
}

function banner(kind, heading, text) {
  return el('div', {
    class: 'govuk-notification-banner' + (kind === 'alert' ? ' app-notification-banner--alert' : ''),
    role: 'region', 'aria-labelledby': `banner-${heading.replace(/\W+/g, '-').toLowerCase()}`,
  },
  el('div', { class: 'govuk-notification-banner__header' },
    el('h2', { class: 'govuk-notification-banner__title', id: `banner-${heading.replace(/\W+/g, '-').toLowerCase()}`, text: heading })),
  el('div', { class: 'govuk-notification-banner__content' },
    el('p', { class: 'govuk-notification-banner__heading', text })));
}

function renderRecord(r) {
  const user = session.user();
  const today = todayIso();
  const name = `${r.name.givenNames} ${r.name.familyName}`;
  $('record-heading').textContent = name;
  const banners = $('banners');
  banners.replaceChildren();
  (r.notices || []).forEach((notice) => {
    if (r.breakGlass && /^Break-glass/.test(notice)) banners.appendChild(banner('alert', 'Break-glass view', notice));
    else if (/shielded/.test(notice)) banners.appendChild(banner('alert', 'Shielded child', notice));
    else banners.appendChild(el('div', { class: 'govuk-inset-text', text: notice }));
  });

  const actions = $('record-actions');
  actions.replaceChildren();
  if (r.locationWithheld && user.roles.includes('child-protection')) {
    actions.appendChild(button('Break the glass', () => {
      $('break-glass-reason').value = '';
      go('break-glass');
    }, 'govuk-button--warning'));
  }
  if (user.organisationCode) {
    actions.appendChild(button('Record that you work with this child', () => startRecordingInvolvement(),
      'govuk-button--secondary'));
  }

  const w = r.whereabouts;
  const address = w && w.address ? [].concat(w.address.lines || [], w.address.town || [], w.address.postcode || []) : [];
  $('record-child').replaceChildren(summaryCard('Child', [
    ['ContactPoint ID', r.contactPointId],
    ['Date of birth', birthDate(r.dateOfBirth, today)],
    ['Date of death', r.dateOfDeath ? longDate(r.dateOfDeath) : ''],
    ['Gender', words(GENDERS, r.gender)],
    ['Known as', r.preferredName],
    ['Former names', (r.formerNames || []).map((n) => `${n.givenNames} ${n.familyName}`).join('; ')],
    ['NHS number', r.nhsNumber],
    [w ? words(WHEREABOUTS, w.kind) : 'Address', r.locationWithheld ? 'Withheld'
      : address.length ? el('span', {}, address.flatMap((line, i) => (i ? [el('br'), line] : [line]))) : (w ? '' : 'Not known')],
    ['Responsible local authority', r.locationWithheld ? 'Withheld' : localAuthority(r.responsibleLocalAuthority)],
  ]));

  const parents = r.parentsCarers || [];
  $('record-parents').replaceChildren(...(parents.length ? parents.map((p) => summaryCard(p.name, [
    ['Relationship', p.relationship ? cap(p.relationship.toLowerCase().replace(/_/g, ' ')) : ''],
    ['Parental responsibility', p.parentalResponsibility ? 'Yes' : 'No'],
    ['Phone', phoneLink(p.phone)],
    ['Email', emailLink(p.email)],
    ['Address', p.address ? [].concat(p.address.lines || [], p.address.town || [], p.address.postcode || []).join(', ') : ''],
  ])) : [el('p', { class: 'govuk-body', text: 'None recorded.' })]));

  // The lead professional first, then the newest.
  const involvements = (r.involvements || []).slice().sort((a, b) => (b.leadProfessional - a.leadProfessional)
    || String(b.startDate || '').localeCompare(String(a.startDate || '')));
  const current = involvements.filter((i) => i.status !== 'CEASED');
  const past = involvements.filter((i) => i.status === 'CEASED');
  $('record-current').replaceChildren(...(current.length ? current.map((i) => involvementCard(i, user, name))
    : [el('p', { class: 'govuk-body', text: 'No service is recorded as working with this child.' })]));
  $('record-past').replaceChildren(...(past.length ? past.map((i) => involvementCard(i, user, name))
    : [el('p', { class: 'govuk-body', text: 'None in the last two years.' })]));
}

function involvementCard(i, user, childName) {
  if (i.sensitive) {
    const ask = user.roles.includes('practitioner') || user.roles.includes('la-management')
      ? [action('Ask to be put in touch', () => startBrokering(i, childName), 'with this service')] : [];
    return summaryCard('A service whose details are withheld', [['How to reach them', i.note]], ask);
  }
  const service = words(SERVICE_TYPES, i.serviceType);
  const title = el('span', {}, service, i.leadProfessional ? ' ' : null,
    i.leadProfessional ? tag('Lead professional', 'govuk-tag--purple') : null);
  const own = user.organisationCode && i.organisation && i.organisation.code === user.organisationCode;
  const actions = own && i.status === 'ACTIVE'
    ? [action('End your involvement', () => startEndingInvolvement(i, childName), `(${service})`)] : [];
  return summaryCard(title, [
    ['Organisation', i.organisation ? i.organisation.name : ''],
    ['Practitioner', i.practitioner ? [i.practitioner.name, i.practitioner.role].filter(Boolean).join(', ') : ''],
    ['Phone', i.contact ? phoneLink(i.contact.phone) : null],
    ['Email', i.contact ? emailLink(i.contact.email) : null],
    ['Since', i.startDate ? longDate(i.startDate) : ''],
    ['Until', i.endDate ? longDate(i.endDate) : ''],
    ['Common Assessment Framework', i.cafHeld ? 'Held' : ''],
    ['Note', i.note],
  ], actions);
}

$('break-glass-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const reason = $('break-glass-reason').value.trim();
  if (reason.length < 10 || reason.length > 500) {
    showErrors([{ field: 'break-glass-reason', text: 'Give your reason in 10 to 500 characters' }]);
    return;
  }
  viewRecord(state.record.contactPointId, reason);
});

// ---- self-service: record or end an involvement, ask for brokered contact ----------------------------------------

function startRecordingInvolvement() {
  const user = session.user();
  $('involvement-form').reset();
  $('practitionerName').value = user.name;
  $('record-involvement-child').textContent = $('record-heading').textContent;
  $('record-involvement-organisation').textContent = `For ${user.organisation || user.organisationCode}.`;
  go('record-involvement');
}

$('involvement-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const errors = [];
  const serviceType = $('serviceType').value;
  if (!serviceType) errors.push({ field: 'serviceType', text: 'Choose the service you provide' });
  const phone = $('contactPhone').value.trim();
  const email = $('contactEmail').value.trim();
  if (!phone && !email) errors.push({ field: 'contactPhone', text: 'Enter a phone number or an email address' });
  if (phone && !/^[0-9 +()-]{6,30}$/.test(phone)) {
    errors.push({ field: 'contactPhone', text: 'Enter a phone number, like 020 7946 0000' });
  }
  if (email && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) {
    errors.push({ field: 'contactEmail', text: 'Enter an email address, like name@example.org' });
  }
  const start = readDate('startDate', 'the start date', { required: true, notAfter: todayIso() });
  if (start.error) errors.push(start.error);
  if (errors.length) { showErrors(errors); return; }
  const record = state.record;
  attempt(async () => {
    await call('POST', '/self-service/involvements', {
      body: {
        submissionId: 'page-' + crypto.randomUUID(), contactPointId: record.contactPointId, serviceType,
        practitioner: { name: $('practitionerName').value.trim() || null, role: $('practitionerRole').value.trim() || null },
        contact: { phone: phone || null, email: email || null }, startDate: start.value,
        leadProfessional: $('leadProfessional').checked,
      },
    });
    go('record', 'Your involvement is recorded. It shows on the record once ContactPoint has taken it in.');
  });
});

function startEndingInvolvement(involvement, childName) {
  state.involvement = involvement;
  $('end-involvement-form').reset();
  setDate('endDate', todayIso());
  $('end-involvement-child').textContent = childName;
  $('end-involvement-service').textContent = `${words(SERVICE_TYPES, involvement.serviceType)}, `
    + `${involvement.organisation.name}, since ${longDate(involvement.startDate)}.`;
  go('end-involvement');
}

$('end-involvement-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const end = readDate('endDate', 'the end date', { required: true, notAfter: todayIso() });
  if (end.error) { showErrors([end.error]); return; }
  attempt(async () => {
    await call('POST', `/self-service/involvements/${encodeURIComponent(state.involvement.involvementId)}/cease`,
      { body: { endDate: end.value } });
    go('record', 'Your involvement is ended. The record shows it as past once ContactPoint has taken it in.');
  });
});

function startBrokering(involvement, childName) {
  state.involvement = involvement;
  $('brokering-form').reset();
  $('request-brokering-child').textContent = childName;
  go('request-brokering');
}

$('brokering-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const errors = [];
  const reason = $('brokeringReason').value.trim();
  const contact = $('requesterContact').value.trim();
  if (!reason) errors.push({ field: 'brokeringReason', text: 'Say why you need to contact them' });
  if (reason.length > 1000) errors.push({ field: 'brokeringReason', text: 'Say why in 1,000 characters or fewer' });
  if (!contact) errors.push({ field: 'requesterContact', text: 'Enter how they can reach you' });
  if (errors.length) { showErrors(errors); return; }
  attempt(async () => {
    await call('POST',
      `/self-service/involvements/${encodeURIComponent(state.involvement.involvementId)}/brokering-requests`,
      { body: { reason, requesterContact: contact } });
    go('record', 'Your request is sent to the local authority’s management team.');
  });
});

// ---- notifications ------------------------------------------------------------------------------------------------

$('notifications-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const purpose = $('notificationsPurpose').value;
  if (!purpose) { showErrors([{ field: 'notificationsPurpose', text: 'Choose why you are reading them' }]); return; }
  attempt(async () => {
    const page = await call('GET', '/self-service/notifications?size=50', { purpose });
    renderNotifications(page);
    clearErrors();
    title(false);
    $('notification-list').focus();
  });
});

function renderNotifications(notifications) {
  const list = $('notification-list');
  list.setAttribute('tabindex', '-1');
  if (!notifications.length) {
    list.replaceChildren(el('p', { class: 'govuk-body', text: 'Your organisation has no notifications.' }));
    return;
  }
  list.replaceChildren(el('h2', { class: 'govuk-heading-m', text: notifications.length === 1 ? '1 notification' : `${notifications.length} notifications` }),
    ...notifications.map((n) => notificationCard(n)));
}

function notificationCard(n) {
  const when = longDate(String(n.occurredAt).slice(0, 10));
  const read = n.acknowledgedAt ? tag('Read', 'govuk-tag--grey') : tag('New', 'govuk-tag--blue');
  const actions = n.acknowledgedAt ? [] : [action('Mark as read', () => attempt(async () => {
    const acknowledged = await call('POST', `/self-service/notifications/${encodeURIComponent(n.notificationId)}/acknowledgement`);
    const card = notificationCard(acknowledged);
    $(`notification-${n.notificationId}`).replaceWith(card);
    card.querySelector('h3').setAttribute('tabindex', '-1');
    card.querySelector('h3').focus();
  }), `(${when})`)];
  const card = summaryCard(el('span', {}, read, ' ', when), [
    ['Notice', n.message],
    ['Child', n.contactPointId],
    ['Service', n.newService ? [words(SERVICE_TYPES, n.newService.serviceType), n.newService.organisationName]
      .filter(Boolean).join(', ') : ''],
    ['Local authority', n.localAuthority ? localAuthority(n.localAuthority) : ''],
    ['Previous local authority', n.previousLocalAuthority ? localAuthority(n.previousLocalAuthority) : ''],
  ], actions);
  card.id = `notification-${n.notificationId}`;
  return card;
}

// ---- navigation and start ------------------------------------------------------------------------------------------

document.addEventListener('click', (event) => {
  const link = event.target.closest('[data-go]');
  if (!link) return;
  event.preventDefault();
  const target = link.dataset.go;
  if ((target === 'results' && !state.results) || (target === 'record' && !state.record)) go('search');
  else go(target);
});

fillOptions($('purpose'), PURPOSES);
fillOptions($('notificationsPurpose'), PURPOSES);
fillOptions($('gender'), GENDERS);
fillOptions($('serviceType'), SERVICE_TYPES, SELF_RECORDED_SERVICE_TYPES);
dateInput($('startDate'));
dateInput($('endDate'));
initAll();
new ErrorSummary($('error-summary'), { disableAutoFocus: true });
$('error-summary').setAttribute('tabindex', '-1');
session.startSignIn(signedIn, signedOut, (field, text) => showErrors([{ field, text }]));
