import { createHmac } from 'node:crypto';

/**
 * Pseudonymous respondent keys of the surveys (issue 12). A member's answers are stored under
 * HMAC-SHA256(SURVEY_RESPONDENT_KEY, "respondent\n" + editionId + "\n" + personKey): the same person in the same
 * edition always gets the same key (so her three waves link and pre/post change can be measured), but whoever
 * reads the database without the configured secret cannot compute it for anybody, nor invert it. The secret
 * lives only in configuration (src/config.ts), never in the store or the logs.
 *
 * The export shows a second pseudonym derived from the respondent key (never the key itself), so a
 * spreadsheet that leaves the bot cannot be matched with the database either.
 */
export class RespondentKeys {
  constructor(private readonly secret: string) {
    if (!secret) throw new Error('RespondentKeys needs a secret');
  }

  /** The respondent key of a person in an edition (64 hex characters). */
  of(editionId: string, personKey: string): string {
    return createHmac('sha256', this.secret).update(`respondent\n${editionId}\n${personKey}`).digest('hex');
  }

  /** The pseudonym shown in exports for a respondent key ("R-" + 12 hex characters). */
  pseudonym(respondent: string): string {
    return `R-${createHmac('sha256', this.secret).update(`export\n${respondent}`).digest('hex').slice(0, 12).toUpperCase()}`;
  }
}
