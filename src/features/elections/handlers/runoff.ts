import type { FeatureContext } from '../../feature.js';
import { tieResolution, ELECTED_ROLES, type ElectedRole } from '../../../domain/elections/index.js';
import { announceDraw, announceVoting } from '../notices.js';
import { closingText } from '../support.js';
import { ELECTIONS_TEXTS as T } from '../texts.js';
import { perGroup, report, targetGroups, type AdminTurn } from './turn.js';
import { scheduleClosing } from './voting.js';

/** "elecciones desempate grupo N [cierre …]": a runoff ballot among the tied candidates of the first round. */
export async function runoffCommand(ctx: FeatureContext, t: AdminTurn): Promise<void> {
  const chosen = await targetGroups(ctx, t, { closing: true, defaultAll: false });
  if (!chosen) return;
  const { target, groups } = chosen;
  const opened: string[] = [];
  const { lines } = await perGroup(groups, async (group) => {
    const latest = await ctx.services.elections.latestOf(t.editionId, group);
    if (!latest) return T.noElection;
    if (!latest.roles.some((r) => tieResolution(latest, r) === 'runoff')) return T.noRunoffNeeded;
    const election = await ctx.services.elections.openRunoff(latest.id, t.actor, target.closesAt ? { closesAt: target.closesAt } : {});
    await scheduleClosing(ctx, election);
    await announceVoting(ctx, election);
    opened.push(T.runoffOpened(group, closingText(target.closesAt)));
    return null;
  });
  await report(t, opened.join('\n\n') || null, lines);
}

/**
 * "elecciones sorteo grupo N [representante|secretaria] [semilla texto]": breaks a runoff's tie by lot
 * (reproducible with the seed, which is announced and audited by the service).
 */
export async function drawCommand(ctx: FeatureContext, t: AdminTurn): Promise<void> {
  const seedAt = t.words.findIndex((w) => w.toLowerCase() === 'semilla');
  const seed = seedAt >= 0 ? t.words.slice(seedAt + 1).join(' ').trim() : '';
  const before = seedAt >= 0 ? t.words.slice(0, seedAt) : t.words;
  const onlyRole = before.map((w) => w.toLowerCase()).find((w): w is ElectedRole => (ELECTED_ROLES as readonly string[]).includes(w));
  const chosen = await targetGroups(ctx, { ...t, words: before.filter((w) => !(ELECTED_ROLES as readonly string[]).includes(w.toLowerCase())) }, { closing: false, defaultAll: false });
  if (!chosen) return;
  let drawn = 0;
  const { lines } = await perGroup(chosen.groups, async (group) => {
    const latest = await ctx.services.elections.latestOf(t.editionId, group);
    if (!latest) return T.noElection;
    const roles = latest.roles.filter((r) => tieResolution(latest, r) === 'draw' && (onlyRole === undefined || r === onlyRole));
    if (roles.length === 0) return T.noDrawNeeded;
    for (const role of roles) {
      const draw = await ctx.services.elections.drawLots(latest.id, t.actor, { role, ...(seed ? { seed } : {}) });
      await announceDraw(ctx, draw.election, role, draw);
      drawn++;
    }
    return null;
  });
  await report(t, drawn > 0 ? T.drawDone(drawn) : null, lines);
}
