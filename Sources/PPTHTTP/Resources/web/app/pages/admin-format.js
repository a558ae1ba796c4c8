// Formatting shared by the administration pages: LLM costs in millionths of a currency unit,
// durations in milliseconds, shares, UTC calendar days, and status badges.
import { locale, number } from '../core/i18n.js';
import { badge } from '../core/ui.js';

const INTL = { sk: 'sk-SK', cs: 'cs-CZ', de: 'de-DE', en: 'en-GB' };

/** The Intl locale tag of the current language. */
export function intlLocale() { return INTL[locale()] ?? 'en-GB'; }

/** A cost in millionths of `currency`; small amounts keep four decimals so a cent's fraction shows. */
export function micros(value, currency) {
  const amount = Number(value ?? 0) / 1_000_000;
  const digits = amount !== 0 && Math.abs(amount) < 1 ? 4 : 2;
  return new Intl.NumberFormat(intlLocale(), {
    style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: digits,
  }).format(amount);
}

/** An amount in currency units (not minor units), e.g. a price per million tokens. */
export function currencyUnits(amount, currency, digits = 2) {
  return new Intl.NumberFormat(intlLocale(), { style: 'currency', currency, maximumFractionDigits: Math.max(2, digits) }).format(amount);
}

/** Milliseconds as "0.42 ms", "12 ms" or "1.5 s". */
export function duration(ms) {
  if (ms === null || ms === undefined || !Number.isFinite(Number(ms))) return '–';
  const value = Number(ms);
  if (value === 0) return `${number(0)} ms`;
  if (value >= 1000) return `${number(value / 1000, value >= 10000 ? 0 : 1)} s`;
  return `${number(value, value < 10 ? 2 : value < 100 ? 1 : 0)} ms`;
}

/** A share (0.0123) as a percentage ("1.23 %" in the locale's way). */
export function share(value, digits = 1) {
  return new Intl.NumberFormat(intlLocale(), { style: 'percent', maximumFractionDigits: digits }).format(Number(value ?? 0));
}

/** A compact count for chart axes ("12k"). */
export function compact(value) {
  return new Intl.NumberFormat(intlLocale(), { notation: 'compact', maximumFractionDigits: 1 }).format(value);
}

/** A `YYYY-MM-DD` UTC calendar day as a short local date (the day itself, not shifted by time zone). */
export function day(text) {
  return new Intl.DateTimeFormat(intlLocale(), { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(`${text}T00:00:00Z`));
}

/** A `YYYY-MM-DD` UTC calendar day with its year. */
export function fullDay(text) {
  return new Intl.DateTimeFormat(intlLocale(), { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${text}T00:00:00Z`));
}

/** A `YYYY-MM` month as "November 2026" in the locale. */
export function month(text) {
  return new Intl.DateTimeFormat(intlLocale(), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${text}-01T00:00:00Z`));
}

/** A time of day ("14:05"). */
export function clock(value, seconds = false) {
  return new Intl.DateTimeFormat(intlLocale(), { hour: '2-digit', minute: '2-digit', second: seconds ? '2-digit' : undefined }).format(new Date(value));
}

/** Today `days` days ago as `YYYY-MM-DD` (UTC, as the usage API counts days). */
export function utcDay(daysAgo = 0) {
  return new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);
}

/** A badge for a health status or call outcome (`pass`/`ok`, `warn`, `fail`/`error`…). */
export function statusBadge(status, text) {
  const tone = { pass: 'ok', ok: 'ok', warn: 'warn', refused: 'warn', cancelled: 'warn', fail: 'danger', error: 'danger' }[status] ?? '';
  return badge(text ?? status, tone);
}
