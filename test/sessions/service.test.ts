import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createJobs } from '../../src/services/jobs/index.js';
import { SESSION_REMINDER_JOB, SessionError } from '../../src/services/sessions/index.js';
import { EDITION } from '../elections/featureSupport.js';
import { scheduleValue, sessionKit, spacePosts, type SessionKit } from './support.js';

const H = 3_600_000;

/** Issue 11: the sessions service under concurrency (numbering, two job runners on one store). */
describe('sessions service', () => {
  let k: SessionKit;
  beforeEach(async () => {
    k = await sessionKit();
  });
  afterEach(async () => k.close());

  const draft = (hoursAhead: number) => ({ startsAt: new Date(k.now.t.getTime() + hoursAhead * H), durationMin: 60, topic: { kind: 'free' as const, text: 'Tema' }, modality: 'virtual' as const, link: 'https://teams.example/x' });

  it('two sessions scheduled at once get numbers 1 and 2; the same start twice is refused', async () => {
    const s = k.core.services.sessions;
    const [a, b] = await Promise.all([s.schedule({ editionId: EDITION, group: 1, draft: draft(48), zone: 'America/Mexico_City' }, k.rep.key), s.schedule({ editionId: EDITION, group: 1, draft: draft(72), zone: 'America/Mexico_City' }, k.sec.key)]);
    expect([a.number, b.number].sort()).toEqual([1, 2]);
    await expect(s.schedule({ editionId: EDITION, group: 1, draft: draft(48), zone: 'America/Mexico_City' }, k.rep.key)).rejects.toBeInstanceOf(SessionError);
    expect((await s.schedule({ editionId: EDITION, group: 2, draft: draft(48), zone: 'America/Mexico_City' }, k.rep2.key)).number).toBe(1);
  });

  it('two job runners (two instances) on the same store send each reminder once', async () => {
    await k.click(k.rep, scheduleValue());
    const session = (await k.core.services.sessions.get(`${EDITION}:g1:s1`))!;
    const handler = k.core.features.find((f) => f.name === 'sessions')!.jobHandlers!.find((h) => h.kind === SESSION_REMINDER_JOB)!;
    const other = createJobs(k.store, { clock: () => k.now.t, logger: pino({ level: 'silent' }), instanceId: 'instance-b' });
    other.register(handler);
    k.now.t = new Date(session.startsAt.getTime() - H);
    await Promise.all([k.core.services.jobs.runDue(), other.runDue(), k.core.services.jobs.runDue(), other.runDue()]);
    const reminders = spacePosts(k).filter((p) => p.broadcastId.startsWith('sesion-recordatorio-espacio:'));
    expect(reminders).toHaveLength(1);
    expect(k.notifier.people.filter((b) => b.broadcastId.startsWith('sesion-recordatorio:'))).toHaveLength(1);
  });
});
