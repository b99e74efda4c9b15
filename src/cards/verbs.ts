/**
 * Action verbs of card submissions. Templates in cards/ use the same strings in their `data.verb`
 * (test/unit/cards.test.ts checks that every verb a template uses is declared here and handled).
 */
export const VERBS = {
  showHelp: 'showHelp',
} as const;

export type Verb = (typeof VERBS)[keyof typeof VERBS];
