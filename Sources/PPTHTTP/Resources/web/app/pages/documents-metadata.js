// A document's descriptive fields and access scope: the lookups they name (buildings, units,
// members), how an access scope reads in a sentence, and the form fields shared by the upload page
// and the edit dialog.
import { Problem } from '../core/api.js';
import { h } from '../core/dom.js';
import { t, locale, LOCALES, LOCALE_NAMES } from '../core/i18n.js';
import { field, select } from '../core/ui.js';

/** The access levels the API knows, in the order a person reads them (widest first). */
const ACCESS_LEVELS = ['organization', 'building', 'unit', 'roles', 'users', 'staff'];
/** Roles a scope may name; administrators and managers read every document anyway. */
const SCOPE_ROLES = ['technician', 'owner', 'tenant', 'resident', 'realtor'];
/** Pages of buildings or units read for pickers; 5 × 200 covers any cooperative we serve. */
const MAX_LOOKUP_PAGES = 5;

async function allPages(ctx, path) {
  const items = [];
  let cursor;
  for (let i = 0; i < MAX_LOOKUP_PAGES; i++) {
    const page = await ctx.org.get(path, { limit: 200, cursor }, { signal: ctx.signal });
    items.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return items;
}

/** Reads `load()`, or `fallback` when the role may not or the call fails: names are a nicety here. */
async function optional(allowed, load, fallback) {
  if (!allowed) return fallback;
  try { return await load(); } catch (error) { if (error.name === 'AbortError') throw error; return fallback; }
}

/**
 * Buildings (always, for access names), and on request units and members (for the access pickers
 * and uploader names). `members` is null when the role may not list them.
 */
export async function loadLookups(ctx, { units = false, members = false } = {}) {
  const [buildingList, unitList, memberList] = await Promise.all([
    optional(ctx.can('buildingsRead'), () => allPages(ctx, '/buildings'), []),
    optional(units && ctx.can('unitsRead'), () => allPages(ctx, '/units'), []),
    optional(members && ctx.can('membersRead'), () => ctx.org.get('/members', undefined, { signal: ctx.signal }), null),
  ]);
  return { buildings: buildingList, units: unitList, members: memberList };
}

/** The categories, folders and titles of the documents the member can see (for filters and suggestions). */
export async function loadFacets(ctx) {
  const page = await ctx.org.get('/documents', { limit: 200 }, { signal: ctx.signal });
  const sorted = (values) => [...new Set(values)].filter(Boolean).sort((a, b) => a.localeCompare(b));
  return {
    categories: sorted(page.items.map((d) => d.category)),
    folders: sorted(page.items.map((d) => d.folder)),
    hasRootDocuments: page.items.some((d) => d.folder === ''),
    titles: new Map(page.items.map((d) => [d.id, d.title])),
  };
}

/** A language's name in the reader's language ("angličtina"), for showing, not for choosing. */
export function languageName(code) {
  try { return new Intl.DisplayNames([locale()], { type: 'language' }).of(code) ?? LOCALE_NAMES[code]; } catch { return LOCALE_NAMES[code] ?? code; }
}

/** A member's name for `userID` when it can be known, else null. */
export function personName(ctx, lookups, userID) {
  if (userID === ctx.user.id) return ctx.user.name;
  return lookups.members?.find((m) => m.user.id === userID)?.user.name ?? null;
}

/** The names of `ids`, or how many there are when some cannot be named. */
function names(ids, lookup) {
  const found = ids.map(lookup).filter(Boolean);
  return found.length === ids.length ? found.join(', ') : t('documents.access_count', { n: ids.length });
}

/** "All members", "Buildings: Slnečnica A", "Roles: Owner, Tenant"… */
export function accessText(access, lookups) {
  switch (access.level) {
    case 'organization': return t('documents.access_short_organization');
    case 'staff': return t('documents.access_short_staff');
    case 'building':
      return t('documents.access_short_building', {
        names: names(access.buildingIDs, (id) => lookups.buildings.find((b) => b.id === id)?.name),
      });
    case 'unit':
      return t('documents.access_short_unit', {
        names: names(access.unitIDs, (id) => lookups.units.find((u) => u.id === id)?.number),
      });
    case 'roles': return t('documents.access_short_roles', { names: access.roles.map((r) => t('role.' + r)).join(', ') });
    case 'users':
      return t('documents.access_short_users', {
        names: names(access.userIDs, (id) => lookups.members?.find((m) => m.user.id === id)?.user.name),
      });
    default: return access.level;
  }
}

function checkboxList(legend, name, options, checked, emptyText) {
  if (options.length === 0) return h('p', { class: 'muted small' }, emptyText);
  return h('fieldset', { class: 'stack', style: { gap: '.3rem', maxHeight: '16rem', overflowY: 'auto', margin: 0 } },
    h('legend', { class: 'small' }, legend),
    options.map(([value, label]) => h('label', { class: 'checkbox' },
      h('input', { type: 'checkbox', name, value, checked: checked.includes(value) }), label)));
}

function unitPicker(lookups, checked) {
  if (lookups.units.length === 0) return h('p', { class: 'muted small' }, t('documents.access_no_units'));
  const byBuilding = new Map();
  for (const unit of lookups.units) {
    if (!byBuilding.has(unit.buildingID)) byBuilding.set(unit.buildingID, []);
    byBuilding.get(unit.buildingID).push(unit);
  }
  return h('div', { class: 'stack' }, [...byBuilding].map(([buildingID, units]) => checkboxList(
    lookups.buildings.find((b) => b.id === buildingID)?.name ?? t('documents.access_list_units'),
    'access.unitIDs',
    units.sort((a, b) => a.number.localeCompare(b.number, undefined, { numeric: true })).map((u) => [u.id, u.number]),
    checked, '')));
}

function accessFieldset(access, lookups) {
  const levels = ACCESS_LEVELS.filter((level) => level !== 'users' || lookups.members !== null || access.level === 'users');
  const level = select('access', levels.map((l) => [l, t('documents.access_' + l)]), access.level);
  const panels = {
    building: checkboxList(t('documents.access_list_buildings'), 'access.buildingIDs',
      lookups.buildings.map((b) => [b.id, `${b.name} (${b.street})`]), access.buildingIDs, t('documents.access_no_buildings')),
    unit: unitPicker(lookups, access.unitIDs),
    roles: checkboxList(t('documents.access_list_roles'), 'access.roles',
      SCOPE_ROLES.map((r) => [r, t('role.' + r)]), access.roles, ''),
    users: lookups.members === null
      ? h('p', { class: 'muted small' }, t('documents.access_short_users', { names: t('documents.access_count', { n: access.userIDs.length }) }))
      : checkboxList(t('documents.access_list_users'), 'access.userIDs',
        lookups.members.filter((m) => !['admin', 'manager'].includes(m.role))
          .map((m) => [m.user.id, `${m.user.name} · ${t('role.' + m.role)}`]), access.userIDs, t('documents.access_no_users')),
  };
  const show = () => { for (const [key, panel] of Object.entries(panels)) panel.hidden = key !== level.value; };
  level.addEventListener('change', show);
  show();
  return h('fieldset', { class: 'stack', style: { border: '1px solid var(--border)', borderRadius: 'var(--radius)', padding: '.75rem', margin: 0 } },
    h('legend', { style: { fontWeight: 600, padding: '0 .25rem' } }, t('documents.access')),
    field(t('documents.access_level'), level, t('documents.access_hint')),
    Object.values(panels));
}

/** The access scope chosen in `form`; throws a field problem when the chosen level names nobody. */
function readAccess(form, keptUserIDs) {
  const level = form.elements.access.value;
  const checked = (name) => [...form.querySelectorAll(`input[name="${name}"]:checked`)].map((i) => i.value);
  const access = { level, buildingIDs: [], unitIDs: [], roles: [], userIDs: [] };
  const lists = { building: 'buildingIDs', unit: 'unitIDs', roles: 'roles', users: 'userIDs' };
  const list = lists[level];
  if (!list) return access;
  const inputs = form.querySelectorAll(`input[name="access.${list}"]`);
  access[list] = inputs.length > 0 || level !== 'users' ? checked(`access.${list}`) : keptUserIDs;
  if (access[list].length === 0) {
    throw new Problem(422, {
      code: 'validation.failed',
      errors: [{ pointer: '/access', detail: t('documents.access_pick_' + level) }],
    });
  }
  return access;
}

/**
 * The title, category, folder, language and access fields, filled from `doc` when editing.
 * `read(form, data)` returns the API's DocumentMetadataInput.
 */
export function metadataFields({ doc, lookups, facets }) {
  const access = doc?.access ?? { level: 'organization', buildingIDs: [], unitIDs: [], roles: [], userIDs: [] };
  const suffix = Math.random().toString(36).slice(2, 7);
  const title = h('input', { name: 'title', required: true, maxlength: 200, value: doc?.title ?? '', autocomplete: 'off' });
  const category = h('input', { name: 'category', required: true, maxlength: 100, value: doc?.category ?? '', list: 'doc-categories-' + suffix, autocomplete: 'off' });
  const folder = h('input', { name: 'folder', maxlength: 200, value: doc?.folder ?? '', list: 'doc-folders-' + suffix, autocomplete: 'off' });
  const language = select('language',
    [['', t('documents.language_unset')], ...LOCALES.map((l) => [l, LOCALE_NAMES[l]])], doc?.language ?? '');
  const nodes = [
    field(t('documents.title'), title),
    h('div', { class: 'grid' },
      field(t('documents.category'), category, t('documents.category_hint')),
      field(t('documents.folder'), folder, t('documents.folder_hint'))),
    h('datalist', { id: 'doc-categories-' + suffix }, facets.categories.map((c) => h('option', { value: c }))),
    h('datalist', { id: 'doc-folders-' + suffix }, facets.folders.map((f) => h('option', { value: f }))),
    field(t('documents.language'), language, t('documents.language_hint')),
    accessFieldset(access, lookups),
  ];
  return {
    nodes,
    title,
    read(form, data) {
      return {
        title: String(data.title ?? '').trim(),
        category: String(data.category ?? '').trim(),
        folder: String(data.folder ?? '').trim(),
        language: data.language || null,
        access: readAccess(form, access.userIDs),
      };
    },
  };
}
