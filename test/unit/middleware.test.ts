import { describe, expect, it } from 'vitest';
import { TestAdapter, TurnContext, type Activity } from 'botbuilder';
import { pino } from 'pino';
import { tenantGuard } from '../../src/bot/middleware.js';
import { personOf, sanitizeActivity, tenantIdOf } from '../../src/teams/activity.js';
import { berta, personalMessage, TENANT } from '../helpers/activities.js';

async function passes(tenant: string | undefined, activity: Partial<Activity>): Promise<boolean> {
  const guard = tenantGuard(tenant, pino({ level: 'silent' }));
  const context = new TurnContext(new TestAdapter(), activity);
  let called = false;
  await guard.onTurn(context, async () => {
    called = true;
  });
  return called;
}

describe('tenant guard', () => {
  it.each([
    ['no tenant configured: everything passes', undefined, personalMessage(berta, 'hola', { tenantId: 'x' }), true],
    ['same tenant passes', TENANT, personalMessage(berta, 'hola'), true],
    ['tenant id compared without case', TENANT.toUpperCase(), personalMessage(berta, 'hola'), true],
    ['another tenant is dropped', TENANT, personalMessage(berta, 'hola', { tenantId: 'intruder' }), false],
    ['no tenant in the activity is dropped', TENANT, { ...personalMessage(berta, 'hola'), channelData: {}, conversation: { id: 'c', isGroup: false, conversationType: 'personal', name: '' } }, false],
    // Issue 9, item 13: no activity shape bypasses the guard (proactive continuations are not used; see middleware.ts).
    ['a ContinueConversation event without tenant is dropped like any other', TENANT, { type: 'event', name: 'ContinueConversation', conversation: { id: 'c', isGroup: false, conversationType: 'personal', name: '' } }, false],
    ['a ContinueConversation event from another tenant is dropped', TENANT, { ...personalMessage(berta, '', { tenantId: 'intruder' }), type: 'event', name: 'ContinueConversation' }, false],
    ['a ContinueConversation event from the right tenant passes on its merits', TENANT, { ...personalMessage(berta, ''), type: 'event', name: 'ContinueConversation' }, true],
    // Issue 9, item 11: a tenant id that is not a string is a foreign tenant, never an exception.
    ['a tenant id that is an object is dropped', TENANT, { ...personalMessage(berta, 'hola'), channelData: { tenant: { id: { $ne: null } } } }, false],
    ['a tenant id that is a number is dropped', TENANT, { ...personalMessage(berta, 'hola'), channelData: { tenant: { id: 5 } }, conversation: { id: 'c', tenantId: 7 } }, false],
    ['a tenant that is a string is dropped', TENANT, { ...personalMessage(berta, 'hola'), channelData: { tenant: 'tenant-ine-test' } }, false],
    ['a forged event of another name from another tenant is dropped', TENANT, { ...personalMessage(berta, '', { tenantId: 'intruder' }), type: 'event', name: 'somethingElse' }, false],
  ] as const)('%s', async (_name, tenant, activity, expected) => {
    expect(await passes(tenant, activity as Partial<Activity>)).toBe(expected);
  });
});

describe('sanitizeActivity (issue 9, items 11 and 12)', () => {
  it('removes fields of the wrong type, filters list elements, keeps good fields', () => {
    const activity = {
      ...personalMessage(berta, 'hola'),
      from: { id: berta.id, name: 5, aadObjectId: { $ne: null } },
      entities: 5,
      membersAdded: [null, { id: 'x', name: [] }, 'y'],
      membersRemoved: 'abc',
      attachments: [{ contentType: 'a' }, 3],
      channelData: { tenant: { id: { $ne: null } }, team: 'x', channel: { id: 7, name: 'General' } },
    } as unknown as Partial<Activity>;
    const { fixed, usable } = sanitizeActivity(activity);
    expect(usable).toBe(true);
    expect(activity.from).toEqual({ id: berta.id });
    expect(activity.entities).toBeUndefined();
    expect(activity.membersAdded).toEqual([{ id: 'x' }]);
    expect(activity.membersRemoved).toBeUndefined();
    expect(activity.attachments).toEqual([{ contentType: 'a' }]);
    expect(activity.channelData).toEqual({ tenant: { id: { $ne: null } }, channel: { name: 'General' } });
    expect(fixed).toEqual(expect.arrayContaining(['from.name', 'from.aadObjectId', 'entities', 'membersAdded[]', 'membersRemoved', 'attachments[]', 'channelData.team', 'channelData.channel.id']));
    // The malformed tenant is left for tenantIdOf, which reads it as no tenant.
    expect(tenantIdOf(activity)).toBeUndefined();
    expect(personOf(activity)).toEqual({ userId: berta.id });
  });

  it.each([
    ['no conversation', { type: 'message' }],
    ['a conversation id that is not a string', { type: 'message', conversation: { id: 5 } }],
    ['a sender that is not an object', { type: 'message', conversation: { id: 'c' }, from: 'x' }],
    ['a sender without id', { type: 'message', conversation: { id: 'c' }, from: { name: 'x' } }],
    ['no type', { conversation: { id: 'c' } }],
  ])('an activity with %s is not usable', (_name, activity) => {
    expect(sanitizeActivity(activity as Partial<Activity>).usable).toBe(false);
  });

  it('a well-formed Teams message is left untouched', () => {
    const activity = personalMessage(berta, 'hola');
    const copy = structuredClone(activity);
    expect(sanitizeActivity(activity)).toEqual({ fixed: [], usable: true });
    expect(activity).toEqual(copy);
  });
});
