// The dashboard: one card per area the member's role may read (open faults, overdue invoices,
// upcoming votes, meter reading windows, recent announcements), each loading on its own.
import { h } from '../core/dom.js';
import { t, date, dateTime, money, number, relative } from '../core/i18n.js';
import { pageHeader, badge } from '../core/ui.js';
import {
  OPEN_FAULT_STATUSES, allPages, calendarDate, faultStatusBadge, faultPriorityBadge, loadInto, plural, today, useStyles,
} from './faults-common.js';

const LATEST = 5;

const CARDS = [
  { name: 'faults', permission: 'faultsReport', title: 'dashboard.faults', link: ['#/faults', 'dashboard.all_faults'], load: openFaults },
  { name: 'invoices', permission: ['financeReadAll', 'financeReadOwn'], title: 'dashboard.invoices', load: overdueInvoices },
  { name: 'votes', permission: 'votesRead', title: 'dashboard.votes', load: upcomingVotes },
  { name: 'readings', permission: ['metersReadAll', 'metersManage', 'metersSubmitOwn'], title: 'dashboard.readings', load: readingWindows },
  { name: 'announcements', permission: 'announcementsRead', title: 'dashboard.announcements', link: ['#/announcements', 'dashboard.all_announcements'], load: recentAnnouncements },
];

function renderDashboard(ctx) {
  useStyles();
  const cards = CARDS.filter((card) => ctx.can(card.permission));
  const header = pageHeader(t('dashboard.title'));
  if (cards.length === 0) {
    return h('div', {}, header, h('div', { class: 'card' },
      h('p', { style: { marginTop: 0 } }, t('dashboard.nothing')),
      h('a', { href: '#/notifications' }, t('dashboard.to_notifications'))));
  }
  return h('div', {}, header,
    h('p', { class: 'muted', style: { marginTop: '-.5rem' } }, t('dashboard.greeting', { name: ctx.user.name, org: ctx.membership.organization.name })),
    h('div', { class: 'prop-two' }, cards.map((card) => {
      const id = `dashboard-${card.name}`;
      const body = h('div', { 'aria-live': 'polite' });
      loadInto(body, () => card.load(ctx));
      return h('section', { class: 'card', 'aria-labelledby': id, 'data-test': `dashboard-card-${card.name}` },
        h('div', { class: 'row', style: { justifyContent: 'space-between', marginBottom: '.5rem' } },
          h('h2', { id, style: { margin: 0 } }, t(card.title)),
          card.link ? h('a', { href: card.link[0], class: 'small' }, t(card.link[1])) : null),
        body);
    })));
}

/** The open-fault count by status (linked to the filtered list) and the latest open faults. */
async function openFaults(ctx) {
  const pages = await Promise.all(OPEN_FAULT_STATUSES.map((status) =>
    ctx.org.get('/faults', { status, limit: 200 }, { signal: ctx.signal })));
  const total = pages.reduce((sum, page) => sum + page.items.length, 0);
  const more = pages.some((page) => page.nextCursor);
  if (total === 0) {
    return h('div', {}, h('p', { class: 'muted' }, t('dashboard.no_faults')),
      h('a', { class: 'btn', href: '#/faults/new' }, t('faults.new')));
  }
  const latest = pages.flatMap((page) => page.items)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt)).slice(0, LATEST);
  return h('div', { class: 'stack' },
    h('div', { class: 'prop-stat-row' },
      h('span', { class: 'stat' }, number(total) + (more ? '+' : '')), h('span', { class: 'muted' }, plural('dashboard.open_faults', total))),
    h('div', { class: 'row' }, OPEN_FAULT_STATUSES.map((status, i) => pages[i].items.length === 0 ? null
      : h('a', { href: `#/faults?status=${status}`, style: { textDecoration: 'none' } },
        faultStatusBadge(status, number(pages[i].items.length) + (pages[i].nextCursor ? '+' : ''))))),
    h('ul', { class: 'prop-list' }, latest.map((fault) => h('li', {},
      h('div', { class: 'row' },
        h('a', { href: `#/faults/${fault.id}` }, fault.title),
        faultPriorityBadge(fault.priority)),
      h('div', { class: 'small muted' }, t('faults.status.' + fault.status), ' · ',
        h('time', { datetime: fault.createdAt, title: dateTime(fault.createdAt) }, relative(fault.createdAt)))))));
}

/** Open invoices past their due date: how many, how much is outstanding per currency, the oldest first. */
async function overdueInvoices(ctx) {
  const invoices = await allPages((cursor) =>
    ctx.org.get('/invoices', { overdue: true, limit: 200, cursor }, { signal: ctx.signal }), 5);
  if (invoices.length === 0) return h('p', { class: 'muted' }, t('dashboard.no_overdue'));
  const outstanding = (invoice) => ({ amountMinor: invoice.amount.amountMinor - invoice.paidMinor, currency: invoice.amount.currency });
  const totals = new Map();
  for (const invoice of invoices) {
    const { amountMinor, currency } = outstanding(invoice);
    totals.set(currency, (totals.get(currency) ?? 0) + amountMinor);
  }
  const oldest = [...invoices].sort((a, b) => a.dueDate.localeCompare(b.dueDate)).slice(0, LATEST);
  const days = (due) => Math.max(1, Math.round((calendarDate(today()) - calendarDate(due)) / 86400000));
  return h('div', { class: 'stack' },
    h('div', { class: 'prop-stat-row' },
      h('span', { class: 'stat' }, number(invoices.length)), h('span', { class: 'muted' }, plural('dashboard.overdue_invoices', invoices.length))),
    h('p', { style: { margin: 0 } }, t('dashboard.outstanding'), ' ',
      h('strong', {}, [...totals].map(([currency, amountMinor]) => money({ amountMinor, currency })).join(' + '))),
    h('ul', { class: 'prop-list' }, oldest.map((invoice) => h('li', {},
      h('div', { class: 'row' },
        h('span', {}, h('span', { class: 'mono' }, invoice.number), ' ', h('span', { class: 'muted small' }, invoice.description)),
        h('strong', {}, money(outstanding(invoice)))),
      h('div', { class: 'small' },
        badge(plural('dashboard.days_overdue', days(invoice.dueDate)), 'danger'), ' ',
        h('span', { class: 'muted' }, t('dashboard.due_on', { date: date(calendarDate(invoice.dueDate)) })))))));
}

/** Votes open now (closing soonest first) and scheduled ones (opening soonest first). */
async function upcomingVotes(ctx) {
  const page = await ctx.org.get('/votes', { limit: 100 }, { signal: ctx.signal });
  const active = page.items.filter((v) => v.status === 'active')
    .sort((a, b) => (a.endsAt ?? '9999').localeCompare(b.endsAt ?? '9999'));
  const scheduled = page.items.filter((v) => v.status === 'scheduled')
    .sort((a, b) => (a.startsAt ?? '').localeCompare(b.startsAt ?? ''));
  const votes = [...active, ...scheduled].slice(0, LATEST);
  if (votes.length === 0) return h('p', { class: 'muted' }, t('dashboard.no_votes'));
  return h('ul', { class: 'prop-list' }, votes.map((vote) => h('li', {},
    h('div', { class: 'row' },
      h('a', { href: `#/votes/${encodeURIComponent(vote.id)}` }, vote.title),
      vote.status === 'active' ? badge(t('dashboard.vote_open'), 'ok') : badge(t('dashboard.vote_scheduled'))),
    h('div', { class: 'small muted' }, vote.status === 'active'
      ? (vote.endsAt ? [t('dashboard.vote_ends'), ' ', h('time', { datetime: vote.endsAt, title: dateTime(vote.endsAt) }, relative(vote.endsAt))] : t('dashboard.vote_no_end'))
      : (vote.startsAt ? [t('dashboard.vote_starts'), ' ', h('time', { datetime: vote.startsAt }, dateTime(vote.startsAt))] : '')))));
}

/** Reading windows that are open now or still to come, soonest first. */
async function readingWindows(ctx) {
  const [page, buildings] = await Promise.all([
    ctx.org.get('/reading-windows', { limit: 100 }, { signal: ctx.signal }),
    ctx.org.get('/buildings', { limit: 200 }, { signal: ctx.signal }).then((p) => new Map(p.items.map((b) => [b.id, b.name])), () => new Map()),
  ]);
  const now = today();
  const windows = page.items.filter((w) => w.closesOn >= now)
    .sort((a, b) => a.opensOn.localeCompare(b.opensOn)).slice(0, LATEST);
  if (windows.length === 0) return h('p', { class: 'muted' }, t('dashboard.no_readings'));
  return h('ul', { class: 'prop-list' }, windows.map((w) => h('li', {},
    h('div', { class: 'row' },
      h('span', {}, w.title),
      w.opensOn <= now ? badge(t('dashboard.reading_open'), 'ok') : badge(t('dashboard.reading_upcoming'))),
    h('div', { class: 'small muted' },
      t('dashboard.reading_dates', { from: date(calendarDate(w.opensOn)), to: date(calendarDate(w.closesOn)) }), ' · ',
      w.buildingID ? (buildings.get(w.buildingID) ?? '') : t('dashboard.all_buildings')))));
}

/** The latest published announcements (pinned first, as the API orders them). */
async function recentAnnouncements(ctx) {
  const page = await ctx.org.get('/announcements', { limit: 30 }, { signal: ctx.signal });
  const published = page.items.filter((a) => a.status === 'published').slice(0, LATEST);
  if (published.length === 0) return h('p', { class: 'muted' }, t('dashboard.no_announcements'));
  const staff = ctx.can('announcementsManage');
  return h('ul', { class: 'prop-list' }, published.map((a) => h('li', {},
    h('div', { class: 'row' },
      h('a', { href: `#/announcements/${a.id}`, style: !staff && a.readByMe === false ? { fontWeight: 700 } : null }, a.title),
      h('span', { class: 'row' },
        a.pinned ? badge(t('dashboard.pinned')) : null,
        !staff && a.readByMe === false ? badge(t('dashboard.unread'), 'warn') : null)),
    a.publishedAt ? h('div', { class: 'small muted' },
      h('time', { datetime: a.publishedAt, title: dateTime(a.publishedAt) }, relative(a.publishedAt))) : null)));
}

export const routes = [
  { path: 'dashboard', render: renderDashboard, nav: { group: 'overview', label: 'dashboard.nav', order: 0 } },
];

export const messages = {
  en: {
    'dashboard.nav': 'Dashboard', 'dashboard.title': 'Dashboard', 'dashboard.greeting': 'Hello, {name} — here is what is going on at {org}.',
    'dashboard.nothing': 'There is nothing on the dashboard for your role.', 'dashboard.to_notifications': 'Open your notifications',
    'dashboard.faults': 'Open faults', 'dashboard.all_faults': 'All faults', 'dashboard.open_faults.one': 'open fault', 'dashboard.open_faults.other': 'open faults',
    'dashboard.no_faults': 'No open faults. Everything is in order.',
    'dashboard.invoices': 'Overdue invoices', 'dashboard.overdue_invoices.one': 'overdue invoice', 'dashboard.overdue_invoices.other': 'overdue invoices', 'dashboard.outstanding': 'Outstanding:',
    'dashboard.no_overdue': 'No invoices are overdue.', 'dashboard.days_overdue.one': '{n} day overdue', 'dashboard.days_overdue.other': '{n} days overdue', 'dashboard.due_on': 'due {date}',
    'dashboard.votes': 'Votes', 'dashboard.no_votes': 'No vote is open or coming up.',
    'dashboard.vote_open': 'Open', 'dashboard.vote_scheduled': 'Scheduled', 'dashboard.vote_ends': 'Closes',
    'dashboard.vote_starts': 'Opens', 'dashboard.vote_no_end': 'Open until the manager closes it.',
    'dashboard.readings': 'Meter readings', 'dashboard.no_readings': 'No meter reading period is open or coming up.',
    'dashboard.reading_open': 'Open now', 'dashboard.reading_upcoming': 'Upcoming', 'dashboard.reading_dates': '{from} – {to}',
    'dashboard.all_buildings': 'All buildings',
    'dashboard.announcements': 'Announcements', 'dashboard.all_announcements': 'All announcements',
    'dashboard.no_announcements': 'No announcements yet.', 'dashboard.pinned': 'Pinned', 'dashboard.unread': 'Unread',
  },
  sk: {
    'dashboard.nav': 'Nástenka', 'dashboard.title': 'Nástenka', 'dashboard.greeting': 'Dobrý deň, {name}. Prehľad toho, čo sa deje v organizácii {org}.',
    'dashboard.nothing': 'Pre vašu rolu na nástenke nič nie je.', 'dashboard.to_notifications': 'Otvoriť upozornenia',
    'dashboard.faults': 'Otvorené poruchy', 'dashboard.all_faults': 'Všetky poruchy', 'dashboard.open_faults.one': 'otvorená porucha', 'dashboard.open_faults.few': 'otvorené poruchy', 'dashboard.open_faults.other': 'otvorených porúch',
    'dashboard.no_faults': 'Žiadne otvorené poruchy. Všetko je v poriadku.',
    'dashboard.invoices': 'Faktúry po splatnosti', 'dashboard.overdue_invoices.one': 'faktúra po splatnosti', 'dashboard.overdue_invoices.few': 'faktúry po splatnosti', 'dashboard.overdue_invoices.other': 'faktúr po splatnosti', 'dashboard.outstanding': 'Neuhradené:',
    'dashboard.no_overdue': 'Žiadna faktúra nie je po splatnosti.', 'dashboard.days_overdue.one': '{n} deň po splatnosti', 'dashboard.days_overdue.few': '{n} dni po splatnosti', 'dashboard.days_overdue.other': '{n} dní po splatnosti', 'dashboard.due_on': 'splatná {date}',
    'dashboard.votes': 'Hlasovania', 'dashboard.no_votes': 'Žiadne hlasovanie neprebieha ani sa nechystá.',
    'dashboard.vote_open': 'Prebieha', 'dashboard.vote_scheduled': 'Naplánované', 'dashboard.vote_ends': 'Končí',
    'dashboard.vote_starts': 'Začína', 'dashboard.vote_no_end': 'Potrvá, kým ho správca neukončí.',
    'dashboard.readings': 'Odpočty meračov', 'dashboard.no_readings': 'Žiadne obdobie odpočtov neprebieha ani sa nechystá.',
    'dashboard.reading_open': 'Prebieha', 'dashboard.reading_upcoming': 'Pripravuje sa', 'dashboard.reading_dates': '{from} – {to}',
    'dashboard.all_buildings': 'Všetky budovy',
    'dashboard.announcements': 'Oznamy', 'dashboard.all_announcements': 'Všetky oznamy',
    'dashboard.no_announcements': 'Zatiaľ žiadne oznamy.', 'dashboard.pinned': 'Pripnutý', 'dashboard.unread': 'Neprečítaný',
  },
  cs: {
    'dashboard.nav': 'Nástěnka', 'dashboard.title': 'Nástěnka', 'dashboard.greeting': 'Dobrý den, {name}. Přehled toho, co se děje v organizaci {org}.',
    'dashboard.nothing': 'Pro vaši roli na nástěnce nic není.', 'dashboard.to_notifications': 'Otevřít upozornění',
    'dashboard.faults': 'Otevřené závady', 'dashboard.all_faults': 'Všechny závady', 'dashboard.open_faults.one': 'otevřená závada', 'dashboard.open_faults.few': 'otevřené závady', 'dashboard.open_faults.other': 'otevřených závad',
    'dashboard.no_faults': 'Žádné otevřené závady. Vše je v pořádku.',
    'dashboard.invoices': 'Faktury po splatnosti', 'dashboard.overdue_invoices.one': 'faktura po splatnosti', 'dashboard.overdue_invoices.few': 'faktury po splatnosti', 'dashboard.overdue_invoices.other': 'faktur po splatnosti', 'dashboard.outstanding': 'Neuhrazeno:',
    'dashboard.no_overdue': 'Žádná faktura není po splatnosti.', 'dashboard.days_overdue.one': '{n} den po splatnosti', 'dashboard.days_overdue.few': '{n} dny po splatnosti', 'dashboard.days_overdue.other': '{n} dní po splatnosti', 'dashboard.due_on': 'splatná {date}',
    'dashboard.votes': 'Hlasování', 'dashboard.no_votes': 'Žádné hlasování neprobíhá ani se nechystá.',
    'dashboard.vote_open': 'Probíhá', 'dashboard.vote_scheduled': 'Naplánováno', 'dashboard.vote_ends': 'Končí',
    'dashboard.vote_starts': 'Začíná', 'dashboard.vote_no_end': 'Potrvá, dokud ho správce neukončí.',
    'dashboard.readings': 'Odečty měřidel', 'dashboard.no_readings': 'Žádné období odečtů neprobíhá ani se nechystá.',
    'dashboard.reading_open': 'Probíhá', 'dashboard.reading_upcoming': 'Připravuje se', 'dashboard.reading_dates': '{from} – {to}',
    'dashboard.all_buildings': 'Všechny budovy',
    'dashboard.announcements': 'Oznámení', 'dashboard.all_announcements': 'Všechna oznámení',
    'dashboard.no_announcements': 'Zatím žádná oznámení.', 'dashboard.pinned': 'Připnuto', 'dashboard.unread': 'Nepřečteno',
  },
  de: {
    'dashboard.nav': 'Dashboard', 'dashboard.title': 'Dashboard', 'dashboard.greeting': 'Hallo {name}, hier das Wichtigste bei {org} auf einen Blick.',
    'dashboard.nothing': 'Für Ihre Rolle gibt es in der Übersicht nichts anzuzeigen.', 'dashboard.to_notifications': 'Benachrichtigungen öffnen',
    'dashboard.faults': 'Offene Störungen', 'dashboard.all_faults': 'Alle Störungen', 'dashboard.open_faults.one': 'offene Störung', 'dashboard.open_faults.other': 'offene Störungen',
    'dashboard.no_faults': 'Keine offenen Störungen. Alles in Ordnung.',
    'dashboard.invoices': 'Überfällige Rechnungen', 'dashboard.overdue_invoices.one': 'überfällige Rechnung', 'dashboard.overdue_invoices.other': 'überfällige Rechnungen', 'dashboard.outstanding': 'Offen:',
    'dashboard.no_overdue': 'Keine Rechnung ist überfällig.', 'dashboard.days_overdue.one': '{n} Tag überfällig', 'dashboard.days_overdue.other': '{n} Tage überfällig', 'dashboard.due_on': 'fällig am {date}',
    'dashboard.votes': 'Abstimmungen', 'dashboard.no_votes': 'Es läuft keine Abstimmung und keine ist geplant.',
    'dashboard.vote_open': 'Läuft', 'dashboard.vote_scheduled': 'Geplant', 'dashboard.vote_ends': 'Endet',
    'dashboard.vote_starts': 'Beginnt', 'dashboard.vote_no_end': 'Läuft, bis die Verwaltung sie beendet.',
    'dashboard.readings': 'Zählerablesungen', 'dashboard.no_readings': 'Es läuft kein Ablesezeitraum und keiner ist geplant.',
    'dashboard.reading_open': 'Läuft', 'dashboard.reading_upcoming': 'Demnächst', 'dashboard.reading_dates': '{from} – {to}',
    'dashboard.all_buildings': 'Alle Gebäude',
    'dashboard.announcements': 'Mitteilungen', 'dashboard.all_announcements': 'Alle Mitteilungen',
    'dashboard.no_announcements': 'Noch keine Mitteilungen.', 'dashboard.pinned': 'Angeheftet', 'dashboard.unread': 'Ungelesen',
  },
};
