import { CardFactory, type TurnContext } from 'botbuilder';
import type { FeatureContext } from '../../feature.js';
import type { ReportsPorts } from '../ports.js';
import { renderStatsCard } from '../../../cards/reports.js';
import { computeRegistrationStats } from '../../../services/reports/stats.js';
import { formatDateTime, HQ_TIME_ZONE } from '../../../domain/time.js';
import { SHARED_TEXTS } from '../../shared/texts.js';

/**
 * "registros": totals of the active edition with simple bar charts, labelled with the edition's own catalog
 * (its replacement when it has one). Wrapped by the admin guard in ../index.ts.
 */
export function registrationStatsHandler(ctx: FeatureContext, ports: ReportsPorts) {
  return async (context: TurnContext): Promise<void> => {
    const edition = await ports.editions.getActive();
    if (!edition) {
      await context.sendActivity(SHARED_TEXTS.noEdition);
      return;
    }
    const [members, catalog] = await Promise.all([ports.members.listByEdition(edition._id), ctx.services.catalogs.forEdition(edition._id)]);
    const stats = computeRegistrationStats(members, catalog);
    const card = renderStatsCard({ editionName: edition.nombre, generatedAt: formatDateTime(ctx.clock(), HQ_TIME_ZONE), stats });
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
  };
}
