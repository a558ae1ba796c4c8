// The page modules the shell loads. Each exports `routes` and `messages` (see ../main.js).
export const modules = [
  'dashboard', 'faults', 'announcements', 'documents',
  'chat', 'generate-lease', 'generate-listing', 'generate-announcement', 'generate-summary',
  'workflows', 'workflow-runs', 'workflow-templates', 'notifications', 'mailbox',
  'voice',
  'admin-members', 'admin-flags', 'admin-llm', 'admin-usage', 'admin-health', 'admin-performance', 'admin-traces',
  'listings',
  'votes',
  'buildings',
  'leases',
  'finance',
  'meters',
];
