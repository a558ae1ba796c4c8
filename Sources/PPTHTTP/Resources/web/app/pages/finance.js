// Finance: invoices, payments and unit balances. Managers see and manage every unit's account;
// owners and tenants read their own units' ("My invoices"), as the API limits them. The views live
// in finance-invoices.js, finance-invoice-form.js, finance-payments.js and finance-balances.js.
import { mergeMessages } from './admin-pager.js';
import { sharedMessages } from './finance-common.js';
import { messages as financeMessages } from './finance-messages.js';
import { renderInvoiceList, renderInvoiceDetail } from './finance-invoices.js';
import { renderInvoiceForm } from './finance-invoice-form.js';
import { renderPaymentList, renderPaymentForm } from './finance-payments.js';
import { renderBalances } from './finance-balances.js';

export const messages = mergeMessages(financeMessages, sharedMessages);

const READ = ['financeReadAll', 'financeReadOwn'];

export const routes = [
  { path: 'finance', render: renderInvoiceList, permission: READ, nav: { group: 'property', label: 'finance.nav', order: 34 } },
  { path: 'finance/invoices', render: renderInvoiceList, permission: READ },
  { path: 'finance/invoices/new', render: renderInvoiceForm, permission: 'financeManage' },
  { path: 'finance/invoices/:id', render: renderInvoiceDetail, permission: READ },
  { path: 'finance/payments', render: renderPaymentList, permission: READ },
  { path: 'finance/payments/new', render: renderPaymentForm, permission: 'financeManage' },
  { path: 'finance/balances', render: renderBalances, permission: READ },
];
