// Feature flags: each AI feature switch with its effective state and where it comes from (the
// organization's own choice or the platform default); administrators (featureFlagsManage) switch
// them. Every role may read flags through the API, but the page is for the people who oversee
// the organization's AI (administrators, and managers who read LLM usage), so tenants do not see
// it in their navigation.
import { h, replace } from '../core/dom.js';
import { t, dateTime } from '../core/i18n.js';
import { pageHeader, badge, toast, problemAlert } from '../core/ui.js';

const FLAGS = ['llm.chat_enabled', 'llm.document_generation', 'llm.voice_assistant', 'llm.workflow_automation'];

function flagKey(flag) { return flag.replace(/[^a-z]/g, '_'); }

function flagItem(ctx, value, names) {
  const manage = ctx.can('featureFlagsManage');
  const id = `flag-${flagKey(value.flag)}`;
  const problems = h('div', { tabindex: '-1' });
  const state = h('span', {});
  const source = h('p', { class: 'small muted' });
  const label = FLAGS.includes(value.flag) ? t(`admin-flags.${flagKey(value.flag)}`) : value.flag;
  const drawState = (v) => {
    replace(state, v.enabled ? badge(t('admin-flags.on'), 'ok') : badge(t('admin-flags.off'), 'warn'));
    const who = v.updatedBy ? names.get(v.updatedBy) : null;
    replace(source, v.source === 'organization'
      ? (v.updatedAt ? t(who ? 'admin-flags.source_org_by' : 'admin-flags.source_org_at', { when: dateTime(v.updatedAt), who }) : t('admin-flags.source_org'))
      : t('admin-flags.source_platform'));
  };
  const toggle = h('input', {
    type: 'checkbox', role: 'switch', id, checked: value.enabled, disabled: !manage,
    'data-test': 'flag-toggle', 'data-flag': value.flag, 'aria-describedby': `${id}-help`,
    onchange: async () => {
      const wanted = toggle.checked;
      toggle.disabled = true;
      replace(problems);
      try {
        const updated = await ctx.org.put(`/feature-flags/${encodeURIComponent(value.flag)}`, { enabled: wanted }, { signal: ctx.signal });
        drawState(updated);
        toggle.checked = updated.enabled;
        toast(t(updated.enabled ? 'admin-flags.switched_on' : 'admin-flags.switched_off', { flag: label }));
      } catch (error) {
        if (error.name === 'AbortError') return;
        toggle.checked = !wanted;
        replace(problems, problemAlert(error));
        problems.focus();
      } finally {
        toggle.disabled = !manage;
      }
    },
  });
  drawState(value);
  return h('li', { class: 'card', style: 'margin: 0', 'data-flag-item': value.flag },
    h('div', { class: 'row' },
      h('label', { class: 'checkbox', for: id }, toggle, h('strong', {}, label)),
      state),
    h('p', { id: `${id}-help`, class: 'small' }, FLAGS.includes(value.flag) ? t(`admin-flags.${flagKey(value.flag)}_help`) : h('code', {}, value.flag)),
    source, problems);
}

async function render(ctx) {
  const [flags, members] = await Promise.all([
    ctx.org.get('/feature-flags', undefined, { signal: ctx.signal }),
    ctx.can('membersRead') ? ctx.org.get('/members', undefined, { signal: ctx.signal }).catch(() => []) : [],
  ]);
  const names = new Map(members.map((m) => [m.user.id, m.user.name]));
  return h('div', {},
    pageHeader(t('admin-flags.title')),
    h('p', { class: 'muted' }, t('admin-flags.intro')),
    ctx.can('featureFlagsManage') ? null : h('p', { class: 'alert info' }, t('admin-flags.read_only')),
    flags.length === 0 ? h('p', { class: 'empty' }, t('common.empty'))
      : h('ul', { class: 'stack', style: 'list-style: none; padding: 0; margin: 0', 'data-test': 'flag-list' },
        flags.map((value) => flagItem(ctx, value, names))));
}

export const routes = [
  {
    path: 'admin/flags', render, permission: ['featureFlagsManage', 'llmUsageRead'],
    nav: { group: 'admin', label: 'admin-flags.nav', order: 20 },
  },
];

export const messages = {
  en: {
    'admin-flags.nav': 'Feature flags', 'admin-flags.title': 'Feature flags',
    'admin-flags.intro': 'Switch the AI features of this organization on or off. A switched-off feature is refused for everyone in the organization.',
    'admin-flags.read_only': 'Only administrators can switch features.',
    'admin-flags.on': 'On', 'admin-flags.off': 'Off',
    'admin-flags.source_platform': 'Platform default: the organization has not chosen.',
    'admin-flags.source_org': 'Chosen by the organization.',
    'admin-flags.source_org_at': 'Chosen by the organization on {when}.',
    'admin-flags.source_org_by': 'Chosen by the organization: {who}, {when}.',
    'admin-flags.switched_on': '{flag}: switched on.', 'admin-flags.switched_off': '{flag}: switched off.',
    'admin-flags.llm_chat_enabled': 'AI assistant chat',
    'admin-flags.llm_chat_enabled_help': 'Members ask the assistant questions about the house, its documents and their own matters.',
    'admin-flags.llm_document_generation': 'Document generation and summaries',
    'admin-flags.llm_document_generation_help': 'Drafts of leases, listings and announcements, and summaries of documents.',
    'admin-flags.llm_voice_assistant': 'Voice assistant',
    'admin-flags.llm_voice_assistant_help': 'Requests from linked Alexa and Google devices.',
    'admin-flags.llm_workflow_automation': 'AI steps in workflows',
    'admin-flags.llm_workflow_automation_help': 'Workflow actions that call a language model.',
  },
  sk: {
    'admin-flags.nav': 'Prepínače funkcií', 'admin-flags.title': 'Prepínače funkcií',
    'admin-flags.intro': 'Zapnite alebo vypnite funkcie AI tejto organizácie. Vypnutá funkcia je odmietnutá pre všetkých v organizácii.',
    'admin-flags.read_only': 'Funkcie môžu prepínať iba administrátori.',
    'admin-flags.on': 'Zapnuté', 'admin-flags.off': 'Vypnuté',
    'admin-flags.source_platform': 'Predvolené nastavenie platformy: organizácia nerozhodla.',
    'admin-flags.source_org': 'Nastavené organizáciou.',
    'admin-flags.source_org_at': 'Nastavené organizáciou {when}.',
    'admin-flags.source_org_by': 'Nastavené organizáciou: {who}, {when}.',
    'admin-flags.switched_on': '{flag}: zapnuté.', 'admin-flags.switched_off': '{flag}: vypnuté.',
    'admin-flags.llm_chat_enabled': 'Chat s asistentom AI',
    'admin-flags.llm_chat_enabled_help': 'Členovia sa pýtajú asistenta na dom, jeho dokumenty a svoje záležitosti.',
    'admin-flags.llm_document_generation': 'Tvorba dokumentov a zhrnutí',
    'admin-flags.llm_document_generation_help': 'Návrhy nájomných zmlúv, inzerátov a oznamov a zhrnutia dokumentov.',
    'admin-flags.llm_voice_assistant': 'Hlasový asistent',
    'admin-flags.llm_voice_assistant_help': 'Požiadavky z prepojených zariadení Alexa a Google.',
    'admin-flags.llm_workflow_automation': 'Kroky AI v pracovných postupoch',
    'admin-flags.llm_workflow_automation_help': 'Akcie pracovných postupov, ktoré volajú jazykový model.',
  },
  cs: {
    'admin-flags.nav': 'Přepínače funkcí', 'admin-flags.title': 'Přepínače funkcí',
    'admin-flags.intro': 'Zapněte nebo vypněte funkce AI této organizace. Vypnutá funkce je odmítnuta pro všechny v organizaci.',
    'admin-flags.read_only': 'Funkce mohou přepínat pouze administrátoři.',
    'admin-flags.on': 'Zapnuto', 'admin-flags.off': 'Vypnuto',
    'admin-flags.source_platform': 'Výchozí nastavení platformy: organizace nerozhodla.',
    'admin-flags.source_org': 'Nastaveno organizací.',
    'admin-flags.source_org_at': 'Nastaveno organizací {when}.',
    'admin-flags.source_org_by': 'Nastaveno organizací: {who}, {when}.',
    'admin-flags.switched_on': '{flag}: zapnuto.', 'admin-flags.switched_off': '{flag}: vypnuto.',
    'admin-flags.llm_chat_enabled': 'Chat s asistentem AI',
    'admin-flags.llm_chat_enabled_help': 'Členové se ptají asistenta na dům, jeho dokumenty a své záležitosti.',
    'admin-flags.llm_document_generation': 'Tvorba dokumentů a shrnutí',
    'admin-flags.llm_document_generation_help': 'Návrhy nájemních smluv, inzerátů a oznámení a shrnutí dokumentů.',
    'admin-flags.llm_voice_assistant': 'Hlasový asistent',
    'admin-flags.llm_voice_assistant_help': 'Požadavky z propojených zařízení Alexa a Google.',
    'admin-flags.llm_workflow_automation': 'Kroky AI v pracovních postupech',
    'admin-flags.llm_workflow_automation_help': 'Akce pracovních postupů, které volají jazykový model.',
  },
  de: {
    'admin-flags.nav': 'Funktionsschalter', 'admin-flags.title': 'Funktionsschalter',
    'admin-flags.intro': 'Schalten Sie die KI-Funktionen dieser Organisation ein oder aus. Eine ausgeschaltete Funktion wird für alle in der Organisation abgelehnt.',
    'admin-flags.read_only': 'Nur Administratoren können Funktionen schalten.',
    'admin-flags.on': 'Ein', 'admin-flags.off': 'Aus',
    'admin-flags.source_platform': 'Standard der Plattform: Die Organisation hat nichts festgelegt.',
    'admin-flags.source_org': 'Von der Organisation festgelegt.',
    'admin-flags.source_org_at': 'Von der Organisation festgelegt am {when}.',
    'admin-flags.source_org_by': 'Von der Organisation festgelegt: {who}, {when}.',
    'admin-flags.switched_on': '{flag}: eingeschaltet.', 'admin-flags.switched_off': '{flag}: ausgeschaltet.',
    'admin-flags.llm_chat_enabled': 'Chat mit dem KI-Assistenten',
    'admin-flags.llm_chat_enabled_help': 'Mitglieder fragen den Assistenten zum Haus, seinen Dokumenten und ihren eigenen Anliegen.',
    'admin-flags.llm_document_generation': 'Dokumente und Zusammenfassungen erstellen',
    'admin-flags.llm_document_generation_help': 'Entwürfe von Mietverträgen, Inseraten und Aushängen sowie Zusammenfassungen von Dokumenten.',
    'admin-flags.llm_voice_assistant': 'Sprachassistent',
    'admin-flags.llm_voice_assistant_help': 'Anfragen von verknüpften Alexa- und Google-Geräten.',
    'admin-flags.llm_workflow_automation': 'KI-Schritte in Workflows',
    'admin-flags.llm_workflow_automation_help': 'Workflow-Aktionen, die ein Sprachmodell aufrufen.',
  },
};
