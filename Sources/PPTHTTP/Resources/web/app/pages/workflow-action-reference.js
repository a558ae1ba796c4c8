// A reference beside the editor: the actions steps can use (GET workflow-actions), with their input
// fields and outputs, loaded when first opened.
import { h } from '../core/dom.js';
import { t } from '../core/i18n.js';
import { into, badge } from '../core/ui.js';

/** A collapsible card listing the action catalogue. */
export function actionReference(ctx) {
  const body = h('div', {});
  let loaded = false;
  const details = h('details', {
    ontoggle: () => {
      if (!details.open || loaded) return;
      loaded = true;
      into(body, async () => {
        const { items } = await ctx.org.get('/workflow-actions', undefined, { signal: ctx.signal });
        return h('div', { class: 'stack' }, items.map((action) => h('div', {},
          h('h3', { class: 'mono' }, action.name, ' ', badge(t('workflow-action-reference.effect.' + action.effect))),
          h('ul', { class: 'small' }, action.fields.map((f) => h('li', {},
            h('span', { class: 'mono' }, f.name), ` (${f.type}${f.required ? ', ' + t('workflow-action-reference.required') : ''}) `,
            h('span', { class: 'muted' }, f.description)))),
          Object.keys(action.output ?? {}).length ? h('p', { class: 'small' }, t('workflow-action-reference.output'), ' ',
            h('span', { class: 'mono' }, Object.entries(action.output).map(([k, v]) => `${k}: ${v}`).join(', '))) : null)));
      });
    },
  }, h('summary', {}, t('workflow-action-reference.title')), h('p', { class: 'small muted' }, t('workflow-action-reference.intro')), body);
  return h('section', { class: 'card' }, details);
}

export const messages = {
  en: {
    'workflow-action-reference.title': 'Actions steps can use', 'workflow-action-reference.required': 'required',
    'workflow-action-reference.intro': 'A step’s type is an action (below) or if, delay, set, stop. Text inputs may hold {{ expressions }}.',
    'workflow-action-reference.output': 'Output (steps.<id>.output):',
    'workflow-action-reference.effect.database': 'in the database, once', 'workflow-action-reference.effect.external': 'external, at least once',
  },
  sk: {
    'workflow-action-reference.title': 'Akcie, ktoré môžu kroky použiť', 'workflow-action-reference.required': 'povinné',
    'workflow-action-reference.intro': 'Typ kroku je akcia (nižšie) alebo if, delay, set, stop. Textové vstupy môžu obsahovať {{ výrazy }}.',
    'workflow-action-reference.output': 'Výstup (steps.<id>.output):',
    'workflow-action-reference.effect.database': 'v databáze, raz', 'workflow-action-reference.effect.external': 'externá, aspoň raz',
  },
  cs: {
    'workflow-action-reference.title': 'Akce, které mohou kroky použít', 'workflow-action-reference.required': 'povinné',
    'workflow-action-reference.intro': 'Typ kroku je akce (níže) nebo if, delay, set, stop. Textové vstupy mohou obsahovat {{ výrazy }}.',
    'workflow-action-reference.output': 'Výstup (steps.<id>.output):',
    'workflow-action-reference.effect.database': 'v databázi, jednou', 'workflow-action-reference.effect.external': 'externí, alespoň jednou',
  },
  de: {
    'workflow-action-reference.title': 'Aktionen für Schritte', 'workflow-action-reference.required': 'Pflicht',
    'workflow-action-reference.intro': 'Der Typ eines Schritts ist eine Aktion (unten) oder if, delay, set, stop. Texteingaben dürfen {{ Ausdrücke }} enthalten.',
    'workflow-action-reference.output': 'Ausgabe (steps.<id>.output):',
    'workflow-action-reference.effect.database': 'in der Datenbank, genau einmal', 'workflow-action-reference.effect.external': 'extern, mindestens einmal',
  },
};
