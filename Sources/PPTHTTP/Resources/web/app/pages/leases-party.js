// One party of a lease (the landlord or a tenant) as a fieldset: an optional member account, which
// fills name and e-mail, then name, e-mail, address and identity number. Inputs carry the JSON
// pointer the API uses in its field errors (`/tenants/1/email`), so problems land under them.
import { h, replace } from '../core/dom.js';
import { t } from '../core/i18n.js';
import { field, select } from '../core/ui.js';

/**
 * `members` are the organization's members (`[{ user, role }]`, empty when the role cannot list them).
 * Returns `{ element, read(), fill(party), setPointer(pointer, legend), isEmpty(), nameInput, removeButton }`.
 */
export function partyFieldset({ legend, pointer, party = {}, members, removable = null, accountHint = t('leases.party.account_hint') }) {
  const legendEl = h('legend', {}, legend);
  const name = h('input', { required: true, maxlength: 200, autocomplete: 'off', value: party.name ?? '' });
  const email = h('input', { type: 'email', maxlength: 254, autocomplete: 'off', value: party.email ?? '' });
  const address = h('input', { maxlength: 300, autocomplete: 'off', value: party.address ?? '' });
  const idNumber = h('input', { maxlength: 40, autocomplete: 'off', value: party.idNumber ?? '' });
  const known = members.some((m) => m.user.id === party.userID);
  const account = members.length || party.userID ? select('', [
    ['', t('leases.party.no_account')],
    ...members.map((m) => [m.user.id, `${m.user.name} · ${m.user.email} (${t('role.' + m.role)})`]),
    ...(party.userID && !known ? [[party.userID, t('leases.party.unlisted_account')]] : []),
  ], party.userID ?? '') : null;
  account?.removeAttribute('name');
  account?.addEventListener('change', () => {
    const chosen = members.find((m) => m.user.id === account.value);
    if (chosen) { name.value = chosen.user.name; email.value = chosen.user.email; }
  });

  const controls = { userID: account, name, email, address, idNumber };
  const removeButton = removable
    ? h('button', { class: 'btn', type: 'button', 'data-test': 'lease-tenant-remove', onclick: removable }, t('leases.party.remove'))
    : null;
  const element = h('fieldset', { class: 'field stack', 'data-test': 'lease-party' },
    legendEl,
    account ? field(t('leases.party.account'), account, accountHint) : null,
    h('div', { class: 'estate-two' },
      field(t('leases.party.name'), name),
      field(t('leases.party.email'), email)),
    h('div', { class: 'estate-two' },
      field(t('leases.party.address'), address),
      field(t('leases.party.id_number'), idNumber, t('leases.party.id_number_hint'))),
    removeButton ? h('div', { class: 'row' }, removeButton) : null);

  function setPointer(next, nextLegend) {
    for (const [key, control] of Object.entries(controls)) control?.setAttribute('data-pointer', `${next}/${key}`);
    element.setAttribute('data-pointer', next);
    if (nextLegend) replace(legendEl, nextLegend);
  }
  setPointer(pointer);

  return {
    element,
    setPointer,
    /** The party as the API takes it; empty optional fields are left out. */
    read() {
      const value = { name: name.value.trim() };
      for (const [key, control] of [['email', email], ['address', address], ['idNumber', idNumber], ['userID', account]]) {
        const text = control?.value.trim();
        if (text) value[key] = text;
      }
      return value;
    },
    fill(next) {
      name.value = next.name ?? '';
      email.value = next.email ?? '';
      if (account && next.userID && [...account.options].some((o) => o.value === next.userID)) account.value = next.userID;
    },
    isEmpty() { return !name.value.trim() && !email.value.trim() && !(account?.value); },
    nameInput: name,
    removeButton,
  };
}
