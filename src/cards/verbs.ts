/**
 * Action verbs of card submissions. Templates in cards/ use the same strings in their `data.verb`
 * (test/unit/cards.test.ts checks that every verb a template uses is declared here and handled).
 */
export const VERBS = {
  // The help card (src/features/core/).
  showHelp: 'showHelp',
  // Administration: files and reports (roster import: src/features/roster/; member export: src/features/reports/;
  // groups export: src/features/groups/).
  importRosterConfirm: 'importRosterConfirm',
  importRosterCancel: 'importRosterCancel',
  exportMembers: 'exportMembers',
  exportGroups: 'exportGroups',
  // Registration and member self-service (src/features/registration/, dialogs/registration/).
  /** Global: runs a command chosen from an allow-list, as if typed (e.g. the invitation's "Registrarme"). */
  startCommand: 'startCommand',
  regConsent: 'regConsent',
  regProfile: 'regProfile',
  regConfirm: 'regConfirm',
  regEdit: 'regEdit',
  regCancel: 'regCancel',
  regWithdrawConfirm: 'regWithdrawConfirm',
  regEraseConfirm: 'regEraseConfirm',
  // Registration administration ("pendientes", src/features/pending/); the admin role is re-checked on the server.
  regApprove: 'regApprove',
  regReject: 'regReject',
  regChangeApply: 'regChangeApply',
  regChangeDismiss: 'regChangeDismiss',
} as const;

export type Verb = (typeof VERBS)[keyof typeof VERBS];
