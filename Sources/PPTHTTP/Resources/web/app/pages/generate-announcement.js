// Announcement drafts: pick a scenario and fill in its inputs, generate alternative drafts, pick one
// (alternative and language), edit it, save it as a draft announcement, then publish it or open it.
import { h, replace } from '../core/dom.js';
import { t } from '../core/i18n.js';
import { pageHeader, field, select, confirmDialog, toast } from '../core/ui.js';
import { withCommon, languageName, languageChoice, whileGenerating, reportProblem, usageText, section, ensureStyles, setQuery } from './generate-common.js';
import { scenarioFields, localized } from './generate-announcement-fields.js';
import { messages as announcementMessages } from './generate-announcement-messages.js';

export const messages = withCommon(announcementMessages);

export const routes = [{
  path: 'generate/announcement', render, permission: 'announcementsManage',
  nav: { group: 'ai', label: 'generate-announcement.nav', order: 22 },
}];

const URGENCIES = ['low', 'normal', 'high', 'critical'];
const TONES = ['neutral', 'formal', 'friendly'];
const ROLES = ['owner', 'tenant', 'resident', 'technician', 'manager', 'admin', 'realtor'];

async function render(ctx) {
  ensureStyles();
  const { org, signal } = ctx;
  const organization = ctx.membership.organization;
  const [{ items: scenarios }, buildings] = await Promise.all([
    org.get('/ai/announcement-scenarios', undefined, { signal }),
    org.get('/buildings', { limit: 200 }, { signal }),
  ]);

  const scenario = select('scenario', scenarios.map((s) => [s.key, localized(s.names)]),
    scenarios.some((s) => s.key === ctx.query.scenario) ? ctx.query.scenario : scenarios[0]?.key,
    { 'data-pointer': '/scenario', 'data-test': 'draft-scenario' });
  const fieldsSlot = h('div');
  const topic = h('input', { type: 'text', name: 'topic', maxlength: 200, 'data-pointer': '/topic' });
  const topicField = field(t('generate-announcement.topic'), topic, t('generate-announcement.topic_hint'));
  const keyPoints = h('textarea', { name: 'keyPoints', rows: 3, 'data-pointer': '/keyPoints' });
  const urgency = select('urgency', URGENCIES.map((u) => [u, t('generate-announcement.urgency.' + u)]), 'normal', { 'data-pointer': '/urgency' });
  const tone = select('tone', TONES.map((k) => [k, t('generate-announcement.tone.' + k)]), 'neutral', { 'data-pointer': '/tone' });
  const count = select('count', [1, 2, 3].map((n) => [n, String(n)]), 3, { 'data-pointer': '/count' });
  const languages = languageChoice(t('generate-announcement.languages'), [organization.defaultLocale ?? 'sk']);
  const buildingBoxes = buildings.items.map((b) => h('input', { type: 'checkbox', name: 'buildingIDs', value: b.id }));
  const roleBoxes = ROLES.map((r) => h('input', { type: 'checkbox', name: 'roles', value: r }));
  const generate = h('button', { class: 'btn btn-primary', type: 'submit', 'data-test': 'draft-generate' }, t('generate-announcement.generate'));
  const problem = h('div');
  const progress = h('div');
  let fields = null;

  function showScenario() {
    const chosen = scenarios.find((s) => s.key === scenario.value);
    fields = scenarioFields(chosen, organization.currency);
    replace(fieldsSlot, fields.el);
    topicField.hidden = !chosen.requiresTopic;
    setQuery('generate/announcement', { scenario: chosen.key });
  }
  scenario.addEventListener('change', showScenario);

  const formEl = h('form', { class: 'gen-options', novalidate: true },
    problem,
    field(t('generate-announcement.scenario'), scenario),
    topicField,
    fieldsSlot,
    field(t('generate-announcement.key_points'), keyPoints, t('generate-announcement.key_points_hint')),
    h('div', { class: 'gen-two' }, field(t('generate-announcement.urgency'), urgency), field(t('generate-announcement.tone'), tone)),
    field(t('generate-announcement.count'), count),
    languages.el,
    h('fieldset', { class: 'field gen-plain', 'data-pointer': '/audience' },
      h('legend', { class: 'label' }, t('generate-announcement.audience')),
      h('p', { class: 'hint' }, t('generate-announcement.audience_hint')),
      buildingBoxes.length ? h('div', { class: 'row', 'data-pointer': '/audience/buildingIDs' },
        h('span', { class: 'small muted' }, t('generate-announcement.buildings')),
        buildingBoxes.map((box, i) => h('label', { class: 'checkbox' }, box, buildings.items[i].name))) : null,
      h('div', { class: 'row', 'data-pointer': '/audience/roles' },
        h('span', { class: 'small muted' }, t('generate-announcement.roles')),
        roleBoxes.map((box, i) => h('label', { class: 'checkbox' }, box, t('role.' + ROLES[i]))))),
    h('div', { class: 'row' }, generate),
    progress);

  const draftsSlot = h('div', { 'data-test': 'drafts' });
  formEl.addEventListener('submit', async (event) => {
    event.preventDefault();
    const chosen = scenarios.find((s) => s.key === scenario.value);
    const buildingIDs = buildingBoxes.filter((b) => b.checked).map((b) => b.value);
    const roles = roleBoxes.filter((b) => b.checked).map((b) => b.value);
    const body = {
      scenario: chosen.key,
      fields: fields.values(),
      keyPoints: keyPoints.value.split('\n').map((s) => s.trim()).filter(Boolean),
      urgency: urgency.value, tone: tone.value, count: Number(count.value),
      languages: languages.values(),
      audience: buildingIDs.length || roles.length ? { buildingIDs, roles } : { all: true },
    };
    if (chosen.requiresTopic) body.topic = topic.value.trim();
    reportProblem(problem, formEl, null);
    try {
      const drafts = await whileGenerating(generate, progress, () => org.post('/ai/announcement-drafts', body, { signal }));
      replace(draftsSlot, draftChooser(ctx, drafts));
      draftsSlot.querySelector('h2')?.focus();
    } catch (error) {
      reportProblem(problem, formEl, error);
      formEl.querySelector('[aria-invalid="true"]')?.focus();
    }
  });

  showScenario();
  return h('div', { class: 'gen-page' },
    pageHeader(t('generate-announcement.title')),
    h('p', { class: 'muted' }, t('generate-announcement.intro')),
    section('draft-input-h', t('generate-announcement.step_input'), formEl),
    draftsSlot);
}

/** The alternatives to pick from, then the picked one's editor and what to do with it. */
function draftChooser(ctx, drafts) {
  const editorSlot = h('div');
  const styleName = (alternative) => t('generate-announcement.style.' + alternative.style);
  const options = drafts.drafts.map((alternative) => h('article', {
    class: 'gen-choice', 'data-test': 'draft-option', 'data-index': alternative.index, 'data-style': alternative.style,
  },
  h('h3', {}, styleName(alternative)),
  alternative.versions.map((version) => h('div', { class: 'gen-version' },
    drafts.languages.length > 1 ? h('h4', {}, languageName(version.language)) : null,
    h('p', { lang: version.language }, h('strong', {}, version.title)),
    h('p', { class: 'gen-text', lang: version.language }, version.body),
    h('label', { class: 'checkbox' },
      h('input', {
        type: 'radio', name: 'draft-pick', value: `${alternative.index}:${version.language}`, 'data-test': 'draft-pick',
        onchange: () => pick(alternative, version),
      }),
      drafts.languages.length > 1
        ? t('generate-announcement.pick_in', { style: styleName(alternative), language: languageName(version.language) })
        : t('generate-announcement.pick', { style: styleName(alternative) }))))));

  function pick(alternative, version) {
    for (const option of options) option.classList.toggle('selected', option.dataset.index === String(alternative.index));
    replace(editorSlot, draftEditor(ctx, drafts, alternative, version, () => {
      for (const input of options.flatMap((o) => [...o.querySelectorAll('input')])) input.disabled = true;
    }));
  }

  return h('div', {},
    section('drafts-h', t('generate-announcement.step_pick'),
      h('p', { class: 'small muted' }, t('generate-announcement.made_with', { usage: usageText({ provider: drafts.provider, model: drafts.model }) })),
      h('div', { class: 'gen-two', role: 'radiogroup', 'aria-labelledby': 'drafts-h' }, options)),
    editorSlot);
}

function draftEditor(ctx, drafts, alternative, version, onSaved) {
  const title = h('input', { type: 'text', name: 'title', value: version.title, maxlength: 200, required: true, 'data-pointer': '/title', lang: version.language });
  const body = h('textarea', { name: 'body', rows: 14, maxlength: 20000, required: true, 'data-pointer': '/body', lang: version.language });
  body.value = version.body;
  const save = h('button', { class: 'btn btn-primary', type: 'submit', 'data-test': 'draft-choose' }, t('generate-announcement.save'));
  const problem = h('div');
  const outcome = h('div', { 'data-test': 'draft-outcome' });
  const formEl = h('form', { class: 'gen-options', novalidate: true },
    problem,
    h('p', { class: 'small muted' }, t('generate-announcement.edit_hint', {
      style: t('generate-announcement.style.' + alternative.style), language: languageName(version.language),
    })),
    field(t('generate-announcement.title_field'), title),
    field(t('generate-announcement.body_field'), body),
    h('div', { class: 'row' }, save),
    outcome);
  formEl.addEventListener('submit', async (event) => {
    event.preventDefault();
    reportProblem(problem, formEl, null);
    save.disabled = true;
    try {
      const announcement = await ctx.org.post(`/ai/announcement-drafts/${drafts.generationID}/choose`, {
        index: alternative.index, language: version.language, title: title.value.trim(), body: body.value.trim(),
      }, { signal: ctx.signal });
      title.readOnly = true;
      body.readOnly = true;
      onSaved();
      toast(t('generate-announcement.saved'));
      replace(outcome, savedAnnouncement(ctx, announcement));
      outcome.querySelector('a')?.focus();
    } catch (error) {
      save.disabled = false;
      reportProblem(problem, formEl, error);
      formEl.querySelector('[aria-invalid="true"]')?.focus();
    }
  });
  return section('draft-edit-h', t('generate-announcement.step_edit'), formEl);
}

function savedAnnouncement(ctx, announcement) {
  const link = h('a', { href: `#/announcements/${announcement.id}`, 'data-test': 'announcement-link' }, t('generate-announcement.open_announcement'));
  const problem = h('div');
  const status = h('p', { role: 'status' }, t('generate-announcement.saved_text'));
  const publish = h('button', { class: 'btn btn-primary', type: 'button', 'data-test': 'announcement-publish' }, t('generate-announcement.publish'));
  publish.addEventListener('click', async () => {
    if (!await confirmDialog(t('generate-announcement.publish_confirm'), { confirmLabel: t('generate-announcement.publish') })) return;
    publish.disabled = true;
    replace(problem);
    try {
      await ctx.org.post(`/announcements/${announcement.id}/publish`, undefined, { signal: ctx.signal });
      status.textContent = t('generate-announcement.published_text');
      publish.remove();
      toast(t('generate-announcement.published'));
    } catch (error) {
      publish.disabled = false;
      reportProblem(problem, null, error);
    }
  });
  return h('div', { class: 'alert ok' }, status, problem, h('div', { class: 'row' }, publish, link));
}
