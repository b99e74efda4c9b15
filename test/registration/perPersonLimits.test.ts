import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Activity } from 'botbuilder';
import { ana, berta, personalMessage, personalSubmit, TENANT, type UserLike } from '../helpers/activities.js';
import { createHarness, textOf, type Harness } from '../helpers/harness.js';
import { startLocalFileServer, type LocalFileServer } from '../reports/localFileServer.js';
import { TEAMS_FILE_CONSENT_CARD } from '../../src/bot/files.js';
import { PENDING_FILES, type PendingFileDoc } from '../../src/services/reports/pendingFiles.js';
import { AUDIT_ACTIONS, fingerprint, RefusalAudit, type AuditEntry } from '../../src/services/registration/audit.js';
import { VERBS } from '../../src/cards/verbs.js';
import { CONSENT_VERSION } from '../../src/domain/registration.js';
import { openKit, type ServiceKit } from './support.js';

/**
 * Issue 9 item 7: per-person limits. A member sent "exportar mis datos" 340 times in 8 s: 340 pending files,
 * +53 MB, an audit row each. Now: a per-person rate limit answered with "Espere un momento…", one pending
 * export per person (reused), and refused admin commands audited with a cap and without the arguments in clear.
 */
const carla: UserLike = { id: '29:carla', aadObjectId: '00000000-0000-0000-0000-0000000000c3', name: 'Carla Soto' };
const keyOf = (u: UserLike) => `aad:${u.aadObjectId!.toLowerCase()}`;
const messages = (replies: Partial<Activity>[]) => replies.filter((r) => r.type !== 'invokeResponse');
const allText = (replies: Partial<Activity>[]) => messages(replies).map(textOf).join('\n');
const consentIdOf = (replies: Partial<Activity>[]): string | undefined =>
  (messages(replies)
    .flatMap((r) => r.attachments ?? [])
    .find((a) => a.contentType === TEAMS_FILE_CONSENT_CARD)?.content as { acceptContext: { pendingFileId: string } } | undefined)?.acceptContext.pendingFileId;

async function openCall(h: Harness): Promise<void> {
  const s = h.core.services;
  await s.editions.create({ id: '2026', nombre: 'Red de Coaching 2026' }, 'aad:setup');
  await s.editions.activate('2026', 'aad:setup');
  await s.editions.openNow('2026', 'aad:setup');
}

describe('per-person rate limit (TestAdapter)', () => {
  let h: Harness;
  afterEach(async () => h.close());

  it('past the burst she is asked to wait, once, and nothing else runs; other people are not affected', async () => {
    h = await createHarness({ RATE_LIMIT_BURST: '3', RATE_LIMIT_PER_MINUTE: '1' });
    for (let i = 0; i < 3; i++) expect(allText(await h.turn(personalMessage(berta, 'ayuda')))).not.toMatch(/Espere un momento/);
    const limited = await h.turn(personalMessage(berta, 'exportar mis datos'));
    expect(allText(limited)).toMatch(/^Espere un momento…/);
    expect(limited).toHaveLength(1);
    // Further messages in the same burst are dropped silently (no flood of answers either).
    for (let i = 0; i < 5; i++) expect(await h.turn(personalMessage(berta, 'exportar mis datos'))).toHaveLength(0);
    expect(await h.store.collection(PENDING_FILES).countDocuments({})).toBe(0);
    // Carla has her own budget.
    expect(allText(await h.turn(personalMessage(carla, 'ayuda')))).not.toMatch(/Espere un momento/);
  });

  it('a card submission of a dialog in progress counts once, like a typed message', async () => {
    h = await createHarness({ RATE_LIMIT_BURST: '2', RATE_LIMIT_PER_MINUTE: '1' });
    await openCall(h);
    const consentCard = await h.turn(personalMessage(berta, 'registrarme'));
    expect(allText(consentCard)).toMatch(/aviso de privacidad/i);
    // The second activity of her budget: the consent card's button, handled by the dialog (the profile form follows).
    const form = await h.turn(personalSubmit(berta, { verb: VERBS.regConsent, forKey: keyOf(berta), decision: 'accept', version: CONSENT_VERSION, consent: 'true' }));
    expect(allText(form)).not.toMatch(/Espere un momento/);
    expect(allText(form)).toMatch(/Correo/);
    expect(allText(await h.turn(personalMessage(berta, 'ayuda')))).toMatch(/Espere un momento/);
  });

  it('an adaptiveCard/action invoke over the limit gets a 200 invoke response with the message (not 501)', async () => {
    h = await createHarness({ RATE_LIMIT_BURST: '1', RATE_LIMIT_PER_MINUTE: '1' });
    await h.turn(personalMessage(berta, 'ayuda'));
    const invoke: Partial<Activity> = { ...personalMessage(berta, ''), type: 'invoke', name: 'adaptiveCard/action', text: undefined, value: { action: { type: 'Action.Execute', verb: 'x', data: {} } } };
    const replies = await h.turn(invoke);
    const response = replies.find((r) => r.type === 'invokeResponse');
    expect(response?.value).toMatchObject({ status: 200, body: { statusCode: 200, value: expect.stringMatching(/Espere un momento/) } });
  });
});

describe('one pending export per person (TestAdapter)', () => {
  let h: Harness;
  let srv: LocalFileServer;
  beforeAll(async () => {
    srv = await startLocalFileServer();
  });
  afterAll(async () => srv.close());
  beforeEach(async () => {
    h = await createHarness();
    await openCall(h);
    await h.core.services.members.register({
      editionId: '2026',
      aadObjectId: berta.aadObjectId!,
      userId: berta.id,
      profile: { nombre: 'Berta Ruiz', correo: 'berta@ine.mx', vocalia: 'VS', ambito: 'JDE', entidad: '14', distrito: 3, circunscripcion: 1, ejesInteres: [] },
      consent: { accepted: true, at: new Date(), version: CONSENT_VERSION },
    });
  });
  afterEach(async () => h.close());

  const pendingOf = (u: UserLike) => h.store.collection<PendingFileDoc>(PENDING_FILES).find({ ownerKey: keyOf(u) });
  const exports = async () => (await h.core.services.audit.list({ action: 'member.export', actor: keyOf(berta) })).length;

  it('asking again while her file waits offers the same file: one pending file, one export in the audit log', async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 6; i++) {
      const replies = await h.turn(personalMessage(berta, 'exportar mis datos'));
      ids.add(consentIdOf(replies)!);
      if (i > 0) expect(allText(replies)).toMatch(/sigue listo/);
    }
    expect(ids.size).toBe(1);
    expect(await pendingOf(berta)).toHaveLength(1);
    expect(await exports()).toBe(1);
  });

  it('concurrent requests leave one pending file', async () => {
    await Promise.all(Array.from({ length: 5 }, () => h.turn(personalMessage(berta, 'exportar mis datos'))));
    expect(await pendingOf(berta)).toHaveLength(1);
  });

  it('when her data changed, the waiting file is replaced by a fresh one (still one pending file)', async () => {
    const first = consentIdOf(await h.turn(personalMessage(berta, 'exportar mis datos')))!;
    await h.core.services.members.withdraw('2026', keyOf(berta), keyOf(berta));
    const second = consentIdOf(await h.turn(personalMessage(berta, 'exportar mis datos')))!;
    expect(second).not.toBe(first);
    expect((await pendingOf(berta)).map((d) => d._id)).toEqual([second]);
    expect(await exports()).toBe(2);
  });

  it('after she accepted the file, a new request prepares a new one', async () => {
    const first = consentIdOf(await h.turn(personalMessage(berta, 'exportar mis datos')))!;
    await h.turn({
      ...personalMessage(berta, ''),
      type: 'invoke',
      name: 'fileConsent/invoke',
      text: undefined,
      value: { type: 'fileUpload', action: 'accept', context: { pendingFileId: first }, uploadInfo: { name: 'a.xlsx', uploadUrl: srv.url('/upload/a.xlsx'), uniqueId: 'u', fileType: 'xlsx' } },
    });
    expect(await pendingOf(berta)).toHaveLength(0);
    const second = consentIdOf(await h.turn(personalMessage(berta, 'exportar mis datos')))!;
    expect(second).not.toBe(first);
    expect(await pendingOf(berta)).toHaveLength(1);
  });
});

describe('refused admin commands in the audit log', () => {
  it('store a fingerprint of the arguments, never another person\'s email typed in them (TestAdapter)', async () => {
    const h = await createHarness({ ADMIN_AAD_IDS: ana.aadObjectId!, MicrosoftAppTenantId: TENANT });
    try {
      await h.turn(personalMessage(berta, 'admin agregar carla.soto@ine.mx'));
      await h.turn(personalMessage(berta, 'pendientes carla.soto@ine.mx'));
      const rows = await h.core.services.audit.list({ action: AUDIT_ACTIONS.denied, actor: keyOf(berta) });
      expect(rows).toHaveLength(2);
      for (const row of rows) expect(JSON.stringify(row)).not.toMatch(/carla/i);
      expect(rows.map((r) => r.details?.args).sort()).toEqual([fingerprint('agregar carla.soto@ine.mx'), fingerprint('carla.soto@ine.mx')].sort());
      expect(rows.find((r) => r.target === 'admins')?.details?.sub).toBe('agregar');
      expect(rows.find((r) => r.target === 'pending')?.details?.sub).toBe(fingerprint('carla.soto@ine.mx'));
    } finally {
      await h.close();
    }
  });

  it('are capped per person and window; the next window\'s first row says how many were only counted', async () => {
    const k: ServiceKit = await openKit();
    try {
      const refusals = new RefusalAudit(k.store, k.audit, () => k.now.value, { maxPerWindow: 3, windowMs: 3600_000 });
      await refusals.init();
      for (let i = 0; i < 50; i++) await refusals.append({ actor: 'aad:x', action: AUDIT_ACTIONS.denied, target: i % 2 ? 'admins' : 'pending', details: { channel: 'command' } });
      await refusals.append({ actor: 'aad:y', action: AUDIT_ACTIONS.denied, target: 'admins' });
      let rows: AuditEntry[] = await k.audit.list({ action: AUDIT_ACTIONS.denied, actor: 'aad:x' });
      expect(rows).toHaveLength(3);
      expect(rows[0]?.details).toMatchObject({ capped: true });
      expect(await k.audit.list({ action: AUDIT_ACTIONS.denied, actor: 'aad:y' })).toHaveLength(1);

      k.now.value = new Date(k.now.value.getTime() + 3600_000 + 1);
      await refusals.append({ actor: 'aad:x', action: AUDIT_ACTIONS.denied, target: 'admins' });
      rows = await k.audit.list({ action: AUDIT_ACTIONS.denied, actor: 'aad:x' });
      expect(rows).toHaveLength(4);
      expect(rows[0]?.details).toMatchObject({ suppressedBefore: 47 });
    } finally {
      await k.close();
    }
  });

  it('a flood of refused commands through the bot writes a bounded number of rows', async () => {
    const h = await createHarness({ ADMIN_AAD_IDS: ana.aadObjectId!, MicrosoftAppTenantId: TENANT, RATE_LIMIT_BURST: '1000' });
    try {
      for (let i = 0; i < 40; i++) await h.turn(personalMessage(berta, i % 2 ? 'pendientes' : 'admin agregar x@ine.mx'));
      const rows = await h.core.services.audit.list({ action: AUDIT_ACTIONS.denied, actor: keyOf(berta) });
      expect(rows.length).toBeLessThanOrEqual(h.config.limits.deniedAuditPerHour);
      expect(rows.length).toBeGreaterThan(0);
    } finally {
      await h.close();
    }
  });
});
