// Pieces shared by the automation pages: their stylesheet, status badges, trigger and event names,
// JSON blocks, durations, member names, downloads and the live feed of run changes.
import { h } from '../core/dom.js';
import { t, has, locale } from '../core/i18n.js';
import { badge, problemText } from '../core/ui.js';

/** Loads the automation pages' stylesheet once (inline styles are refused by the CSP). */
export function ensureStyles() {
  if (document.getElementById('workflow-styles')) return;
  document.head.append(h('link', { id: 'workflow-styles', rel: 'stylesheet', href: '/app/pages/workflow-styles.css' }));
}

/** Merges message catalogues (`{ en, sk, cs, de }`) of a page and the helpers it uses. */
export function mergeMessages(...sets) {
  const out = { en: {}, sk: {}, cs: {}, de: {} };
  for (const set of sets) for (const l of Object.keys(out)) Object.assign(out[l], set?.[l] ?? {});
  return out;
}

export const RUN_STATUSES = ['queued', 'running', 'waiting', 'succeeded', 'failed', 'cancelled', 'skipped'];
export const ACTIVE_STATUSES = ['queued', 'running', 'waiting'];
const TONES = { succeeded: 'ok', failed: 'danger', cancelled: 'warn', skipped: '', filtered: 'warn', running: '', queued: '', waiting: 'warn' };

/** A badge for a run, step or dry-run status. */
export function statusBadge(status) {
  const key = 'workflow-common.status.' + status;
  return badge(has(key) ? t(key) : status, TONES[status] ?? '');
}

/** The name people read for a domain event type. */
function eventName(type) {
  const key = 'workflow-common.event.' + type;
  return has(key) ? t(key) : type;
}

/** "Event: Fault reported", "Schedule: 0 8 * * 1 (Europe/Bratislava)", "Manual" for a definition's trigger. */
export function triggerText(trigger) {
  if (!trigger || typeof trigger !== 'object') return '';
  if (trigger.type === 'event') return t('workflow-common.trigger.event_named', { event: eventName(trigger.event) });
  if (trigger.type === 'schedule') return t('workflow-common.trigger.schedule_named', { cron: trigger.cron, zone: trigger.timezone ?? 'UTC' });
  if (trigger.type === 'manual') return t('workflow-common.trigger.manual');
  return String(trigger.type ?? '');
}

/** The name of a run's trigger type (event, schedule, manual, error, retry). */
export function triggerTypeName(type) {
  const key = 'workflow-common.trigger.' + type;
  return has(key) ? t(key) : type;
}

/** A problem's text, with the workflow meaning of codes the core messages word for AI features. */
export function workflowProblemText(error) {
  if (error?.code === 'llm.feature_disabled') return t('workflow-common.automation_off');
  return problemText(error);
}

/** JSON as people read it (two-space indentation). */
export function prettyJSON(value) { return JSON.stringify(value ?? null, null, 2); }

/** A dark code block with `value` as JSON (or text as is). */
export function codeBlock(value, attrs = {}) {
  return h('pre', { class: 'code', tabindex: '0', ...attrs }, typeof value === 'string' ? value : prettyJSON(value));
}

/** A collapsible `pre.code` under a summary line (closed unless `open`). */
export function collapsible(summary, value, { open = false, test } = {}) {
  return h('details', { open, 'data-test': test }, h('summary', {}, summary), codeBlock(value));
}

/** Milliseconds as "850 ms", "4.2 s", "3 min". */
export function durationText(ms) {
  if (ms === null || ms === undefined || Number.isNaN(ms)) return '';
  const format = (value, unit, digits = 0) => new Intl.NumberFormat(locale(), {
    style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: digits,
  }).format(value);
  if (ms < 1000) return format(Math.round(ms), 'millisecond');
  if (ms < 60_000) return format(ms / 1000, 'second', 1);
  if (ms < 3_600_000) return format(ms / 60_000, 'minute', 1);
  if (ms < 86_400_000) return format(ms / 3_600_000, 'hour', 1);
  return format(ms / 86_400_000, 'day', 1);
}

/** Time between two ISO instants in milliseconds (null when one is missing). */
export function between(start, end) {
  if (!start || !end) return null;
  return new Date(end).getTime() - new Date(start).getTime();
}

/** Offers `blob` as a download named `filename`. */
export function downloadBlob(blob, filename) {
  const url = URL.createObjectURL(blob);
  const link = h('a', { href: url, download: filename, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const directories = new Map();
/** The organization's members by user id (empty when the role may not list members). */
export function memberDirectory(ctx) {
  if (!ctx.can('membersRead')) return Promise.resolve(new Map());
  if (!directories.has(ctx.orgID)) {
    directories.set(ctx.orgID, ctx.org.get('/members')
      .then((members) => new Map((members.items ?? members).map((m) => [m.user.id, m])))
      .catch(() => { directories.delete(ctx.orgID); return new Map(); }));
  }
  return directories.get(ctx.orgID);
}

/** A member's name for display ("you" for the signed-in person, a short id when unknown). */
export function memberName(members, id, ctx) {
  if (!id) return '';
  if (id === ctx.user.id) return t('workflow-common.you');
  return members.get(id)?.user.name ?? id.slice(0, 8);
}

function pause(ms, signal) {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => { clearTimeout(timer); resolve(); }, { once: true });
  });
}

/**
 * Follows `GET workflow-runs/events` (Server-Sent Events) until `signal` aborts, reconnecting after
 * a drop with the last event id so no change is missed. `onUpdate(update)` gets each change,
 * `onEnd(update)` the end of a followed run (`query.runID`), `onState(state, detail)` reports
 * 'live', 'reconnecting' (detail: whether it resumes from an event id) or 'failed' (detail: the
 * problem; a 4xx other than 408/429 is not retried).
 */
export async function followRunFeed(org, { signal, query = {}, onUpdate, onEnd, onState }) {
  let lastEventId;
  let wait = 1000;
  while (!signal.aborted) {
    let ended = false;
    onState?.('live');
    try {
      await org.stream('/workflow-runs/events', {
        query, signal, lastEventId,
        onEvent: (event) => {
          if (event.id) lastEventId = event.id;
          wait = 1000;
          if (event.event === 'update') onUpdate?.(event.data);
          else if (event.event === 'end') { ended = true; onEnd?.(event.data); }
        },
      });
      if (ended) return;
    } catch (error) {
      if (error.name === 'AbortError' || signal.aborted) return;
      if (error.status >= 400 && error.status < 500 && error.status !== 408 && error.status !== 429) {
        onState?.('failed', error);
        return;
      }
    }
    onState?.('reconnecting', Boolean(lastEventId));
    await pause(wait, signal);
    wait = Math.min(wait * 2, 15_000);
  }
}

/** The live-feed indicator: a status line that reads "Live" or "Reconnecting…". */
export function liveIndicator() {
  const el = h('span', { class: 'wf-live', role: 'status', 'data-state': 'connecting', 'data-test': 'live-status' }, t('workflow-common.live.connecting'));
  el.set = (state) => {
    el.dataset.state = state;
    el.textContent = t('workflow-common.live.' + state);
  };
  return el;
}

export const TEMPLATE_CATEGORIES = ['onboarding', 'reminders', 'alerts', 'maintenance', 'financial', 'communication'];
/** The name of a template category. */
export function categoryName(category) {
  const key = 'workflow-common.category.' + category;
  return has(key) ? t(key) : category;
}

export const messages = {
  en: {
    'workflow-common.category.onboarding': 'Welcome', 'workflow-common.category.reminders': 'Reminders', 'workflow-common.category.alerts': 'Alerts', 'workflow-common.category.maintenance': 'Maintenance', 'workflow-common.category.financial': 'Finance', 'workflow-common.category.communication': 'Communication',
    'workflow-common.status.queued': 'Queued', 'workflow-common.status.running': 'Running',
    'workflow-common.status.waiting': 'Waiting', 'workflow-common.status.succeeded': 'Succeeded',
    'workflow-common.status.failed': 'Failed', 'workflow-common.status.cancelled': 'Cancelled',
    'workflow-common.status.skipped': 'Skipped', 'workflow-common.status.filtered': 'Filtered out',
    'workflow-common.status.captured': 'Captured', 'workflow-common.status.sent': 'Sent',
    'workflow-common.status.sending': 'Sending',
    'workflow-common.trigger.event': 'Event', 'workflow-common.trigger.schedule': 'Schedule',
    'workflow-common.trigger.manual': 'Manual', 'workflow-common.trigger.error': 'Error workflow',
    'workflow-common.trigger.retry': 'Retry',
    'workflow-common.trigger.event_named': 'Event: {event}',
    'workflow-common.trigger.schedule_named': 'Schedule: {cron} ({zone})',
    'workflow-common.event.fault_created': 'Fault reported', 'workflow-common.event.fault_status_changed': 'Fault status changed',
    'workflow-common.event.fault_resolved': 'Fault resolved', 'workflow-common.event.announcement_published': 'Announcement published',
    'workflow-common.event.document_uploaded': 'Document uploaded', 'workflow-common.event.vote_started': 'Vote started',
    'workflow-common.event.vote_ended': 'Vote ended', 'workflow-common.event.payment_overdue': 'Payment overdue',
    'workflow-common.event.payment_received': 'Payment received', 'workflow-common.event.meter_reading_due': 'Meter reading due',
    'workflow-common.event.lease_expiring': 'Lease expiring', 'workflow-common.event.inquiry_received': 'Inquiry received',
    'workflow-common.automation_off': 'Workflow automation is switched off for this organization (feature flag llm.workflow_automation).',
    'workflow-common.you': 'you',
    'workflow-common.live.connecting': 'Connecting…', 'workflow-common.live.live': 'Live',
    'workflow-common.live.reconnecting': 'Reconnecting…', 'workflow-common.live.failed': 'Live updates stopped',
  },
  sk: {
    'workflow-common.category.onboarding': 'Uvítanie', 'workflow-common.category.reminders': 'Pripomienky', 'workflow-common.category.alerts': 'Upozornenia', 'workflow-common.category.maintenance': 'Údržba', 'workflow-common.category.financial': 'Financie', 'workflow-common.category.communication': 'Komunikácia',
    'workflow-common.status.queued': 'Vo fronte', 'workflow-common.status.running': 'Beží',
    'workflow-common.status.waiting': 'Čaká', 'workflow-common.status.succeeded': 'Úspešné',
    'workflow-common.status.failed': 'Zlyhalo', 'workflow-common.status.cancelled': 'Zrušené',
    'workflow-common.status.skipped': 'Preskočené', 'workflow-common.status.filtered': 'Odfiltrované',
    'workflow-common.status.captured': 'Zachytené', 'workflow-common.status.sent': 'Odoslané',
    'workflow-common.status.sending': 'Odosiela sa',
    'workflow-common.trigger.event': 'Udalosť', 'workflow-common.trigger.schedule': 'Plán',
    'workflow-common.trigger.manual': 'Ručné spustenie', 'workflow-common.trigger.error': 'Chybový postup',
    'workflow-common.trigger.retry': 'Opakovanie',
    'workflow-common.trigger.event_named': 'Udalosť: {event}',
    'workflow-common.trigger.schedule_named': 'Plán: {cron} ({zone})',
    'workflow-common.event.fault_created': 'Nahlásená porucha', 'workflow-common.event.fault_status_changed': 'Zmena stavu poruchy',
    'workflow-common.event.fault_resolved': 'Vyriešená porucha', 'workflow-common.event.announcement_published': 'Zverejnený oznam',
    'workflow-common.event.document_uploaded': 'Nahraný dokument', 'workflow-common.event.vote_started': 'Začaté hlasovanie',
    'workflow-common.event.vote_ended': 'Ukončené hlasovanie', 'workflow-common.event.payment_overdue': 'Platba po splatnosti',
    'workflow-common.event.payment_received': 'Prijatá platba', 'workflow-common.event.meter_reading_due': 'Termín odpočtu meračov',
    'workflow-common.event.lease_expiring': 'Končiaca nájomná zmluva', 'workflow-common.event.inquiry_received': 'Prijatý dopyt',
    'workflow-common.automation_off': 'Automatizácia pracovných postupov je pre túto organizáciu vypnutá (prepínač llm.workflow_automation).',
    'workflow-common.you': 'vy',
    'workflow-common.live.connecting': 'Pripája sa…', 'workflow-common.live.live': 'Naživo',
    'workflow-common.live.reconnecting': 'Znova sa pripája…', 'workflow-common.live.failed': 'Priebežné aktualizácie sa zastavili',
  },
  cs: {
    'workflow-common.category.onboarding': 'Uvítání', 'workflow-common.category.reminders': 'Připomínky', 'workflow-common.category.alerts': 'Upozornění', 'workflow-common.category.maintenance': 'Údržba', 'workflow-common.category.financial': 'Finance', 'workflow-common.category.communication': 'Komunikace',
    'workflow-common.status.queued': 'Ve frontě', 'workflow-common.status.running': 'Běží',
    'workflow-common.status.waiting': 'Čeká', 'workflow-common.status.succeeded': 'Úspěšné',
    'workflow-common.status.failed': 'Selhalo', 'workflow-common.status.cancelled': 'Zrušeno',
    'workflow-common.status.skipped': 'Přeskočeno', 'workflow-common.status.filtered': 'Odfiltrováno',
    'workflow-common.status.captured': 'Zachyceno', 'workflow-common.status.sent': 'Odesláno',
    'workflow-common.status.sending': 'Odesílá se',
    'workflow-common.trigger.event': 'Událost', 'workflow-common.trigger.schedule': 'Plán',
    'workflow-common.trigger.manual': 'Ruční spuštění', 'workflow-common.trigger.error': 'Chybový postup',
    'workflow-common.trigger.retry': 'Opakování',
    'workflow-common.trigger.event_named': 'Událost: {event}',
    'workflow-common.trigger.schedule_named': 'Plán: {cron} ({zone})',
    'workflow-common.event.fault_created': 'Nahlášená závada', 'workflow-common.event.fault_status_changed': 'Změna stavu závady',
    'workflow-common.event.fault_resolved': 'Vyřešená závada', 'workflow-common.event.announcement_published': 'Zveřejněné oznámení',
    'workflow-common.event.document_uploaded': 'Nahraný dokument', 'workflow-common.event.vote_started': 'Zahájené hlasování',
    'workflow-common.event.vote_ended': 'Ukončené hlasování', 'workflow-common.event.payment_overdue': 'Platba po splatnosti',
    'workflow-common.event.payment_received': 'Přijatá platba', 'workflow-common.event.meter_reading_due': 'Termín odečtu měřidel',
    'workflow-common.event.lease_expiring': 'Končící nájemní smlouva', 'workflow-common.event.inquiry_received': 'Přijatá poptávka',
    'workflow-common.automation_off': 'Automatizace pracovních postupů je pro tuto organizaci vypnutá (přepínač llm.workflow_automation).',
    'workflow-common.you': 'vy',
    'workflow-common.live.connecting': 'Připojuje se…', 'workflow-common.live.live': 'Živě',
    'workflow-common.live.reconnecting': 'Znovu se připojuje…', 'workflow-common.live.failed': 'Průběžné aktualizace se zastavily',
  },
  de: {
    'workflow-common.category.onboarding': 'Begrüßung', 'workflow-common.category.reminders': 'Erinnerungen', 'workflow-common.category.alerts': 'Warnmeldungen', 'workflow-common.category.maintenance': 'Wartung', 'workflow-common.category.financial': 'Finanzen', 'workflow-common.category.communication': 'Kommunikation',
    'workflow-common.status.queued': 'In Warteschlange', 'workflow-common.status.running': 'Läuft',
    'workflow-common.status.waiting': 'Wartet', 'workflow-common.status.succeeded': 'Erfolgreich',
    'workflow-common.status.failed': 'Fehlgeschlagen', 'workflow-common.status.cancelled': 'Abgebrochen',
    'workflow-common.status.skipped': 'Übersprungen', 'workflow-common.status.filtered': 'Herausgefiltert',
    'workflow-common.status.captured': 'Abgefangen', 'workflow-common.status.sent': 'Gesendet',
    'workflow-common.status.sending': 'Wird gesendet',
    'workflow-common.trigger.event': 'Ereignis', 'workflow-common.trigger.schedule': 'Zeitplan',
    'workflow-common.trigger.manual': 'Manueller Start', 'workflow-common.trigger.error': 'Fehler-Workflow',
    'workflow-common.trigger.retry': 'Wiederholung',
    'workflow-common.trigger.event_named': 'Ereignis: {event}',
    'workflow-common.trigger.schedule_named': 'Zeitplan: {cron} ({zone})',
    'workflow-common.event.fault_created': 'Störung gemeldet', 'workflow-common.event.fault_status_changed': 'Störungsstatus geändert',
    'workflow-common.event.fault_resolved': 'Störung behoben', 'workflow-common.event.announcement_published': 'Aushang veröffentlicht',
    'workflow-common.event.document_uploaded': 'Dokument hochgeladen', 'workflow-common.event.vote_started': 'Abstimmung begonnen',
    'workflow-common.event.vote_ended': 'Abstimmung beendet', 'workflow-common.event.payment_overdue': 'Zahlung überfällig',
    'workflow-common.event.payment_received': 'Zahlung eingegangen', 'workflow-common.event.meter_reading_due': 'Zählerablesung fällig',
    'workflow-common.event.lease_expiring': 'Mietvertrag läuft aus', 'workflow-common.event.inquiry_received': 'Anfrage eingegangen',
    'workflow-common.automation_off': 'Die Workflow-Automatisierung ist für diese Organisation ausgeschaltet (Schalter llm.workflow_automation).',
    'workflow-common.you': 'Sie',
    'workflow-common.live.connecting': 'Verbindung wird aufgebaut…', 'workflow-common.live.live': 'Live',
    'workflow-common.live.reconnecting': 'Verbindung wird wiederhergestellt…', 'workflow-common.live.failed': 'Live-Aktualisierung gestoppt',
  },
};
