// Messages and formatting in sk, cs, de and en. Every page module exports its own `messages`
// ({ en: {...}, sk: {...}, cs: {...}, de: {...} }); keys are namespaced by the module
// ("faults.title"). A key missing in a language falls back to English, then to the key itself.

export const LOCALES = ['sk', 'cs', 'de', 'en'];
export const LOCALE_NAMES = { sk: 'Slovenčina', cs: 'Čeština', de: 'Deutsch', en: 'English' };
const INTL = { sk: 'sk-SK', cs: 'cs-CZ', de: 'de-DE', en: 'en-GB' };

const catalog = { sk: {}, cs: {}, de: {}, en: {} };
let current = 'en';

/** Adds a module's messages to the catalog. */
export function register(messages) {
  for (const locale of LOCALES) Object.assign(catalog[locale], messages?.[locale] ?? {});
}

/** The locale in use. */
export function locale() { return current; }

/** Switches the locale (and the page's `lang`). */
export function setLocale(next) {
  current = LOCALES.includes(next) ? next : 'en';
  document.documentElement.lang = current;
}

/** The browser's preferred supported locale. */
export function browserLocale() {
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = String(tag).slice(0, 2).toLowerCase();
    if (LOCALES.includes(base)) return base;
  }
  return 'en';
}

/** The message `key` with `{name}` placeholders filled from `vars`. */
export function t(key, vars = {}) {
  const text = catalog[current][key] ?? catalog.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => (name in vars ? String(vars[name]) : `{${name}}`));
}

/** Whether a message exists (for API codes that may or may not have a translation). */
export function has(key) { return key in catalog[current] || key in catalog.en; }

/** `{ amountMinor, currency }` as the locale writes money (2 decimals for EUR and CZK). */
export function money(value) {
  if (!value) return '';
  return new Intl.NumberFormat(INTL[current], { style: 'currency', currency: value.currency })
    .format(Number(value.amountMinor) / 100);
}

/** A number in the locale. */
export function number(value, digits = 0) {
  return new Intl.NumberFormat(INTL[current], { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(value);
}

/** An ISO date or date-time as a date. */
export function date(value) {
  if (!value) return '';
  return new Intl.DateTimeFormat(INTL[current], { dateStyle: 'medium' }).format(new Date(value));
}

/** An ISO date-time as date and time. */
export function dateTime(value) {
  if (!value) return '';
  return new Intl.DateTimeFormat(INTL[current], { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(value));
}

/** "3 minutes ago", "in 2 days". */
export function relative(value) {
  if (!value) return '';
  const seconds = (new Date(value).getTime() - Date.now()) / 1000;
  const rtf = new Intl.RelativeTimeFormat(INTL[current], { numeric: 'auto' });
  for (const [unit, size] of [['year', 31536000], ['month', 2592000], ['day', 86400], ['hour', 3600], ['minute', 60]]) {
    if (Math.abs(seconds) >= size) return rtf.format(Math.round(seconds / size), unit);
  }
  return rtf.format(Math.round(seconds), 'second');
}
