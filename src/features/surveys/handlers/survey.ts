import type { FeatureContext } from '../../feature.js';
import type { CommandHandler } from '../../shared/adminGuard.js';
import { normalizeCommandText } from '../../../domain/commands.js';
import { personKey } from '../../../domain/person.js';
import { AUDIT_ACTIONS } from '../../../services/registration/audit.js';
import { activeEditionId } from '../support.js';
import { SURVEYS_TEXTS as T } from '../texts.js';
import { closeCommand } from './close.js';
import { compareCommand } from './compare.js';
import { continueSurvey } from './continue.js';
import { exportCommand } from './export.js';
import { instrumentCommand } from './instrument.js';
import { openCommand } from './open.js';
import { resultsCommand } from './results.js';
import type { AdminTurn } from './turn.js';

const SUBS: Record<string, (ctx: FeatureContext, t: AdminTurn) => Promise<void>> = {
  abrir: openCommand,
  cerrar: closeCommand,
  resultados: resultsCommand,
  comparar: compareCommand,
  exportar: exportCommand,
  instrumento: instrumentCommand,
};

/**
 * «encuesta»: without words, she continues her survey (members); with a sub-command, UTIGyND's actions, one
 * handler per file (the admin role is checked on the server by the guard, refusals audited).
 */
export function surveyHandler(ctx: FeatureContext): CommandHandler {
  return async (context, request) => {
    const [first, ...words] = request.args.trim().split(/\s+/).filter(Boolean);
    if (!first) {
      await continueSurvey(ctx, context);
      return;
    }
    const sub = SUBS[normalizeCommandText(first)];
    if (!sub) {
      await context.sendActivity(T.usage);
      return;
    }
    const admin = await ctx.guard.check(context, 'survey', 'command', request.args);
    if (!admin) return;
    const actor = personKey(admin);
    await ctx.services.audit.append({ actor, action: AUDIT_ACTIONS.commandRun, target: 'survey', details: { sub: normalizeCommandText(first) } });
    const editionId = await activeEditionId(ctx, context);
    if (!editionId) return;
    await sub(ctx, { context, editionId, words, actor });
  };
}
