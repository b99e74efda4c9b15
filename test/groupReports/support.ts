import { EDITION, electionKit, type ElectionKit, type Person } from '../elections/featureSupport.js';

/**
 * The elections kit (a production-wired bot on a temporary embedded store, fake clock, RecordingNotifier,
 * edition 2026 with confirmed groups, Ana López as UTIGyND) plus a secretaria and a representante for group 1.
 */
export interface ReportKit extends ElectionKit {
  sec: Person;
  rep: Person;
  /** A member of group 1 without a role. */
  plain: Person;
  /** A member of group 2. */
  other: Person;
}

export async function reportKit(): Promise<ReportKit> {
  const k = await electionKit({ members: 8, groups: 2 });
  const [sec, rep, plain] = k.groups.get(1)!;
  const [other] = k.groups.get(2)!;
  const e = k.core.services.elections;
  for (const [p, role] of [[sec!, 'secretaria'], [rep!, 'representante']] as const) {
    await e.offerRole({ editionId: EDITION, group: 1, role, personKey: p.key }, 'aad:setup');
    await e.answerOffer({ editionId: EDITION, group: 1, role }, p.key, true);
  }
  return Object.assign(k, { sec: sec!, rep: rep!, plain: plain!, other: other! });
}

export { EDITION };
