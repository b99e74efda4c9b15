import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { FeatureContext } from '../../feature.js';
import { defineSubmitHandler, type SubmitHandler } from '../../../bot/submitRouter.js';
import { VERBS } from '../../../cards/verbs.js';
import { personKey } from '../../../domain/person.js';
import type { Instrument, Page, RawPageInputs, WaveNumber } from '../../../domain/surveys/types.js';
import { REVIEW_PAGE, SurveyError, type SurveyView } from '../../../services/surveys/index.js';
import { personOf } from '../../../teams/activity.js';
import { refusalText, showCard } from '../support.js';
import { SURVEY_ERRORS, SURVEYS_TEXTS as T } from '../texts.js';
import { noteCard, pageInputsToRaw, thanksCard, viewCard } from '../views.js';

/**
 * The card verbs of the answering flow. Who answers is always the activity's person (never a field of the
 * card): her respondent key is derived on the server. The card sends the wave, the instrument version and
 * the page; the service checks the wave is open, the page is of that version and reachable, and every value.
 * A refusal saves nothing and is answered in Spanish; the card stays as it was, so she can correct and go on.
 */

const editionId = z.string().min(1).max(64);
const wave = z.union([z.literal(1), z.literal(2), z.literal(3)]);
const version = z.string().min(1).max(64);
const pageId = z.string().min(1).max(200);

const startSchema = z.object({ verb: z.literal(VERBS.surveyStart), editionId, wave });
// The page's inputs ride along with the action data: kept (catchall), mapped and checked by the service.
const pageSchema = z.object({ verb: z.literal(VERBS.surveyPage), editionId, wave, version, pageId, nav: z.enum(['back', 'next']) }).catchall(z.unknown());
const gotoSchema = z.object({ verb: z.literal(VERBS.surveyGoto), editionId, wave, version, pageId });
const submitSchema = z.object({ verb: z.literal(VERBS.surveySubmit), editionId, wave, version });

const me = (context: TurnContext): string => personKey(personOf(context.activity));

/** A refusal: closed waves and sent surveys also turn the card into a note (it cannot be used any more). */
async function refuse(ctx: FeatureContext, context: TurnContext, err: unknown, view?: Pick<SurveyView, 'instrument'>, waveNumber?: WaveNumber): Promise<void> {
  const text = refusalText(err, view?.instrument);
  if (err instanceof SurveyError && err.code === 'closed') await showCard(ctx, context, noteCard(T.closedTitle, SURVEY_ERRORS.closed));
  else if (err instanceof SurveyError && err.code === 'alreadySent' && waveNumber) await showCard(ctx, context, thanksCard(waveNumber));
  await context.sendActivity(text);
  ctx.logger.info({ code: err instanceof SurveyError ? err.code : 'error', wave: waveNumber }, 'survey action refused');
}

export function surveySubmitHandlers(ctx: FeatureContext): SubmitHandler[] {
  const surveys = ctx.services.surveys;
  return [
    defineSubmitHandler({
      verb: VERBS.surveyStart,
      schema: startSchema,
      handle: async (context, p: z.infer<typeof startSchema>) => {
        const who = me(context);
        if (await surveys.hasSent(p.editionId, p.wave, who)) {
          await showCard(ctx, context, thanksCard(p.wave));
          return;
        }
        try {
          await showCard(ctx, context, viewCard(await surveys.current(p.editionId, p.wave, who)));
        } catch (err) {
          await refuse(ctx, context, err, undefined, p.wave);
        }
      },
    }),
    defineSubmitHandler({
      verb: VERBS.surveyPage,
      schema: pageSchema,
      handle: async (context, p: z.infer<typeof pageSchema>) => {
        const who = me(context);
        let instrument: Instrument | undefined;
        try {
          // The card's positional inputs are read against the wave's frozen page, inside the service's checks.
          const inputs = (frozen: Instrument, page: Page): RawPageInputs => {
            instrument = frozen;
            const { raw, unknown } = pageInputsToRaw(frozen, page, p);
            if (unknown.length) throw new SurveyError('invalidAnswers', { errors: unknown.map((k) => ({ questionId: k, code: 'unknownQuestion' as const })) });
            return raw;
          };
          const view = await surveys.savePage({ editionId: p.editionId, wave: p.wave, personKey: who, version: p.version, pageId: p.pageId, nav: p.nav, inputs });
          await showCard(ctx, context, viewCard(view, { flagMissing: p.nav === 'next' && view.show === p.pageId }));
        } catch (err) {
          await refuse(ctx, context, err, instrument ? { instrument } : undefined, p.wave);
        }
      },
    }),
    defineSubmitHandler({
      verb: VERBS.surveyGoto,
      schema: gotoSchema,
      handle: async (context, p: z.infer<typeof gotoSchema>) => {
        try {
          await showCard(ctx, context, viewCard(await surveys.goTo({ editionId: p.editionId, wave: p.wave, personKey: me(context), version: p.version, pageId: p.pageId })));
        } catch (err) {
          await refuse(ctx, context, err, undefined, p.wave);
        }
      },
    }),
    defineSubmitHandler({
      verb: VERBS.surveySubmit,
      schema: submitSchema,
      handle: async (context, p: z.infer<typeof submitSchema>) => {
        const who = me(context);
        try {
          await surveys.submit({ editionId: p.editionId, wave: p.wave, personKey: who, version: p.version });
          // Sent now or before (a double click, a retried activity): the card says «Gracias» either way.
          await showCard(ctx, context, thanksCard(p.wave));
        } catch (err) {
          if (err instanceof SurveyError && err.code === 'incomplete') {
            const view = await surveys.current(p.editionId, p.wave, who).catch(() => undefined);
            if (view) await showCard(ctx, context, viewCard({ ...view, show: REVIEW_PAGE, missing: err.detail.missing ?? view.missing }));
            await context.sendActivity(SURVEY_ERRORS.incomplete);
            return;
          }
          await refuse(ctx, context, err, undefined, p.wave);
        }
      },
    }),
  ];
}
