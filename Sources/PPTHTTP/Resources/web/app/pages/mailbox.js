// The mailbox: the organization's outgoing e-mail from workflow steps (captured when no SMTP server
// is configured), and one message with its headers and bodies. An HTML body is shown as source text
// or rendered in a sandboxed frame from a blob URL, never injected into the page.
import { h, replace, append } from '../core/dom.js';
import { t, dateTime, relative } from '../core/i18n.js';
import { pageHeader, problemAlert, loading, select, tabs, badge } from '../core/ui.js';
import { ensureStyles, mergeMessages, messages as commonMessages } from './workflow-common.js';

const STATUSES = ['queued', 'sending', 'sent', 'failed', 'captured'];
const TONES = { sent: 'ok', failed: 'danger', captured: '', queued: 'warn', sending: 'warn' };
const PAGE_SIZE = 50;

function mailStatus(status) { return badge(t('workflow-common.status.' + status), TONES[status] ?? ''); }

async function renderList(ctx) {
  ensureStyles();
  const status = STATUSES.includes(ctx.query.status) ? ctx.query.status : '';
  const tbody = h('tbody', {});
  const more = h('div', { class: 'row' });
  const errors = h('div', {});
  const body = h('div', {}, loading());
  const filter = select('status', [['', t('common.all')], ...STATUSES.map((s) => [s, t('workflow-common.status.' + s)])], status, {
    id: 'mail-status', onchange: (e) => ctx.navigate(e.target.value ? `mailbox?status=${e.target.value}` : 'mailbox'),
  });
  replace(ctx.root, h('div', {},
    pageHeader(t('mailbox.title')),
    h('p', { class: 'muted' }, t('mailbox.intro')),
    h('div', { class: 'filters' }, h('div', { class: 'field' }, h('label', { for: 'mail-status' }, t('common.status')), filter)),
    errors, body));

  const row = (m) => h('tr', { 'data-test': 'mail-row', 'data-status': m.status },
    h('td', {}, m.recipients.join(', ')),
    h('td', {}, h('a', { href: `#/mailbox/${m.id}` }, m.subject || t('mailbox.no_subject'))),
    h('td', {}, mailStatus(m.status)),
    h('td', {}, h('time', { datetime: m.createdAt, title: dateTime(m.createdAt) }, relative(m.createdAt))));

  async function load(cursor) {
    const page = await ctx.org.get('/mailbox', { status: status || undefined, limit: PAGE_SIZE, cursor }, { signal: ctx.signal });
    append(tbody, page.items.map(row));
    replace(more, page.nextCursor ? h('button', {
      class: 'btn', type: 'button', onclick: async (e) => {
        e.target.disabled = true;
        try { await load(page.nextCursor); } catch (error) { replace(errors, problemAlert(error)); e.target.disabled = false; }
      },
    }, t('common.more')) : null);
    return page;
  }

  const first = await load();
  replace(body, first.items.length === 0
    ? h('p', { class: 'empty', 'data-test': 'mail-list' }, status ? t('mailbox.none_filtered') : t('mailbox.empty'))
    : [h('div', { class: 'table-wrap' }, h('table', { class: 'data', 'data-test': 'mail-list' },
      h('caption', { class: 'visually-hidden' }, t('mailbox.title')),
      h('thead', {}, h('tr', {}, [t('mailbox.to'), t('mailbox.subject'), t('common.status'), t('mailbox.time')].map((c) => h('th', { scope: 'col' }, c)))),
      tbody)), more]);
}

async function renderMessage(ctx) {
  ensureStyles();
  const m = await ctx.org.get(`/mailbox/${encodeURIComponent(ctx.params.id)}`, undefined, { signal: ctx.signal });
  const headers = [
    [t('mailbox.from'), m.sender],
    [t('mailbox.to'), m.recipients.join(', ')],
    m.replyTo ? [t('mailbox.reply_to'), m.replyTo] : null,
    [t('mailbox.subject'), m.subject],
    [t('mailbox.created'), dateTime(m.createdAt)],
    m.sentAt ? [t('mailbox.sent_at'), dateTime(m.sentAt)] : null,
    [t('common.status'), mailStatus(m.status)],
    [t('mailbox.attempts'), String(m.attempts)],
    m.lastError ? [t('mailbox.last_error'), h('span', { class: 'mono' }, m.lastError)] : null,
    ['Message-ID', h('span', { class: 'mono' }, m.messageID)],
    m.workflowID ? [t('mailbox.workflow'), h('a', { href: `#/workflows/${m.workflowID}` }, t('mailbox.open_workflow'))] : null,
    m.runID ? [t('mailbox.run'), h('a', { href: `#/workflows/runs/${m.runID}` }, t('mailbox.open_run'))] : null,
  ].filter(Boolean);

  const text = () => h('pre', { class: 'wf-mail-body', tabindex: '0', 'data-test': 'mail-text' }, m.textBody);
  let frameURL = null;
  const bodies = m.htmlBody
    ? tabs([
      [t('mailbox.text_body'), (panel) => replace(panel, text())],
      [t('mailbox.html_source'), (panel) => replace(panel, h('pre', { class: 'wf-mail-body mono', tabindex: '0', 'data-test': 'mail-html-source' }, m.htmlBody))],
      [t('mailbox.html_preview'), (panel) => {
        // A blob URL in a sandbox without scripts, forms or same-origin access: the message's HTML
        // cannot run code or reach the app.
        frameURL ??= URL.createObjectURL(new Blob([m.htmlBody], { type: 'text/html' }));
        replace(panel, h('p', { class: 'small muted' }, t('mailbox.html_note')),
          h('iframe', { class: 'wf-mail-frame', sandbox: '', referrerpolicy: 'no-referrer', src: frameURL, title: t('mailbox.html_preview'), 'data-test': 'mail-html-frame' }));
      }],
    ])
    : text();
  ctx.signal.addEventListener('abort', () => { if (frameURL) URL.revokeObjectURL(frameURL); });

  replace(ctx.root, h('div', {},
    pageHeader(m.subject || t('mailbox.no_subject'), h('a', { class: 'btn', href: '#/mailbox' }, t('mailbox.back'))),
    h('section', { class: 'card', 'aria-labelledby': 'mail-headers' }, h('h2', { id: 'mail-headers' }, t('mailbox.headers')),
      h('dl', { class: 'wf-facts', 'data-test': 'mail-headers' }, headers.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]))),
    h('section', { class: 'card', 'aria-labelledby': 'mail-body' }, h('h2', { id: 'mail-body' }, t('mailbox.body')), bodies)));
}

export const routes = [
  { path: 'mailbox', render: renderList, permission: 'mailboxRead', nav: { group: 'automation', label: 'mailbox.nav', order: 40 } },
  { path: 'mailbox/:id', render: renderMessage, permission: 'mailboxRead' },
];

export const messages = mergeMessages(commonMessages, {
  en: {
    'mailbox.nav': 'Mailbox', 'mailbox.title': 'Mailbox', 'mailbox.back': 'All messages',
    'mailbox.intro': 'E-mail sent by workflow steps. Without an SMTP server the messages are kept here as captured instead of being sent.',
    'mailbox.to': 'To', 'mailbox.from': 'From', 'mailbox.reply_to': 'Reply-To', 'mailbox.subject': 'Subject', 'mailbox.time': 'Time',
    'mailbox.created': 'Created', 'mailbox.sent_at': 'Sent', 'mailbox.attempts': 'Delivery attempts', 'mailbox.last_error': 'Last error',
    'mailbox.workflow': 'Workflow', 'mailbox.open_workflow': 'Open the workflow', 'mailbox.run': 'Run', 'mailbox.open_run': 'Open the run',
    'mailbox.headers': 'Headers', 'mailbox.body': 'Message', 'mailbox.text_body': 'Text', 'mailbox.html_source': 'HTML source',
    'mailbox.html_preview': 'HTML preview', 'mailbox.html_note': 'Shown in an isolated frame: scripts, forms, inline styles and external images are blocked, so it may look plainer than in a mail program.',
    'mailbox.no_subject': '(no subject)', 'mailbox.empty': 'No e-mail yet.', 'mailbox.none_filtered': 'No e-mail in this status.',
  },
  sk: {
    'mailbox.nav': 'Pošta', 'mailbox.title': 'Odchádzajúca pošta', 'mailbox.back': 'Všetky správy',
    'mailbox.intro': 'E-maily odoslané krokmi pracovných postupov. Bez servera SMTP sa správy namiesto odoslania uchovajú tu ako zachytené.',
    'mailbox.to': 'Komu', 'mailbox.from': 'Od', 'mailbox.reply_to': 'Odpovedať na', 'mailbox.subject': 'Predmet', 'mailbox.time': 'Čas',
    'mailbox.created': 'Vytvorené', 'mailbox.sent_at': 'Odoslané', 'mailbox.attempts': 'Pokusy o doručenie', 'mailbox.last_error': 'Posledná chyba',
    'mailbox.workflow': 'Postup', 'mailbox.open_workflow': 'Otvoriť postup', 'mailbox.run': 'Beh', 'mailbox.open_run': 'Otvoriť beh',
    'mailbox.headers': 'Hlavička', 'mailbox.body': 'Správa', 'mailbox.text_body': 'Text', 'mailbox.html_source': 'Zdroj HTML',
    'mailbox.html_preview': 'Náhľad HTML', 'mailbox.html_note': 'Zobrazené v izolovanom rámci: skripty, formuláre, vložené štýly a externé obrázky sú zablokované, preto môže vyzerať jednoduchšie ako v poštovom programe.',
    'mailbox.no_subject': '(bez predmetu)', 'mailbox.empty': 'Zatiaľ žiadne e-maily.', 'mailbox.none_filtered': 'V tomto stave nie sú žiadne e-maily.',
  },
  cs: {
    'mailbox.nav': 'Pošta', 'mailbox.title': 'Odchozí pošta', 'mailbox.back': 'Všechny zprávy',
    'mailbox.intro': 'E-maily odeslané kroky pracovních postupů. Bez serveru SMTP se zprávy místo odeslání uchovají zde jako zachycené.',
    'mailbox.to': 'Komu', 'mailbox.from': 'Od', 'mailbox.reply_to': 'Odpovědět na', 'mailbox.subject': 'Předmět', 'mailbox.time': 'Čas',
    'mailbox.created': 'Vytvořeno', 'mailbox.sent_at': 'Odesláno', 'mailbox.attempts': 'Pokusy o doručení', 'mailbox.last_error': 'Poslední chyba',
    'mailbox.workflow': 'Postup', 'mailbox.open_workflow': 'Otevřít postup', 'mailbox.run': 'Běh', 'mailbox.open_run': 'Otevřít běh',
    'mailbox.headers': 'Hlavička', 'mailbox.body': 'Zpráva', 'mailbox.text_body': 'Text', 'mailbox.html_source': 'Zdroj HTML',
    'mailbox.html_preview': 'Náhled HTML', 'mailbox.html_note': 'Zobrazeno v izolovaném rámci: skripty, formuláře, vložené styly a externí obrázky jsou zablokovány, proto může vypadat jednodušeji než v poštovním programu.',
    'mailbox.no_subject': '(bez předmětu)', 'mailbox.empty': 'Zatím žádné e-maily.', 'mailbox.none_filtered': 'V tomto stavu nejsou žádné e-maily.',
  },
  de: {
    'mailbox.nav': 'Postausgang', 'mailbox.title': 'Postausgang', 'mailbox.back': 'Alle Nachrichten',
    'mailbox.intro': 'E-Mails aus Workflow-Schritten. Ohne SMTP-Server werden die Nachrichten hier als abgefangen aufbewahrt statt gesendet.',
    'mailbox.to': 'An', 'mailbox.from': 'Von', 'mailbox.reply_to': 'Antwort an', 'mailbox.subject': 'Betreff', 'mailbox.time': 'Zeit',
    'mailbox.created': 'Erstellt', 'mailbox.sent_at': 'Gesendet', 'mailbox.attempts': 'Zustellversuche', 'mailbox.last_error': 'Letzter Fehler',
    'mailbox.workflow': 'Workflow', 'mailbox.open_workflow': 'Workflow öffnen', 'mailbox.run': 'Lauf', 'mailbox.open_run': 'Lauf öffnen',
    'mailbox.headers': 'Kopfzeilen', 'mailbox.body': 'Nachricht', 'mailbox.text_body': 'Text', 'mailbox.html_source': 'HTML-Quelltext',
    'mailbox.html_preview': 'HTML-Vorschau', 'mailbox.html_note': 'In einem isolierten Rahmen angezeigt: Skripte, Formulare, Inline-Stile und externe Bilder sind gesperrt; die Darstellung kann daher schlichter sein als im Mailprogramm.',
    'mailbox.no_subject': '(kein Betreff)', 'mailbox.empty': 'Noch keine E-Mails.', 'mailbox.none_filtered': 'Keine E-Mails in diesem Status.',
  },
});
