import type { TurnContext } from 'botbuilder';

/** One administrator's "reunion …" turn, as the sub-command handlers receive it. */
export interface MeetingTurn {
  context: TurnContext;
  editionId: string;
  /** The words after the sub-command. */
  words: string[];
  /** personKey of the administrator. */
  actor: string;
  /** The zone her typed times are read in. */
  zone: string;
}
