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
  // Consultas, accompaniment and barrier reports (src/features/cases/): authorship, the admin role and the
  // acompanamiento role are checked on the server against the case.
  caseContactSubmit: 'caseContactSubmit',
  confidentialSubmit: 'confidentialSubmit',
  caseStaffReply: 'caseStaffReply',
  caseClose: 'caseClose',
  caseMemberReply: 'caseMemberReply',
  caseDelete: 'caseDelete',
  confidentialOpen: 'confidentialOpen',
  /** She opens her confidential request from its content-free notice (the answer is not in the notice). */
  caseMemberOpen: 'caseMemberOpen',
  barrierSubmit: 'barrierSubmit',
  // Surveys (src/features/surveys/): always as the activity's person; wave, page and instrument version are checked on the server.
  /** The invitation's "Responder": shows her current page. */
  surveyStart: 'surveyStart',
  /** A page's "Atrás" / "Siguiente": saves the page's answers and moves. */
  surveyPage: 'surveyPage',
  /** The review page's "Atrás": shows a page without saving. */
  surveyGoto: 'surveyGoto',
  /** The review page's "Enviar": final. */
  surveySubmit: 'surveySubmit',
  // Group sessions (src/features/sessions/): roles and group membership are checked on the server.
  /** The schedule/move form of a session (representante, secretaria or UTIGyND). */
  sessionFormSubmit: 'sessionFormSubmit',
  /** "Asistiré" / "No podré asistir" (Action.Execute: the card comes back with the counts). */
  sessionRsvp: 'sessionRsvp',
  /** "Estoy presente" during the session window (Action.Execute). */
  sessionCheckIn: 'sessionCheckIn',
  /** The attendance checklist of a role holder. */
  sessionAttendanceSubmit: 'sessionAttendanceSubmit',
  /** The minutes form of the secretaria. */
  sessionMinutesSubmit: 'sessionMinutesSubmit',
  // Group reports (src/features/groupReports/): the secretaria/representante roles and UTIGyND are checked on the server.
  groupReportSave: 'groupReportSave',
  groupReportSubmit: 'groupReportSubmit',
  groupReportApprove: 'groupReportApprove',
  groupReportReturn: 'groupReportReturn',
  groupReportAccept: 'groupReportAccept',
  groupReportAdminReturn: 'groupReportAdminReturn',
  // Announcements (src/features/announcements/): UTIGyND only, the admin role is re-checked on the server.
  announcementPreview: 'announcementPreview',
  announcementSend: 'announcementSend',
  announcementCancel: 'announcementCancel',
  // Documentos básicos (src/features/documents/): publishing is UTIGyND's; members' answers are checked against
  // the activity's person and the document's current version.
  documentPublish: 'documentPublish',
  documentOpen: 'documentOpen',
  documentAck: 'documentAck',
  documentObserve: 'documentObserve',
  // National and regional meetings (src/features/meetings/): the invitation is checked on the server.
  /** "Estoy presente" on a meeting's invitation or reminder, during the meeting window. */
  meetingCheckIn: 'meetingCheckIn',
} as const;

export type Verb = (typeof VERBS)[keyof typeof VERBS];
