import { z } from 'zod';
import type { Feature, FeatureContext } from '../feature.js';
import { defineJobHandler } from '../../services/jobs/index.js';
import { ELECTION_CLOSE_JOB, NOMINATIONS_CLOSED_JOB } from './notices.js';
import { nominationsClosedByJob } from './handlers/nominationsClosed.js';
import { closeByJob } from './handlers/close.js';
import { electionsHandler } from './handlers/elections.js';
import { nominateHandler, voteHandler } from './handlers/member.js';
import { renounceHandler, roleAssignHandler } from './handlers/roles.js';
import { electionSubmitHandlers } from './handlers/verbs.js';

/**
 * Elections of each group's representante and secretaria (issue 10).
 * UTIGyND, personal chat (ctx.guard): "elecciones abrir|votacion|cerrar|estado|desempate|sorteo"
 * (handlers/elections.ts → one file per sub-command) and "cargo asignar" (handlers/roles.ts). Members:
 * "postularme", "votar" (handlers/member.ts) and "cargo renunciar" (handlers/roles.ts). Card verbs
 * (handlers/verbs.ts): postularse, proponer a una compañera, responder una propuesta, votar, responder un
 * ofrecimiento de cargo — always as the activity's person. Notices 1:1 and in the group's space, with broadcast
 * ids derived from the event: notices.ts. The scheduled closing is the durable job 'elections.close' (one key
 * per election and round), scheduled when voting opens with a closing time; its handler is declared here.
 * Words in ./commands.ts, texts in ./texts.ts (every ElectionError code in Spanish). Cards: src/cards/elections.ts
 * (templates under cards/elections/). Rules and storage: src/domain/elections/, src/services/elections/
 * (ctx.services.elections: secret ballots, tally, runoff, draw, role register). Tests: test/elections/.
 */
export function createElectionsFeature(ctx: FeatureContext): Feature {
  return {
    name: 'elections',
    routes: [
      { commandId: 'elections', handle: ctx.guard.command('elections', electionsHandler(ctx)) },
      { commandId: 'roleAssign', handle: ctx.guard.command('roleAssign', roleAssignHandler(ctx)) },
      { commandId: 'roleRenounce', handle: renounceHandler(ctx) },
      { commandId: 'nominate', handle: nominateHandler(ctx) },
      { commandId: 'vote', handle: voteHandler(ctx) },
    ],
    submitHandlers: electionSubmitHandlers(ctx),
    jobHandlers: [
      defineJobHandler(ELECTION_CLOSE_JOB, z.object({ electionId: z.string().min(1), round: z.number().int().min(1) }), (payload) => closeByJob(ctx, payload)),
      defineJobHandler(NOMINATIONS_CLOSED_JOB, z.object({ electionId: z.string().min(1), notify: z.string().min(1) }), (payload) => nominationsClosedByJob(ctx, payload)),
    ],
  };
}
