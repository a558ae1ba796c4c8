// Voice assistants (every member): my linked Alexa and Google accounts with unlinking, and my voice
// command history; for staff also the organization's links (membersManage) and its members' voice
// commands (membersRead).
import { h, replace } from '../core/dom.js';
import { t, dateTime, relative } from '../core/i18n.js';
import { api } from '../core/api.js';
import { pageHeader, field, select, badge, toast, confirmDialog, problemAlert, loading } from '../core/ui.js';
import { duration, statusBadge } from './admin-format.js';
import { pagedTable, pagerMessages, mergeMessages } from './admin-pager.js';
import { voiceMessages, INTENTS } from './voice-messages.js';

const platformName = (p) => t(`voice.platform_${p}`);

/** What a logged command did, from its `action` (`fault:<id>`, `meter_reading:<id>`, `asked:<slot>`…). */
function actionText(action) {
  if (!action) return '–';
  const [kind, ...rest] = action.split(':');
  const detail = rest.join(':');
  if (kind === 'fault' && detail) return h('a', { href: `#/faults/${encodeURIComponent(detail)}` }, t('voice.action_fault'));
  const key = `voice.action_${kind}`;
  const text = t(key, { detail: kind === 'pending' || kind === 'cancelled' ? t(`voice.intent_${detail}`) : detail });
  return text === key ? h('span', { class: 'mono small' }, action) : text;
}

function commandColumns({ names } = {}) {
  return [
    [t('voice.when'), (c) => [dateTime(c.createdAt), h('div', { class: 'small muted' }, platformName(c.platform))]],
    names ? [t('voice.person'), (c) => names.get(c.userID) ?? h('span', { class: 'mono small' }, c.userID.slice(0, 8))] : null,
    [t('voice.said'), (c) => (c.utterance ? `„${c.utterance}“` : h('span', { class: 'muted' }, t('voice.no_utterance')))],
    [t('voice.understood'), (c) => [INTENTS.includes(c.intent) ? t(`voice.intent_${c.intent}`) : c.intent,
      Object.keys(c.slots ?? {}).length ? h('div', { class: 'small muted' }, Object.entries(c.slots).map(([k, v]) => `${k}: ${v}`).join(' · ')) : null]],
    [t('voice.result'), (c) => [statusBadge(c.result, t(`voice.result_${c.result}`)), h('div', { class: 'small' }, actionText(c.action)),
      c.errorCode ? h('div', { class: 'mono small muted' }, c.errorCode) : null]],
    [t('voice.reply'), (c) => h('span', { class: 'small' }, c.reply)],
    [t('voice.duration'), (c) => duration(c.latencyMilliseconds)],
  ].filter(Boolean);
}

function scopesText(scopes) {
  return scopes.map((s) => (s === 'voice' || s === 'voice.actions' ? t(`voice.scope_${s.replace('.', '_')}`) : s)).join(', ');
}

/** Devices seen per link in the recent commands (the links API does not list devices). */
function devicesByLink(commands) {
  const map = new Map();
  for (const c of commands) {
    if (!c.deviceID) continue;
    if (!map.has(c.linkID)) map.set(c.linkID, new Set());
    map.get(c.linkID).add(c.deviceID);
  }
  return map;
}

function myLinks(ctx, onChange) {
  const slot = h('div', { 'data-test': 'voice-links' }, loading());
  async function load() {
    replace(slot, loading());
    try {
      const [links, recent] = await Promise.all([
        api.get('/me/voice/links', undefined, { signal: ctx.signal }),
        api.get('/me/voice/commands', { limit: 200 }, { signal: ctx.signal }).catch(() => ({ items: [] })),
      ]);
      const devices = devicesByLink(recent.items);
      if (links.items.length === 0) { replace(slot, h('p', { class: 'empty' }, t('voice.links_none'))); return; }
      replace(slot, h('div', { class: 'table-wrap' }, h('table', { class: 'data' },
        h('caption', { class: 'visually-hidden' }, t('voice.links_title')),
        h('thead', {}, h('tr', {}, [t('voice.assistant'), t('voice.organization'), t('voice.devices'), t('voice.linked'), t('voice.last_used'), t('common.actions')]
          .map((x) => h('th', { scope: 'col' }, x)))),
        h('tbody', {}, links.items.map((link) => {
          const problem = h('div', {});
          const seen = [...(devices.get(link.id) ?? [])];
          return h('tr', { 'data-link': link.id },
            h('td', {}, h('strong', {}, platformName(link.platform)), h('div', { class: 'small' }, link.clientName),
              h('div', { class: 'small muted' }, scopesText(link.scopes))),
            h('td', {}, link.organizationName, link.unitID ? h('div', { class: 'small muted' }, t('voice.unit_linked')) : null),
            h('td', {}, seen.length ? h('ul', { style: 'margin: 0; padding-left: 1rem' }, seen.map((d) => h('li', { class: 'mono small', title: d }, d.length > 24 ? `…${d.slice(-20)}` : d)))
              : h('span', { class: 'muted small' }, t('voice.devices_none'))),
            h('td', {}, dateTime(link.createdAt)),
            h('td', {}, link.lastUsedAt ? [relative(link.lastUsedAt), h('div', { class: 'small muted' }, dateTime(link.lastUsedAt))] : h('span', { class: 'muted' }, t('voice.never'))),
            h('td', {}, h('button', {
              class: 'btn btn-danger', type: 'button', 'data-test': 'voice-unlink',
              'aria-label': t('voice.unlink_named', { name: `${platformName(link.platform)} – ${link.clientName}` }),
              onclick: async (e) => {
                if (!(await confirmDialog(t('voice.unlink_confirm', { platform: platformName(link.platform), org: link.organizationName }),
                  { confirmLabel: t('voice.unlink'), danger: true }))) return;
                e.target.disabled = true;
                try {
                  await api.delete(`/me/voice/links/${encodeURIComponent(link.id)}`, { signal: ctx.signal });
                  toast(t('voice.unlinked', { platform: platformName(link.platform) }));
                  load();
                  onChange();
                } catch (error) {
                  e.target.disabled = false;
                  if (error.name !== 'AbortError') replace(problem, problemAlert(error));
                }
              },
            }, t('voice.unlink')), problem));
        })))));
    } catch (error) {
      if (error.name !== 'AbortError') replace(slot, problemAlert(error));
    }
  }
  load();
  return slot;
}

function myCommands(ctx) {
  const slot = h('div', {});
  const onlyHere = ctx.orgID ? h('input', { type: 'checkbox', id: 'voice-only-org' }) : null;
  const draw = () => replace(slot, pagedTable({
    attrs: { 'data-test': 'voice-commands' }, caption: t('voice.commands_title'), emptyText: t('voice.commands_none'),
    load: (cursor) => api.get('/me/voice/commands', { limit: 25, cursor, orgID: onlyHere?.checked ? ctx.orgID : undefined }, { signal: ctx.signal }),
    columns: commandColumns(),
  }));
  onlyHere?.addEventListener('change', draw);
  draw();
  return [onlyHere ? h('label', { class: 'checkbox', for: onlyHere.id }, onlyHere, t('voice.only_this_org', { org: ctx.membership.organization.name })) : null, slot];
}

function organizationLinks(ctx, names) {
  const slot = h('div', { 'data-test': 'voice-org-links' }, loading());
  const load = () => ctx.org.get('/voice/links', undefined, { signal: ctx.signal }).then((links) => {
    if (links.items.length === 0) { replace(slot, h('p', { class: 'empty' }, t('voice.org_links_none'))); return; }
    replace(slot, h('div', { class: 'table-wrap' }, h('table', { class: 'data' },
      h('caption', { class: 'visually-hidden' }, t('voice.org_links_title')),
      h('thead', {}, h('tr', {}, [t('voice.person'), t('voice.assistant'), t('voice.linked'), t('voice.last_used')].map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, links.items.map((link) => h('tr', {},
        h('td', {}, names.get(link.userID) ?? h('span', { class: 'mono small' }, link.userID)),
        h('td', {}, platformName(link.platform), h('div', { class: 'small muted' }, `${link.clientName} · ${scopesText(link.scopes)}`)),
        h('td', {}, dateTime(link.createdAt)),
        h('td', {}, link.lastUsedAt ? dateTime(link.lastUsedAt) : h('span', { class: 'muted' }, t('voice.never')))))))));
  }).catch((error) => { if (error.name !== 'AbortError') replace(slot, problemAlert(error)); });
  load();
  return { node: slot, reload: load };
}

function organizationCommands(ctx, members, names) {
  const slot = h('div', {});
  const person = select('userID', [['', t('voice.everyone')], ...members.map((m) => [m.user.id, m.user.name])], '');
  const result = select('result', [['', t('common.all')], ...['ok', 'refused', 'error'].map((r) => [r, t(`voice.result_${r}`)])], '');
  const draw = () => replace(slot, pagedTable({
    attrs: { 'data-test': 'voice-org-commands' }, caption: t('voice.org_commands_title'), emptyText: t('voice.org_commands_none'),
    load: (cursor) => ctx.org.get('/voice/commands', { limit: 25, cursor, userID: person.value || undefined, result: result.value || undefined }, { signal: ctx.signal }),
    columns: commandColumns({ names }),
  }));
  person.addEventListener('change', draw);
  result.addEventListener('change', draw);
  draw();
  return [h('div', { class: 'filters' }, field(t('voice.person'), person), field(t('voice.result'), result)), slot];
}

async function render(ctx) {
  const staff = ctx.org && (ctx.can('membersRead') || ctx.can('membersManage'));
  const [members, flags] = await Promise.all([
    staff ? ctx.org.get('/members', undefined, { signal: ctx.signal }).catch(() => []) : [],
    ctx.org ? ctx.org.get('/feature-flags', undefined, { signal: ctx.signal }).catch(() => []) : [],
  ]);
  const names = new Map(members.map((m) => [m.user.id, m.user.name]));
  const voiceOff = flags.some((f) => f.flag === 'llm.voice_assistant' && !f.enabled);
  const orgLinks = ctx.org && ctx.can('membersManage') ? organizationLinks(ctx, names) : null;
  const section = (id, title, hint, ...content) => h('section', { class: 'card', 'aria-labelledby': id },
    h('h2', { id }, title), hint ? h('p', { class: 'small muted' }, hint) : null, ...content);
  return h('div', {},
    pageHeader(t('voice.title')),
    h('p', { class: 'muted' }, t('voice.intro')),
    voiceOff ? h('p', { class: 'alert info' }, t('voice.switched_off')) : null,
    section('voice-links-title', t('voice.links_title'), t('voice.links_hint'), myLinks(ctx, () => orgLinks?.reload())),
    section('voice-commands-title', t('voice.commands_title'), t('voice.commands_hint'), myCommands(ctx)),
    orgLinks ? section('voice-org-links-title', t('voice.org_links_title'), t('voice.org_links_hint'), orgLinks.node) : null,
    ctx.org && ctx.can('membersRead') ? section('voice-org-commands-title', t('voice.org_commands_title'), null, organizationCommands(ctx, members, names)) : null);
}

export const routes = [
  { path: 'voice', render, orgless: true, nav: { group: 'voice', label: 'voice.nav', order: 10 } },
];

export const messages = mergeMessages(pagerMessages, voiceMessages);
