// "Save as template" from the editor: the workflow's saved definition (or the edited one) becomes
// an organization template (POST workflow-templates).
import { h } from '../core/dom.js';
import { t } from '../core/i18n.js';
import { form, field, select, modal, toast } from '../core/ui.js';
import { TEMPLATE_CATEGORIES, categoryName } from './workflow-common.js';

/**
 * Opens the dialog. `source()` resolves to `{ workflowID }` (the saved definition unchanged) or
 * `{ definition }` (the editor's text); `name` and `description` prefill the fields.
 */
export function openSaveTemplate(ctx, { name, description, source }) {
  const nameInput = h('input', { name: 'name', required: true, maxlength: 200, value: name ?? '' });
  const descriptionInput = h('textarea', { name: 'description', maxlength: 2000, rows: 3, value: description ?? '' });
  const category = select('category', TEMPLATE_CATEGORIES.map((c) => [c, categoryName(c)]), 'maintenance', { required: true });
  const body = form([
    h('p', { class: 'small muted' }, t('workflow-save-template.intro')),
    field(t('common.name'), nameInput),
    field(t('workflow-save-template.description'), descriptionInput),
    field(t('workflow-save-template.category'), category),
  ], async (data) => {
    const saved = await ctx.org.post('/workflow-templates', {
      name: data.name.trim(), description: data.description, category: data.category, ...(await source()),
    }, { signal: ctx.signal });
    close();
    toast(t('workflow-save-template.saved', { name: saved.name }));
    ctx.navigate(`workflows/templates/${encodeURIComponent(saved.id)}`);
  }, { submitLabel: t('workflow-save-template.save') });
  const { close } = modal(t('workflow-save-template.title'), body);
  nameInput.focus();
}

export const messages = {
  en: {
    'workflow-save-template.title': 'Save as template', 'workflow-save-template.save': 'Save template',
    'workflow-save-template.intro': 'The definition becomes a template of this organization that anyone managing workflows can import.',
    'workflow-save-template.description': 'Description', 'workflow-save-template.category': 'Category',
    'workflow-save-template.saved': 'Template “{name}” saved.',
    'problem.workflow_template.name_taken': 'A template of this organization already has this name.',
    'problem.workflow_template.invalid': 'The template is not valid.',
  },
  sk: {
    'workflow-save-template.title': 'Uložiť ako šablónu', 'workflow-save-template.save': 'Uložiť šablónu',
    'workflow-save-template.intro': 'Z definície sa stane šablóna tejto organizácie, ktorú môže importovať každý, kto spravuje pracovné postupy.',
    'workflow-save-template.description': 'Popis', 'workflow-save-template.category': 'Kategória',
    'workflow-save-template.saved': 'Šablóna „{name}“ je uložená.',
    'problem.workflow_template.name_taken': 'Šablóna s týmto názvom v organizácii už existuje.',
    'problem.workflow_template.invalid': 'Šablóna nie je platná.',
  },
  cs: {
    'workflow-save-template.title': 'Uložit jako šablonu', 'workflow-save-template.save': 'Uložit šablonu',
    'workflow-save-template.intro': 'Z definice se stane šablona této organizace, kterou může importovat každý, kdo spravuje pracovní postupy.',
    'workflow-save-template.description': 'Popis', 'workflow-save-template.category': 'Kategorie',
    'workflow-save-template.saved': 'Šablona „{name}“ je uložena.',
    'problem.workflow_template.name_taken': 'Šablona s tímto názvem v organizaci už existuje.',
    'problem.workflow_template.invalid': 'Šablona není platná.',
  },
  de: {
    'workflow-save-template.title': 'Als Vorlage speichern', 'workflow-save-template.save': 'Vorlage speichern',
    'workflow-save-template.intro': 'Die Definition wird zu einer Vorlage dieser Organisation, die alle importieren können, die Workflows verwalten.',
    'workflow-save-template.description': 'Beschreibung', 'workflow-save-template.category': 'Kategorie',
    'workflow-save-template.saved': 'Vorlage „{name}“ gespeichert.',
    'problem.workflow_template.name_taken': 'In dieser Organisation gibt es bereits eine Vorlage mit diesem Namen.',
    'problem.workflow_template.invalid': 'Die Vorlage ist nicht gültig.',
  },
};
