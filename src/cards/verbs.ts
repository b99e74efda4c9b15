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
  // Groups (src/features/groups/): confirmations asked before a change (issue 9); the admin role is re-checked.
  /** "vincular grupo N" when the conversation or the group already has another link. */
  linkGroupConfirm: 'linkGroupConfirm',
  /** "grupos proponer" while the call is still open. */
  groupsProposeConfirm: 'groupsProposeConfirm',
  /** "grupos confirmar" while the call is still open. */
  groupsConfirmConfirm: 'groupsConfirmConfirm',
  /** The "Cancelar" button of those confirmations. */
  groupsCancel: 'groupsCancel',
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
  // Elections (src/features/elections/): members' answers are checked on the server against the activity's person.
  electionNominate: 'electionNominate',
  electionPropose: 'electionPropose',
  electionProposalAnswer: 'electionProposalAnswer',
  electionVote: 'electionVote',
  roleOfferAnswer: 'roleOfferAnswer',
  // Topics and work plans (src/features/topics/): membership and the representante role are checked on the server.
  /** A member's picks on her group's topic vote card. */
  topicVoteSubmit: 'topicVoteSubmit',
  /** The representante's work plan card (confirm or change). */
  workPlanSubmit: 'workPlanSubmit',
} as const;

export type Verb = (typeof VERBS)[keyof typeof VERBS];
