// Workflows: the organization's list (trigger, enabled, version, last run, kept current by the live
// run feed), switching on and off, manual runs and deletion; and the editor routes.
import { h, replace, append } from '../core/dom.js';
import { t, relative, dateTime } from '../core/i18n.js';
import { pageHeader, problemAlert, confirmDialog, toast, loading, select } from '../core/ui.js';
import {
  ensureStyles, mergeMessages, statusBadge, triggerText, followRunFeed, workflowProblemText,
  messages as commonMessages,
} from './workflow-common.js';
import { renderEditor } from './workflow-editor.js';
import { messages as editorMessages } from './workflow-editor-messages.js';
import { openManualRun, isManual, messages as manualRunMessages } from './workflow-manual-run.js';
import { messages as codeMessages } from './workflow-code.js';
import { messages as traceMessages } from './workflow-trace.js';
import { messages as inputMessages } from './workflow-inputs.js';
import { messages as dryRunMessages } from './workflow-dry-run.js';
import { messages as versionMessages } from './workflow-versions.js';
import { messages as templateSaveMessages } from './workflow-save-template.js';
import { messages as actionMessages } from './workflow-action-reference.js';
import { renderRunList } from './workflow-runs.js';
import { renderGallery } from './workflow-templates.js';

const PAGE_SIZE = 50;

function lastRunCell(run) {
  if (!run) return h('span', { class: 'muted' }, t('workflows.never'));
  return h('a', { href: `#/workflows/runs/${run.id}`, 'data-test': 'workflow-last-run', 'data-status': run.status },
    statusBadge(run.status), ' ', h('time', { datetime: run.updatedAt ?? run.at, title: dateTime(run.updatedAt ?? run.at) }, relative(run.updatedAt ?? run.at)));
}

async function renderList(ctx) {
  ensureStyles();
  const canManage = ctx.can('workflowsManage');
  const triggerType = ['event', 'schedule', 'manual'].includes(ctx.query.trigger) ? ctx.query.trigger : '';
  const tbody = h('tbody', {});
  const lastRunCells = new Map();
  const more = h('div', { class: 'row' });
  const errors = h('div', {});

  const filter = select('trigger', [['', t('common.all')], ['event', t('workflow-common.trigger.event')],
    ['schedule', t('workflow-common.trigger.schedule')], ['manual', t('workflow-common.trigger.manual')]], triggerType,
  { id: 'wf-trigger-filter', onchange: (e) => ctx.navigate(e.target.value ? `workflows?trigger=${e.target.value}` : 'workflows') });

  function enabledCell(workflow) {
    if (!canManage) return workflow.enabled ? statusBadgeText('on') : statusBadgeText('off');
    const box = h('input', {
      type: 'checkbox', role: 'switch', checked: workflow.enabled, 'data-test': 'workflow-enabled',
      'aria-label': t('workflows.enabled_for', { name: workflow.name }),
      onchange: async () => {
        box.disabled = true;
        try {
          const updated = await ctx.org.patch(`/workflows/${workflow.id}`, { enabled: box.checked });
          workflow.enabled = updated.enabled;
          toast(updated.enabled ? t('workflows.now_enabled', { name: workflow.name }) : t('workflows.now_disabled', { name: workflow.name }));
        } catch (error) {
          box.checked = workflow.enabled;
          toast(workflowProblemText(error), 'error');
        } finally {
          box.disabled = false;
        }
      },
    });
    return box;
  }
  const statusBadgeText = (state) => h('span', { class: `badge ${state === 'on' ? 'ok' : ''}` }, t(`workflows.${state}`));

  function row(workflow) {
    const lastRun = h('td', {}, h('span', { class: 'muted small' }, t('common.loading')));
    lastRunCells.set(workflow.id, lastRun);
    const actions = h('div', { class: 'row wf-actions' },
      h('a', { class: 'btn', href: `#/workflows/${workflow.id}` }, canManage ? t('common.edit') : t('common.details')),
      canManage && isManual(workflow) ? h('button', { class: 'btn', type: 'button', 'data-test': 'workflow-run', onclick: () => openManualRun(ctx, workflow) }, t('workflows.run')) : null,
      canManage ? h('button', {
        class: 'btn btn-danger', type: 'button', 'data-test': 'workflow-delete',
        onclick: async () => {
          if (!await confirmDialog(t('workflows.confirm_delete', { name: workflow.name }), { confirmLabel: t('common.delete'), danger: true })) return;
          try {
            await ctx.org.delete(`/workflows/${workflow.id}`);
            tr.remove();
            toast(t('workflows.deleted', { name: workflow.name }));
          } catch (error) { toast(workflowProblemText(error), 'error'); }
        },
      }, t('common.delete')) : null);
    const tr = h('tr', { 'data-test': 'workflow-row', 'data-id': workflow.id },
      h('td', {}, h('a', { href: `#/workflows/${workflow.id}` }, workflow.name),
        workflow.description ? h('div', { class: 'small muted' }, workflow.description) : null),
      h('td', {}, triggerText(workflow.definition.trigger),
        workflow.nextFireAt ? h('div', { class: 'small muted' }, t('workflows.next', { at: dateTime(workflow.nextFireAt) })) : null),
      h('td', {}, enabledCell(workflow)),
      h('td', {}, String(workflow.currentVersion)),
      lastRun,
      h('td', {}, actions));
    return tr;
  }

  // The latest runs of the organization cover most workflows in one request; the rest ask for their own.
  let recent = null;
  async function fillLastRuns(workflows) {
    recent ??= ctx.org.get('/workflow-runs', { limit: 200 }, { signal: ctx.signal }).then((page) => {
      const latest = new Map();
      for (const run of page.items) if (!latest.has(run.workflowID)) latest.set(run.workflowID, run);
      return { latest, complete: !page.nextCursor };
    });
    const { latest, complete } = await recent;
    await Promise.all(workflows.map(async (workflow) => {
      const cell = lastRunCells.get(workflow.id);
      try {
        const run = latest.get(workflow.id)
          ?? (complete ? null : (await ctx.org.get('/workflow-runs', { workflowID: workflow.id, limit: 1 }, { signal: ctx.signal })).items[0]);
        replace(cell, lastRunCell(run));
      } catch (error) {
        if (error.name !== 'AbortError') replace(cell, h('span', { class: 'muted small' }, '—'));
      }
    }));
  }

  async function load(cursor) {
    const page = await ctx.org.get('/workflows', { triggerType, limit: PAGE_SIZE, cursor }, { signal: ctx.signal });
    append(tbody, page.items.map(row));
    fillLastRuns(page.items).catch(() => {});
    replace(more, page.nextCursor ? h('button', {
      class: 'btn', type: 'button', onclick: async (e) => {
        e.target.disabled = true;
        try { await load(page.nextCursor); } catch (error) { replace(errors, problemAlert(error)); e.target.disabled = false; }
      },
    }, t('common.more')) : null);
    return page;
  }

  const body = h('div', {}, loading());
  const page = h('div', {},
    pageHeader(t('workflows.title'),
      h('a', { class: 'btn', href: '#/workflows/templates' }, t('workflows.templates')),
      h('a', { class: 'btn', href: '#/workflows/runs' }, t('workflows.runs')),
      canManage ? h('a', { class: 'btn btn-primary', href: '#/workflows/new', 'data-test': 'workflow-new' }, t('workflows.new')) : null),
    h('div', { class: 'filters' }, h('div', { class: 'field' }, h('label', { for: 'wf-trigger-filter' }, t('workflows.trigger')), filter)),
    errors, body);
  replace(ctx.root, page);

  const first = await load();
  if (first.items.length === 0) {
    replace(body, h('div', { class: 'card empty', 'data-test': 'workflow-list' },
      h('p', {}, triggerType ? t('workflows.none_of_type') : t('workflows.empty')),
      h('p', {}, h('a', { href: '#/workflows/templates' }, t('workflows.browse_templates')))));
  } else {
    replace(body, h('div', { class: 'table-wrap' }, h('table', { class: 'data', 'data-test': 'workflow-list' },
      h('caption', { class: 'visually-hidden' }, t('workflows.title')),
      h('thead', {}, h('tr', {}, [t('common.name'), t('workflows.trigger'), t('workflows.enabled'), t('workflows.version'),
        t('workflows.last_run'), t('common.actions')].map((c) => h('th', { scope: 'col' }, c)))),
      tbody)), more);
  }

  // Keep "last run" current while the page is open.
  followRunFeed(ctx.org, {
    signal: ctx.signal,
    onUpdate: (update) => {
      const cell = lastRunCells.get(update.workflowID);
      if (cell) replace(cell, lastRunCell({ id: update.runID, status: update.status, at: update.at }));
    },
  });
}

async function renderWorkflow(ctx) {
  // `workflows/runs` and `workflows/templates` have the same shape as `workflows/:id`, and this
  // module's routes are matched first, so those two names are handed on here.
  if (ctx.params.id === 'runs') return renderRunList(ctx);
  if (ctx.params.id === 'templates') return renderGallery(ctx);
  return renderEditor(ctx);
}

export const routes = [
  { path: 'workflows', render: renderList, permission: 'workflowsRead', nav: { group: 'automation', label: 'workflows.nav', order: 10 } },
  { path: 'workflows/new', render: renderEditor, permission: 'workflowsManage' },
  { path: 'workflows/:id', render: renderWorkflow, permission: 'workflowsRead' },
];

export const messages = mergeMessages(commonMessages, editorMessages, manualRunMessages, codeMessages, traceMessages,
  inputMessages, dryRunMessages, versionMessages, templateSaveMessages, actionMessages, {
    en: {
      'workflows.nav': 'Workflows', 'workflows.title': 'Workflows', 'workflows.new': 'New workflow',
      'workflows.templates': 'Templates', 'workflows.runs': 'Runs', 'workflows.trigger': 'Trigger',
      'workflows.enabled': 'Enabled', 'workflows.version': 'Version', 'workflows.last_run': 'Last run',
      'workflows.on': 'enabled', 'workflows.off': 'disabled', 'workflows.never': 'never run',
      'workflows.enabled_for': '“{name}” enabled', 'workflows.now_enabled': '“{name}” is enabled.', 'workflows.now_disabled': '“{name}” is disabled.',
      'workflows.run': 'Run', 'workflows.next': 'next {at}',
      'workflows.confirm_delete': 'Delete the workflow “{name}”? Its active runs are cancelled; finished runs stay readable.',
      'workflows.deleted': 'Workflow “{name}” deleted.',
      'workflows.empty': 'No workflows yet. Import one from the templates or write a new one.',
      'workflows.none_of_type': 'No workflows with this trigger.', 'workflows.browse_templates': 'Browse the templates',
    },
    sk: {
      'workflows.nav': 'Pracovné postupy', 'workflows.title': 'Pracovné postupy', 'workflows.new': 'Nový postup',
      'workflows.templates': 'Šablóny', 'workflows.runs': 'Behy', 'workflows.trigger': 'Spúšťač',
      'workflows.enabled': 'Zapnutý', 'workflows.version': 'Verzia', 'workflows.last_run': 'Posledný beh',
      'workflows.on': 'zapnutý', 'workflows.off': 'vypnutý', 'workflows.never': 'ešte nebežal',
      'workflows.enabled_for': '„{name}“ zapnutý', 'workflows.now_enabled': '„{name}“ je zapnutý.', 'workflows.now_disabled': '„{name}“ je vypnutý.',
      'workflows.run': 'Spustiť', 'workflows.next': 'ďalší {at}',
      'workflows.confirm_delete': 'Odstrániť postup „{name}“? Jeho aktívne behy sa zrušia; dokončené zostanú na čítanie.',
      'workflows.deleted': 'Postup „{name}“ je odstránený.',
      'workflows.empty': 'Zatiaľ tu nie sú žiadne postupy. Importujte niektorý zo šablón alebo napíšte nový.',
      'workflows.none_of_type': 'Žiadne postupy s týmto spúšťačom.', 'workflows.browse_templates': 'Prezrieť šablóny',
    },
    cs: {
      'workflows.nav': 'Pracovní postupy', 'workflows.title': 'Pracovní postupy', 'workflows.new': 'Nový postup',
      'workflows.templates': 'Šablony', 'workflows.runs': 'Běhy', 'workflows.trigger': 'Spouštěč',
      'workflows.enabled': 'Zapnutý', 'workflows.version': 'Verze', 'workflows.last_run': 'Poslední běh',
      'workflows.on': 'zapnutý', 'workflows.off': 'vypnutý', 'workflows.never': 'ještě neběžel',
      'workflows.enabled_for': '„{name}“ zapnutý', 'workflows.now_enabled': '„{name}“ je zapnutý.', 'workflows.now_disabled': '„{name}“ je vypnutý.',
      'workflows.run': 'Spustit', 'workflows.next': 'další {at}',
      'workflows.confirm_delete': 'Smazat postup „{name}“? Jeho aktivní běhy se zruší; dokončené zůstanou ke čtení.',
      'workflows.deleted': 'Postup „{name}“ je smazán.',
      'workflows.empty': 'Zatím tu nejsou žádné postupy. Importujte některý ze šablon nebo napište nový.',
      'workflows.none_of_type': 'Žádné postupy s tímto spouštěčem.', 'workflows.browse_templates': 'Prohlédnout šablony',
    },
    de: {
      'workflows.nav': 'Workflows', 'workflows.title': 'Workflows', 'workflows.new': 'Neuer Workflow',
      'workflows.templates': 'Vorlagen', 'workflows.runs': 'Läufe', 'workflows.trigger': 'Auslöser',
      'workflows.enabled': 'Aktiv', 'workflows.version': 'Version', 'workflows.last_run': 'Letzter Lauf',
      'workflows.on': 'aktiv', 'workflows.off': 'inaktiv', 'workflows.never': 'noch nie gelaufen',
      'workflows.enabled_for': '„{name}“ aktiv', 'workflows.now_enabled': '„{name}“ ist aktiv.', 'workflows.now_disabled': '„{name}“ ist deaktiviert.',
      'workflows.run': 'Ausführen', 'workflows.next': 'nächster {at}',
      'workflows.confirm_delete': 'Workflow „{name}“ löschen? Aktive Läufe werden abgebrochen; beendete bleiben lesbar.',
      'workflows.deleted': 'Workflow „{name}“ gelöscht.',
      'workflows.empty': 'Noch keine Workflows. Importieren Sie einen aus den Vorlagen oder schreiben Sie einen neuen.',
      'workflows.none_of_type': 'Keine Workflows mit diesem Auslöser.', 'workflows.browse_templates': 'Vorlagen ansehen',
    },
  });
