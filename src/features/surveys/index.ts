import type { Feature, FeatureContext } from '../feature.js';
import { ensurePlanner, surveyJobHandlers } from './notices.js';
import { surveysStatusHandler } from './handlers/status.js';
import { surveyHandler } from './handlers/survey.js';
import { surveySubmitHandlers } from './handlers/verbs.js';

/**
 * Surveys in three waves (issue 12). Members: the invitation card 1:1, one page per card (Atrás / Siguiente,
 * saved page by page, the card updated in place), the review page and «Enviar» (the card becomes «Gracias»);
 * «encuesta» continues where she left (handlers/continue.ts). Card verbs: handlers/verbs.ts. UTIGyND, personal
 * chat (ctx.guard): «encuesta abrir|cerrar|resultados|comparar|exportar|instrumento» (handlers/survey.ts → one
 * file per sub-command) and «encuestas» (handlers/status.ts). Durable jobs (notices.ts): 'surveys.plan' (the
 * calendar opens the waves: wave 1 after the groups are confirmed, closing before the first group session;
 * wave 2 at the end of the Red; wave 3 four months later), 'surveys.remind' (SURVEY_REMINDER_HOURS before
 * closing, only to those who have not sent it) and 'surveys.close'. Words in ./commands.ts, texts in ./texts.ts,
 * cards: src/cards/surveys.ts (templates under cards/surveys/), views.ts and reportViews.ts.
 * Domain (instruments, answers, pagination, statistics, suppression): src/domain/surveys/ and the default
 * instruments src/data/surveys/. Storage: src/services/surveys/ (ctx.services.surveys: waves, pseudonymous
 * respondent keys, answers, participation register; results.ts and export.ts). Anonymity:
 * docs/encuestas-anonimato.md. Tests: test/surveys/. Bench: bench/survey.ts.
 */
export function createSurveysFeature(ctx: FeatureContext): Feature {
  return {
    name: 'surveys',
    async init() {
      await ensurePlanner(ctx);
    },
    routes: [
      { commandId: 'survey', handle: surveyHandler(ctx) },
      { commandId: 'surveys', handle: ctx.guard.command('surveys', surveysStatusHandler(ctx)) },
    ],
    submitHandlers: surveySubmitHandlers(ctx),
    jobHandlers: surveyJobHandlers(ctx),
  };
}
