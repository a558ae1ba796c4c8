// The workflow template gallery (`workflows/templates`): cards of the built-in library and the
// organization's own templates, by category; and the template detail route.
import { h, replace } from '../core/dom.js';
import { t } from '../core/i18n.js';
import { pageHeader, badge, confirmDialog, toast, select } from '../core/ui.js';
import {
  ensureStyles, mergeMessages, triggerText, categoryName, workflowProblemText, TEMPLATE_CATEGORIES,
  messages as commonMessages,
} from './workflow-common.js';
import { renderTemplateDetail, messages as detailMessages } from './workflow-template-detail.js';
import { messages as inputMessages } from './workflow-inputs.js';
import { messages as traceMessages } from './workflow-trace.js';
import { messages as editorMessages } from './workflow-editor-messages.js';
import { messages as dryRunMessages } from './workflow-dry-run.js';

function card(ctx, template, onDeleted) {
  const href = `#/workflows/templates/${encodeURIComponent(template.id)}`;
  const headingId = `wf-template-${template.id.replace(/[^A-Za-z0-9_-]/g, '-')}`;
  return h('article', { class: 'card wf-card', 'data-test': 'template-card', 'data-id': template.id, 'aria-labelledby': headingId },
    h('div', { class: 'row' }, badge(categoryName(template.category)),
      template.builtIn ? badge(t('workflow-templates.built_in'), 'ok') : badge(t('workflow-templates.organization'))),
    h('h3', { id: headingId }, h('a', { href }, template.name)),
    h('p', {}, template.description),
    h('p', { class: 'small muted' }, triggerText(template.definition?.trigger), ' · ',
      t('workflow-templates.parameters', { count: template.parameters.length })),
    h('div', { class: 'row' },
      h('a', { class: 'btn', href, 'aria-label': t('workflow-templates.open_named', { name: template.name }) }, t('workflow-templates.open')),
      !template.builtIn && ctx.can('workflowsManage') ? h('button', {
        class: 'btn btn-danger', type: 'button', 'data-test': 'template-delete',
        onclick: async () => {
          if (!await confirmDialog(t('workflow-templates.confirm_delete', { name: template.name }), { confirmLabel: t('common.delete'), danger: true })) return;
          try {
            await ctx.org.delete(`/workflow-templates/${encodeURIComponent(template.id)}`);
            toast(t('workflow-templates.deleted', { name: template.name }));
            onDeleted();
          } catch (error) { toast(workflowProblemText(error), 'error'); }
        },
      }, t('common.delete')) : null));
}

/** The gallery page (`workflows/templates?category=`). */
export async function renderGallery(ctx) {
  ensureStyles();
  const category = TEMPLATE_CATEGORIES.includes(ctx.query.category) ? ctx.query.category : '';
  const { items } = await ctx.org.get('/workflow-templates', { category: category || undefined }, { signal: ctx.signal });
  const builtIn = items.filter((tpl) => tpl.builtIn);
  const own = items.filter((tpl) => !tpl.builtIn);
  const reload = () => renderGallery({ ...ctx }).catch(() => {});
  const filter = select('category', [['', t('common.all')], ...TEMPLATE_CATEGORIES.map((c) => [c, categoryName(c)])], category, {
    id: 'wf-template-category',
    onchange: (e) => ctx.navigate(e.target.value ? `workflows/templates?category=${e.target.value}` : 'workflows/templates'),
  });
  const section = (id, title, list, empty) => h('section', { class: 'stack', 'aria-labelledby': id },
    h('h2', { id }, title),
    list.length ? h('div', { class: 'grid', 'data-test': 'template-list' }, list.map((tpl) => card(ctx, tpl, reload))) : h('p', { class: 'empty' }, empty));
  replace(ctx.root, h('div', {},
    pageHeader(t('workflow-templates.title'), h('a', { class: 'btn', href: '#/workflows' }, t('workflow-templates.workflows'))),
    h('p', { class: 'muted' }, ctx.can('workflowsManage') ? t('workflow-templates.intro') : t('workflow-templates.intro_read')),
    h('div', { class: 'filters' }, h('div', { class: 'field' }, h('label', { for: 'wf-template-category' }, t('workflow-templates.category')), filter)),
    section('wf-templates-built-in', t('workflow-templates.built_in_title'), builtIn, t('workflow-templates.none')),
    section('wf-templates-own', t('workflow-templates.own_title'), own, t('workflow-templates.none_own'))));
}

export const routes = [
  { path: 'workflows/templates', render: renderGallery, permission: 'workflowsRead', nav: { group: 'automation', label: 'workflow-templates.nav', order: 30 } },
  { path: 'workflows/templates/:id', render: renderTemplateDetail, permission: 'workflowsRead' },
];

export const messages = mergeMessages(commonMessages, inputMessages, traceMessages, editorMessages, dryRunMessages, detailMessages, {
  en: {
    'workflow-templates.nav': 'Workflow templates', 'workflow-templates.title': 'Workflow templates', 'workflow-templates.workflows': 'Workflows',
    'workflow-templates.intro': 'Ready-made workflows: open one, set its parameters, preview the result and import it as a workflow of your own.',
    'workflow-templates.intro_read': 'Ready-made workflows with their parameters and a preview of the result.',
    'workflow-templates.category': 'Category', 'workflow-templates.built_in': 'built-in', 'workflow-templates.organization': 'organization',
    'workflow-templates.parameters': 'Parameters: {count}', 'workflow-templates.open': 'Open', 'workflow-templates.open_named': 'Open “{name}”',
    'workflow-templates.built_in_title': 'Built-in templates', 'workflow-templates.own_title': 'Templates of this organization',
    'workflow-templates.none': 'No templates in this category.', 'workflow-templates.none_own': 'None yet. Any workflow can be saved as a template from its editor.',
    'workflow-templates.confirm_delete': 'Delete the template “{name}”? Workflows made from it keep their definitions.',
    'workflow-templates.deleted': 'Template “{name}” deleted.',
    'problem.workflow_template.built_in': 'Built-in templates are part of PPT and cannot be deleted.',
  },
  sk: {
    'workflow-templates.nav': 'Šablóny postupov', 'workflow-templates.title': 'Šablóny pracovných postupov', 'workflow-templates.workflows': 'Pracovné postupy',
    'workflow-templates.intro': 'Hotové postupy: otvorte šablónu, nastavte parametre, pozrite si výsledok a importujte ju ako vlastný postup.',
    'workflow-templates.intro_read': 'Hotové postupy s parametrami a náhľadom výsledku.',
    'workflow-templates.category': 'Kategória', 'workflow-templates.built_in': 'vstavaná', 'workflow-templates.organization': 'organizácie',
    'workflow-templates.parameters': 'Parametre: {count}', 'workflow-templates.open': 'Otvoriť', 'workflow-templates.open_named': 'Otvoriť „{name}“',
    'workflow-templates.built_in_title': 'Vstavané šablóny', 'workflow-templates.own_title': 'Šablóny tejto organizácie',
    'workflow-templates.none': 'V tejto kategórii nie sú žiadne šablóny.', 'workflow-templates.none_own': 'Zatiaľ žiadne. Každý postup sa dá uložiť ako šablóna v jeho editore.',
    'workflow-templates.confirm_delete': 'Odstrániť šablónu „{name}“? Postupy vytvorené z nej si svoje definície ponechajú.',
    'workflow-templates.deleted': 'Šablóna „{name}“ je odstránená.',
    'problem.workflow_template.built_in': 'Vstavané šablóny sú súčasťou PPT a nedajú sa odstrániť.',
  },
  cs: {
    'workflow-templates.nav': 'Šablony postupů', 'workflow-templates.title': 'Šablony pracovních postupů', 'workflow-templates.workflows': 'Pracovní postupy',
    'workflow-templates.intro': 'Hotové postupy: otevřete šablonu, nastavte parametry, prohlédněte si výsledek a importujte ji jako vlastní postup.',
    'workflow-templates.intro_read': 'Hotové postupy s parametry a náhledem výsledku.',
    'workflow-templates.category': 'Kategorie', 'workflow-templates.built_in': 'vestavěná', 'workflow-templates.organization': 'organizace',
    'workflow-templates.parameters': 'Parametry: {count}', 'workflow-templates.open': 'Otevřít', 'workflow-templates.open_named': 'Otevřít „{name}“',
    'workflow-templates.built_in_title': 'Vestavěné šablony', 'workflow-templates.own_title': 'Šablony této organizace',
    'workflow-templates.none': 'V této kategorii nejsou žádné šablony.', 'workflow-templates.none_own': 'Zatím žádné. Každý postup lze uložit jako šablonu v jeho editoru.',
    'workflow-templates.confirm_delete': 'Smazat šablonu „{name}“? Postupy z ní vytvořené si své definice ponechají.',
    'workflow-templates.deleted': 'Šablona „{name}“ je smazána.',
    'problem.workflow_template.built_in': 'Vestavěné šablony jsou součástí PPT a nelze je smazat.',
  },
  de: {
    'workflow-templates.nav': 'Workflow-Vorlagen', 'workflow-templates.title': 'Workflow-Vorlagen', 'workflow-templates.workflows': 'Workflows',
    'workflow-templates.intro': 'Fertige Workflows: Vorlage öffnen, Parameter setzen, Ergebnis ansehen und als eigenen Workflow importieren.',
    'workflow-templates.intro_read': 'Fertige Workflows mit ihren Parametern und einer Vorschau des Ergebnisses.',
    'workflow-templates.category': 'Kategorie', 'workflow-templates.built_in': 'integriert', 'workflow-templates.organization': 'Organisation',
    'workflow-templates.parameters': 'Parameter: {count}', 'workflow-templates.open': 'Öffnen', 'workflow-templates.open_named': '„{name}“ öffnen',
    'workflow-templates.built_in_title': 'Integrierte Vorlagen', 'workflow-templates.own_title': 'Vorlagen dieser Organisation',
    'workflow-templates.none': 'Keine Vorlagen in dieser Kategorie.', 'workflow-templates.none_own': 'Noch keine. Jeder Workflow lässt sich im Editor als Vorlage speichern.',
    'workflow-templates.confirm_delete': 'Vorlage „{name}“ löschen? Daraus erstellte Workflows behalten ihre Definitionen.',
    'workflow-templates.deleted': 'Vorlage „{name}“ gelöscht.',
    'problem.workflow_template.built_in': 'Integrierte Vorlagen gehören zu PPT und können nicht gelöscht werden.',
  },
});
