import type { TurnContext } from 'botbuilder';
import type { FeatureContext } from '../../feature.js';
import type { Logger } from '../../../logger.js';
import type { Edition } from '../../../services/registration/editions.js';
import { incomingFileOf } from '../../../bot/files.js';
import { personOf } from '../../../teams/activity.js';
import { commandById } from '../../commands.js';
import { SHARED_TEXTS } from '../../shared/texts.js';
import type { CommandRequest } from '../../../../dialogs/mainDialog.js';
import type { ImportRosterDialogDeps, ImportTurnOutcome } from '../../../../dialogs/roster/importRosterDialog.js';
import { importAttachedFile } from './importFile.js';

/**
 * "importar padrón": the two turns the import dialog hands over. `start` is the command itself, run through
 * the admin guard like every admin command (the dialog route cannot be wrapped directly); `receive` is a later
 * message, whose file is imported only after the role is checked again.
 */
export function createImportRosterHandlers(ctx: FeatureContext, log: Logger): Pick<ImportRosterDialogDeps, 'start' | 'receive'> {
  const activeEdition = async (context: TurnContext): Promise<Edition | undefined> => {
    const edition = await ctx.services.editions.getActive();
    if (!edition) await context.sendActivity(SHARED_TEXTS.noEdition);
    return edition ?? undefined;
  };

  return {
    async start(context, args) {
      const person = personOf(context.activity);
      const request: CommandRequest = { command: commandById('importRoster'), args, person, roles: await ctx.services.roles.rolesOf(person) };
      let outcome: ImportTurnOutcome = 'done';
      const run = ctx.guard.command('importRoster', async (turn) => {
        const edition = await activeEdition(turn);
        if (!edition) return;
        outcome = incomingFileOf(turn.activity) ? await importAttachedFile(ctx, log, turn, person, edition) : 'noFile';
      });
      await run(context, request);
      return outcome;
    },

    async receive(context) {
      if (!incomingFileOf(context.activity)) return 'noFile';
      const person = await ctx.guard.check(context, 'importRoster', 'command');
      if (!person) return 'done';
      const edition = await activeEdition(context);
      if (!edition) return 'done';
      return importAttachedFile(ctx, log, context, person, edition);
    },
  };
}
