import type { TurnContext } from 'botbuilder';

/** One UTIGyND sub-command of «encuesta»: the turn, the active edition, the words after the sub-command, who. */
export interface AdminTurn {
  context: TurnContext;
  editionId: string;
  words: string[];
  actor: string;
}
