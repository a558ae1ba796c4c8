// A saved workflow's version history: every version newest first, each viewable (in the editor's
// current format) and, for people who may edit, loadable back into the editor to save it again.
import { h, replace } from '../core/dom.js';
import { t, dateTime } from '../core/i18n.js';
import { modal, into, badge } from '../core/ui.js';
import { codeBlock, memberDirectory, memberName, prettyJSON } from './workflow-common.js';
import { toYAML } from './workflow-yaml.js';

/**
 * The history card. `format()` is 'json' or 'yaml'; `onLoad(definition, version)` puts a version
 * into the editor (absent for readers). Returns `{ el, refresh(workflow) }`.
 */
export function versionHistory(ctx, { format, onLoad }) {
  const list = h('div', {});
  const el = h('section', { class: 'card', 'aria-labelledby': 'wf-versions-title' },
    h('h2', { id: 'wf-versions-title' }, t('workflow-versions.title')), list);

  function show(version) {
    const text = format() === 'yaml' ? toYAML(version.definition) : prettyJSON(version.definition);
    const actions = onLoad ? h('button', {
      class: 'btn', type: 'button', 'data-test': 'version-load',
      onclick: () => { close(); onLoad(version.definition, version.version); },
    }, t('workflow-versions.load')) : null;
    const { close } = modal(t('workflow-versions.version', { version: version.version }),
      h('div', { class: 'stack' }, h('p', { class: 'small muted' }, dateTime(version.createdAt)),
        codeBlock(text, { 'data-test': 'version-definition' }), actions ? h('div', { class: 'row' }, actions) : null));
  }

  async function refresh(workflow) {
    await into(list, async () => {
      const [versions, members] = await Promise.all([
        ctx.org.get(`/workflows/${workflow.id}/versions`, undefined, { signal: ctx.signal }), memberDirectory(ctx)]);
      return h('ol', { class: 'timeline', 'data-test': 'version-list' }, versions.items.map((v) => h('li', {},
        h('div', { class: 'row' },
          h('strong', {}, t('workflow-versions.version', { version: v.version })),
          v.version === workflow.currentVersion ? badge(t('workflow-versions.current'), 'ok') : null,
          h('button', { class: 'btn btn-link', type: 'button', 'data-test': 'version-view', onclick: () => show(v) },
            t('workflow-versions.view', { version: v.version }))),
        h('div', { class: 'small muted' }, dateTime(v.createdAt), ' · ', memberName(members, v.createdBy, ctx)))));
    });
  }

  replace(list);
  return { el, refresh };
}

export const messages = {
  en: {
    'workflow-versions.title': 'Version history', 'workflow-versions.version': 'Version {version}',
    'workflow-versions.current': 'current', 'workflow-versions.view': 'View version {version}',
    'workflow-versions.load': 'Load into the editor',
  },
  sk: {
    'workflow-versions.title': 'História verzií', 'workflow-versions.version': 'Verzia {version}',
    'workflow-versions.current': 'aktuálna', 'workflow-versions.view': 'Zobraziť verziu {version}',
    'workflow-versions.load': 'Načítať do editora',
  },
  cs: {
    'workflow-versions.title': 'Historie verzí', 'workflow-versions.version': 'Verze {version}',
    'workflow-versions.current': 'aktuální', 'workflow-versions.view': 'Zobrazit verzi {version}',
    'workflow-versions.load': 'Načíst do editoru',
  },
  de: {
    'workflow-versions.title': 'Versionsverlauf', 'workflow-versions.version': 'Version {version}',
    'workflow-versions.current': 'aktuell', 'workflow-versions.view': 'Version {version} ansehen',
    'workflow-versions.load': 'In den Editor laden',
  },
};
