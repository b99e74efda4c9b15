/**
 * Action verbs of card submissions. Templates in cards/ use the same strings in their `data.verb`
 * (test/unit/cards.test.ts checks that every verb a template uses is declared here and handled).
 */
export const VERBS = {
  showHelp: 'showHelp',
  // Administration: files and reports (src/bot/features/admin.ts).
  importRosterConfirm: 'importRosterConfirm',
  importRosterCancel: 'importRosterCancel',
  exportMembers: 'exportMembers',
} as const;

export type Verb = (typeof VERBS)[keyof typeof VERBS];
