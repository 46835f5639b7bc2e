// What the page shows in words instead of codes: services, genders, grades and variations, local authorities,
// dates with ages, and contact details as links. Pure functions of their arguments (today is passed in).
import { LOCAL_AUTHORITIES } from '/assets/local-authorities.js';

export const SERVICE_TYPES = Object.freeze({
  SCHOOL: 'School', EARLY_YEARS: 'Early years setting', GP: 'GP practice', HEALTH_VISITOR: 'Health visitor',
  SCHOOL_NURSE: 'School nurse', MIDWIFERY: 'Midwifery', CHILDRENS_SOCIAL_CARE: "Children's social care",
  EARLY_HELP: 'Early help', YOUTH_OFFENDING: 'Youth offending team', POLICE: 'Police',
  CAMHS: 'Child and adolescent mental health services (CAMHS)', EDUCATION_WELFARE: 'Education welfare',
  CONNEXIONS: 'Connexions', HOUSING: 'Housing', VOLUNTARY_SECTOR: 'Voluntary sector',
  SEXUAL_HEALTH: 'Sexual health', MENTAL_HEALTH: 'Mental health', SUBSTANCE_MISUSE: 'Substance misuse',
});

// Services a practitioner records for themself; the sensitive ones need a recorded basis, which their own
// agency's system records, not this page.
export const SELF_RECORDED_SERVICE_TYPES = Object.keys(SERVICE_TYPES)
  .filter((t) => !['SEXUAL_HEALTH', 'MENTAL_HEALTH', 'SUBSTANCE_MISUSE'].includes(t));

export const GENDERS = Object.freeze({
  FEMALE: 'Female', MALE: 'Male', INDETERMINATE: 'Indeterminate', NOT_SPECIFIED: 'Not specified',
});

export const PURPOSES = Object.freeze({
  DIRECT_CARE: 'Direct care: I provide a service to this child',
  SAFEGUARDING: 'Safeguarding concern',
  CHILD_PROTECTION_ENQUIRY: 'Child-protection enquiry',
  ADMINISTRATION: 'Administration',
});

export const GRADES = Object.freeze({
  EXACT: { text: 'Exact match', tag: 'govuk-tag--green' },
  STRONG: { text: 'Strong match', tag: 'govuk-tag--blue' },
  POSSIBLE: { text: 'Possible match', tag: 'govuk-tag--yellow' },
});

// Why a child who differs from what was typed is offered (the search's variations).
export const VARIATIONS = Object.freeze({
  FORMER_NAME: 'found by a former name or alias',
  NAME_PART: 'found by one part of a family name',
  TRANSLITERATED: 'name held in another script',
  FAMILY_NAME_SOUNDS_ALIKE: 'family name sounds alike',
  GIVEN_NAME_SOUNDS_ALIKE: 'given name sounds alike',
  FAMILY_NAME_TYPO: 'family name spelt differently',
  GIVEN_NAME_TYPO: 'given name spelt differently',
  NICKNAME: 'a nickname or short form of the given name',
  OTHER_GIVEN_NAME: 'another of the child’s given names',
  NAMES_SWAPPED: 'given and family names swapped',
  DATE_TRANSPOSED: 'day and month of birth swapped',
  NO_FAMILY_NAME: 'found without a family name',
  DATE_DAY_OUT: 'born a day from the date given',
  DATE_MONTH_OUT: 'born a month from the date given',
  DATE_YEAR_OUT: 'born a year from the date given',
  DATE_DIGIT_WRONG: 'one digit of the date of birth differs',
  OTHER_SEX: 'recorded with the other sex',
});

export const WHEREABOUTS = Object.freeze({
  CURRENT_ADDRESS: 'Address', LAST_KNOWN_ADDRESS: 'Last known address',
  NO_KNOWN_ADDRESS: 'No known address', LEFT_ENGLAND: 'Has left England',
});

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October',
  'November', 'December'];

export function words(table, code) {
  return code ? (table[code] || code.charAt(0) + code.slice(1).toLowerCase().replace(/_/g, ' ')) : '';
}

export function localAuthority(code) {
  return code ? (LOCAL_AUTHORITIES[code] || code) : '';
}

function parts(iso) {
  const [year, month, day] = iso.split('-').map(Number);
  return { year, month, day };
}

/** "14 March 2016" from "2016-03-14". */
export function longDate(iso) {
  if (!iso) return '';
  const { year, month, day } = parts(iso);
  return `${day} ${MONTHS[month - 1]} ${year}`;
}

/** Age on a day: "10 years old", "1 year old", "8 months old" under two. */
export function age(dateOfBirth, today) {
  const born = parts(dateOfBirth);
  const now = parts(today);
  let months = (now.year - born.year) * 12 + (now.month - born.month);
  if (now.day < born.day) months -= 1;
  if (months < 0) return '';
  if (months < 24) return months === 1 ? '1 month old' : `${months} months old`;
  const years = Math.floor(months / 12);
  return `${years} years old`;
}

/** "14 March 2016 (10 years old)". */
export function birthDate(dateOfBirth, today) {
  const old = age(dateOfBirth, today);
  return old ? `${longDate(dateOfBirth)} (${old})` : longDate(dateOfBirth);
}

/** Today as yyyy-mm-dd in the browser's own time zone. */
export function todayIso(now = new Date()) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The href of a phone number: tel: with the digits and a leading +. */
export function telHref(phone) {
  return 'tel:' + phone.replace(/[^0-9+]/g, '');
}

export function mailtoHref(email) {
  return 'mailto:' + email;
}
