// Members and roles: the organization's members (membersRead), and for administrators
// (membersManage) adding people by e-mail (creating the account when needed), changing roles and
// removing members.
import { h, replace } from '../core/dom.js';
import { t, date } from '../core/i18n.js';
import { fetchRaw } from '../core/api.js';
import { pageHeader, field, select, form, badge, toast, confirmDialog, problemAlert, loading } from '../core/ui.js';

const ROLES = ['admin', 'manager', 'technician', 'owner', 'tenant', 'resident', 'realtor'];
const LANGS = [['sk', 'Slovenčina'], ['cs', 'Čeština'], ['de', 'Deutsch'], ['en', 'English']];

/** A random initial password (16 characters without look-alikes) for a new account. */
function generatePassword() {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}

function addForm(ctx, onAdded) {
  const result = h('div', { role: 'status' });
  const password = h('input', { id: 'member-password', name: 'password', type: 'text', autocomplete: 'new-password', minlength: 10, maxlength: 128, spellcheck: false, class: 'mono' });
  const generate = h('button', { class: 'btn', type: 'button', onclick: () => { password.value = generatePassword(); password.focus(); } },
    t('admin-members.generate'));
  const el = form([
    h('div', { class: 'grid' },
      field(t('admin-members.email'), h('input', { name: 'email', type: 'email', required: true, autocomplete: 'off', maxlength: 254 })),
      field(t('admin-members.role'), select('role', ROLES.map((r) => [r, t('role.' + r)]), 'tenant', { required: true }))),
    h('p', { class: 'small muted' }, t('admin-members.new_account_hint')),
    h('div', { class: 'grid' },
      field(t('admin-members.name'), h('input', { name: 'name', type: 'text', autocomplete: 'off', maxlength: 200 })),
      h('div', { class: 'field' },
        h('label', { for: 'member-password' }, t('admin-members.password')),
        h('div', { class: 'row' }, password, generate),
        h('div', { class: 'hint', id: 'member-password-hint' }, t('admin-members.password_hint'))),
      field(t('admin-members.locale'), select('locale', [['', t('admin-members.locale_default')], ...LANGS], ''))),
  ], async (data) => {
    const body = { email: data.email.trim(), role: data.role };
    if (data.name.trim()) body.name = data.name.trim();
    if (data.password) body.password = data.password;
    if (data.locale) body.locale = data.locale;
    // 201 means the account was created now, 200 that an existing account was added.
    const raw = await fetchRaw(ctx.org.path('/members'), { method: 'POST', body, signal: ctx.signal });
    const created = raw.status === 201;
    const response = await raw.json();
    replace(result, h('div', { class: 'alert ok' },
      h('p', {}, t(created ? 'admin-members.created' : 'admin-members.added',
        { name: response.user.name, email: response.user.email, role: t('role.' + response.role) })),
      created ? h('p', {}, t('admin-members.created_password'), ' ', h('code', { class: 'mono', 'data-test': 'member-initial-password' }, body.password)) : null));
    // Clear only what identifies the person: form.reset() would also move the role back to the
    // first option (administrator), a dangerous default for the next addition.
    for (const name of ['email', 'name', 'password']) el.elements[name].value = '';
    onAdded();
  }, { submitLabel: t('admin-members.add') });
  password.setAttribute('aria-describedby', 'member-password-hint');
  el.setAttribute('data-test', 'member-add');
  return h('section', { class: 'card', 'aria-labelledby': 'member-add-title' },
    h('h2', { id: 'member-add-title' }, t('admin-members.add_title')), el, result);
}

function memberRow(ctx, member, { adminCount, reload }) {
  const problems = h('div', { tabindex: '-1' });
  const problemRow = h('tr', { hidden: true }, h('td', { colspan: 5 }, problems));
  const showProblem = (error) => { problemRow.hidden = !error; replace(problems, error ? problemAlert(error) : null); if (error) problems.focus(); };
  const isMe = member.user.id === ctx.user.id;
  const lastAdmin = member.role === 'admin' && adminCount === 1;
  const manage = ctx.can('membersManage');
  const roleCell = () => {
    if (!manage) return t('role.' + member.role);
    const id = `role-${member.user.id}`;
    const choice = select('role', ROLES.map((r) => [r, t('role.' + r)]), member.role, { id, 'data-test': 'member-role' });
    const save = h('button', { class: 'btn btn-primary', type: 'button', hidden: true, 'data-test': 'member-role-save' }, t('admin-members.change_role'));
    // The button appears once another role is chosen, so unchanged rows stay quiet.
    choice.addEventListener('change', () => { save.hidden = choice.value === member.role; });
    save.addEventListener('click', async () => {
      if (isMe && member.role === 'admin' && choice.value !== 'admin'
        && !(await confirmDialog(t('admin-members.confirm_self_demote'), { danger: true }))) return;
      save.disabled = true;
      showProblem(null);
      try {
        await ctx.org.put('/members', { email: member.user.email, role: choice.value }, { signal: ctx.signal });
        toast(t('admin-members.role_changed', { name: member.user.name, role: t('role.' + choice.value) }));
        // A changed own role changes what the shell may show: start again with the new permissions.
        if (isMe) { location.reload(); return; }
        reload();
      } catch (error) {
        choice.value = member.role;
        save.hidden = true;
        save.disabled = false;
        showProblem(error);
      }
    });
    return h('div', { class: 'row' }, h('label', { for: id, class: 'visually-hidden' }, t('admin-members.role_of', { name: member.user.name })), choice, save);
  };
  const remove = manage ? h('button', {
    class: 'btn btn-danger', type: 'button', 'data-test': 'member-remove',
    'aria-label': t('admin-members.remove_named', { name: member.user.name }),
    onclick: async () => {
      const question = isMe ? t('admin-members.confirm_remove_self') : t('admin-members.confirm_remove', { name: member.user.name, org: ctx.membership.organization.name });
      if (!(await confirmDialog(question, { confirmLabel: t('admin-members.remove'), danger: true }))) return;
      showProblem(null);
      try {
        await ctx.org.delete(`/members/${member.user.id}`, { signal: ctx.signal });
        toast(t('admin-members.removed', { name: member.user.name }));
        if (isMe) { location.reload(); return; }
        reload();
      } catch (error) {
        showProblem(error);
      }
    },
  }, t('admin-members.remove')) : null;
  return [h('tr', { 'data-member': member.user.email },
    h('td', {}, h('div', {}, member.user.name),
      h('div', { class: 'row small' },
        isMe ? badge(t('admin-members.you')) : null,
        member.user.isSuperadmin ? badge(t('admin-members.superadmin'), 'warn') : null,
        lastAdmin ? badge(t('admin-members.last_admin'), 'warn') : null)),
    h('td', {}, h('a', { href: `mailto:${member.user.email}` }, member.user.email)),
    h('td', {}, roleCell()),
    h('td', { class: 'small muted' }, date(member.user.createdAt)),
    manage ? h('td', {}, remove) : null), problemRow];
}

function memberList(ctx) {
  const slot = h('div', {});
  const query = h('input', { type: 'search', id: 'member-search', autocomplete: 'off' });
  const roleFilter = select('role-filter', [['', t('common.all')], ...ROLES.map((r) => [r, t('role.' + r)])], '', { id: 'member-role-filter' });
  let members = [];
  const draw = () => {
    const q = query.value.trim().toLowerCase();
    const shown = members.filter((m) => (!roleFilter.value || m.role === roleFilter.value)
      && (!q || m.user.name.toLowerCase().includes(q) || m.user.email.toLowerCase().includes(q)));
    const adminCount = members.filter((m) => m.role === 'admin').length;
    const manage = ctx.can('membersManage');
    replace(slot,
      h('p', { class: 'small muted', role: 'status' }, t('admin-members.count', { shown: shown.length, total: members.length })),
      shown.length === 0 ? h('p', { class: 'empty' }, t('admin-members.none')) : h('div', { class: 'table-wrap' }, h('table', { class: 'data' },
        h('caption', { class: 'visually-hidden' }, t('admin-members.list_title')),
        h('thead', {}, h('tr', {},
          [t('admin-members.name'), t('admin-members.email'), t('admin-members.role'), t('admin-members.account_since'), manage ? t('common.actions') : null]
            .filter(Boolean).map((text) => h('th', { scope: 'col' }, text)))),
        h('tbody', {}, shown.map((m) => memberRow(ctx, m, { adminCount, reload }))))));
  };
  async function reload() {
    replace(slot, loading());
    try {
      members = await ctx.org.get('/members', undefined, { signal: ctx.signal });
      members.sort((a, b) => ROLES.indexOf(a.role) - ROLES.indexOf(b.role) || a.user.name.localeCompare(b.user.name));
      draw();
    } catch (error) {
      if (error.name !== 'AbortError') replace(slot, problemAlert(error));
    }
  }
  query.addEventListener('input', draw);
  roleFilter.addEventListener('change', draw);
  reload();
  return {
    reload,
    node: h('section', { class: 'card', 'aria-labelledby': 'member-list-title', 'data-test': 'member-list' },
      h('h2', { id: 'member-list-title' }, t('admin-members.list_title')),
      h('div', { class: 'filters' }, field(t('common.search'), query), field(t('admin-members.role'), roleFilter)),
      slot),
  };
}

async function render(ctx) {
  const list = memberList(ctx);
  return h('div', {},
    pageHeader(t('admin-members.title')),
    ctx.can('membersManage') ? null : h('p', { class: 'alert info' }, t('admin-members.read_only')),
    list.node,
    ctx.can('membersManage') ? addForm(ctx, list.reload) : null);
}

export const routes = [
  { path: 'admin/members', render, permission: 'membersRead', nav: { group: 'admin', label: 'admin-members.nav', order: 10 } },
];

export const messages = {
  en: {
    'admin-members.nav': 'Members and roles', 'admin-members.title': 'Members and roles',
    'admin-members.list_title': 'Members', 'admin-members.add_title': 'Add a member', 'admin-members.add': 'Add member',
    'admin-members.email': 'E-mail', 'admin-members.role': 'Role', 'admin-members.name': 'Name',
    'admin-members.password': 'Initial password', 'admin-members.generate': 'Generate',
    'admin-members.password_hint': 'At least 10 characters. Pass it on to the person safely; they can change it after signing in.',
    'admin-members.locale': 'Language', 'admin-members.locale_default': 'Organization default',
    'admin-members.new_account_hint': 'If the e-mail already has a PPT account, the person is added with this role and the fields below are not needed. For a new e-mail they create the account.',
    'admin-members.created': '{name} ({email}) now has a PPT account and is a member as {role}.',
    'admin-members.created_password': 'Their initial password, shown only now:',
    'admin-members.added': '{name} ({email}) already had an account and is now a member as {role}.',
    'admin-members.change_role': 'Change role', 'admin-members.role_of': 'Role of {name}',
    'admin-members.role_changed': '{name} is now {role}.',
    'admin-members.remove': 'Remove', 'admin-members.remove_named': 'Remove {name}',
    'admin-members.confirm_remove': 'Remove {name} from {org}? They lose access to the organization at once; their account stays.',
    'admin-members.confirm_remove_self': 'Remove yourself from this organization? You lose access to it at once.',
    'admin-members.confirm_self_demote': 'You are about to give up your own administrator role. You will no longer be able to manage members. Continue?',
    'admin-members.removed': '{name} was removed from the organization.',
    'admin-members.you': 'You', 'admin-members.superadmin': 'Platform administrator',
    'admin-members.last_admin': 'Only administrator',
    'admin-members.account_since': 'Account since',
    'admin-members.count': '{shown} of {total} members shown.', 'admin-members.none': 'No member matches the filter.',
    'admin-members.read_only': 'You can see the members. Only administrators add members, change roles or remove members.',
    'problem.member.last_admin': 'The organization needs at least one administrator: make someone else an administrator first.',
    'problem.user.not_found': 'There is no PPT account with this e-mail.',
  },
  sk: {
    'admin-members.nav': 'Členovia a roly', 'admin-members.title': 'Členovia a roly',
    'admin-members.list_title': 'Členovia', 'admin-members.add_title': 'Pridať člena', 'admin-members.add': 'Pridať člena',
    'admin-members.email': 'E-mail', 'admin-members.role': 'Rola', 'admin-members.name': 'Meno',
    'admin-members.password': 'Úvodné heslo', 'admin-members.generate': 'Vygenerovať',
    'admin-members.password_hint': 'Aspoň 10 znakov. Odovzdajte ho osobe bezpečne; po prihlásení si ho môže zmeniť.',
    'admin-members.locale': 'Jazyk', 'admin-members.locale_default': 'Predvolený jazyk organizácie',
    'admin-members.new_account_hint': 'Ak má e-mail už účet v PPT, osoba sa pridá s touto rolou a polia nižšie netreba vypĺňať. Pre nový e-mail sa z nich vytvorí účet.',
    'admin-members.created': '{name} ({email}) má teraz účet v PPT a je členom s rolou {role}.',
    'admin-members.created_password': 'Úvodné heslo, zobrazené iba teraz:',
    'admin-members.added': '{name} ({email}) už účet mal(a) a je teraz členom s rolou {role}.',
    'admin-members.change_role': 'Zmeniť rolu', 'admin-members.role_of': 'Rola – {name}',
    'admin-members.role_changed': '{name} má teraz rolu {role}.',
    'admin-members.remove': 'Odobrať', 'admin-members.remove_named': 'Odobrať: {name}',
    'admin-members.confirm_remove': 'Odobrať {name} z organizácie {org}? Prístup k organizácii stratí okamžite; účet zostane zachovaný.',
    'admin-members.confirm_remove_self': 'Odobrať seba z tejto organizácie? Prístup k nej stratíte okamžite.',
    'admin-members.confirm_self_demote': 'Chystáte sa vzdať vlastnej roly administrátora. Potom už nebudete môcť spravovať členov. Pokračovať?',
    'admin-members.removed': '{name} bol(a) odobratý(á) z organizácie.',
    'admin-members.you': 'Vy', 'admin-members.superadmin': 'Administrátor platformy',
    'admin-members.last_admin': 'Jediný administrátor',
    'admin-members.account_since': 'Účet od',
    'admin-members.count': 'Zobrazení členovia: {shown} z {total}.', 'admin-members.none': 'Filtru nezodpovedá žiadny člen.',
    'admin-members.read_only': 'Členov môžete vidieť. Pridávať, meniť roly a odoberať členov môžu iba administrátori.',
    'problem.member.last_admin': 'Organizácia musí mať aspoň jedného administrátora: najprv urobte administrátorom niekoho iného.',
    'problem.user.not_found': 'S týmto e-mailom neexistuje žiadny účet v PPT.',
  },
  cs: {
    'admin-members.nav': 'Členové a role', 'admin-members.title': 'Členové a role',
    'admin-members.list_title': 'Členové', 'admin-members.add_title': 'Přidat člena', 'admin-members.add': 'Přidat člena',
    'admin-members.email': 'E-mail', 'admin-members.role': 'Role', 'admin-members.name': 'Jméno',
    'admin-members.password': 'Úvodní heslo', 'admin-members.generate': 'Vygenerovat',
    'admin-members.password_hint': 'Alespoň 10 znaků. Předejte ho dané osobě bezpečně; po přihlášení si ho může změnit.',
    'admin-members.locale': 'Jazyk', 'admin-members.locale_default': 'Výchozí jazyk organizace',
    'admin-members.new_account_hint': 'Pokud už e-mail má účet v PPT, osoba se přidá s touto rolí a pole níže není třeba vyplňovat. Pro nový e-mail se z nich založí účet.',
    'admin-members.created': '{name} ({email}) má nyní účet v PPT a je členem s rolí {role}.',
    'admin-members.created_password': 'Úvodní heslo, zobrazené pouze teď:',
    'admin-members.added': '{name} ({email}) už účet měl(a) a je nyní členem s rolí {role}.',
    'admin-members.change_role': 'Změnit roli', 'admin-members.role_of': 'Role – {name}',
    'admin-members.role_changed': '{name} má nyní roli {role}.',
    'admin-members.remove': 'Odebrat', 'admin-members.remove_named': 'Odebrat: {name}',
    'admin-members.confirm_remove': 'Odebrat {name} z organizace {org}? Přístup k organizaci ztratí okamžitě; účet zůstane zachován.',
    'admin-members.confirm_remove_self': 'Odebrat sebe z této organizace? Přístup k ní ztratíte okamžitě.',
    'admin-members.confirm_self_demote': 'Chystáte se vzdát vlastní role administrátora. Poté už nebudete moci spravovat členy. Pokračovat?',
    'admin-members.removed': '{name} byl(a) odebrán(a) z organizace.',
    'admin-members.you': 'Vy', 'admin-members.superadmin': 'Administrátor platformy',
    'admin-members.last_admin': 'Jediný administrátor',
    'admin-members.account_since': 'Účet od',
    'admin-members.count': 'Zobrazení členové: {shown} z {total}.', 'admin-members.none': 'Filtru neodpovídá žádný člen.',
    'admin-members.read_only': 'Členy můžete vidět. Přidávat, měnit role a odebírat členy mohou pouze administrátoři.',
    'problem.member.last_admin': 'Organizace musí mít alespoň jednoho administrátora: nejprve udělejte administrátorem někoho jiného.',
    'problem.user.not_found': 'S tímto e-mailem neexistuje žádný účet v PPT.',
  },
  de: {
    'admin-members.nav': 'Mitglieder und Rollen', 'admin-members.title': 'Mitglieder und Rollen',
    'admin-members.list_title': 'Mitglieder', 'admin-members.add_title': 'Mitglied hinzufügen', 'admin-members.add': 'Mitglied hinzufügen',
    'admin-members.email': 'E-Mail', 'admin-members.role': 'Rolle', 'admin-members.name': 'Name',
    'admin-members.password': 'Erstes Passwort', 'admin-members.generate': 'Erzeugen',
    'admin-members.password_hint': 'Mindestens 10 Zeichen. Geben Sie es der Person auf sicherem Weg weiter; nach der Anmeldung kann sie es ändern.',
    'admin-members.locale': 'Sprache', 'admin-members.locale_default': 'Standard der Organisation',
    'admin-members.new_account_hint': 'Hat die E-Mail-Adresse schon ein PPT-Konto, wird die Person mit dieser Rolle hinzugefügt und die Felder unten werden nicht gebraucht. Für eine neue Adresse wird damit ein Konto angelegt.',
    'admin-members.created': '{name} ({email}) hat jetzt ein PPT-Konto und ist Mitglied mit der Rolle {role}.',
    'admin-members.created_password': 'Das erste Passwort, nur jetzt angezeigt:',
    'admin-members.added': '{name} ({email}) hatte schon ein Konto und ist jetzt Mitglied mit der Rolle {role}.',
    'admin-members.change_role': 'Rolle ändern', 'admin-members.role_of': 'Rolle von {name}',
    'admin-members.role_changed': '{name} hat jetzt die Rolle {role}.',
    'admin-members.remove': 'Entfernen', 'admin-members.remove_named': '{name} entfernen',
    'admin-members.confirm_remove': '{name} aus {org} entfernen? Der Zugang zur Organisation endet sofort; das Konto bleibt bestehen.',
    'admin-members.confirm_remove_self': 'Sich selbst aus dieser Organisation entfernen? Ihr Zugang endet sofort.',
    'admin-members.confirm_self_demote': 'Sie geben Ihre eigene Administratorrolle ab und können danach keine Mitglieder mehr verwalten. Fortfahren?',
    'admin-members.removed': '{name} wurde aus der Organisation entfernt.',
    'admin-members.you': 'Sie', 'admin-members.superadmin': 'Plattform-Administrator',
    'admin-members.last_admin': 'Einziger Administrator',
    'admin-members.account_since': 'Konto seit',
    'admin-members.count': '{shown} von {total} Mitgliedern angezeigt.', 'admin-members.none': 'Kein Mitglied passt zum Filter.',
    'admin-members.read_only': 'Sie sehen die Mitglieder. Nur Administratoren fügen Mitglieder hinzu, ändern Rollen oder entfernen Mitglieder.',
    'problem.member.last_admin': 'Die Organisation braucht mindestens einen Administrator: Machen Sie zuerst jemand anderen zum Administrator.',
    'problem.user.not_found': 'Zu dieser E-Mail-Adresse gibt es kein PPT-Konto.',
  },
};
