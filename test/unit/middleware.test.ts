import { describe, expect, it } from 'vitest';
import { TestAdapter, TurnContext, type Activity } from 'botbuilder';
import { pino } from 'pino';
import { tenantGuard } from '../../src/bot/middleware.js';
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
    ['a synthetic ContinueConversation event passes', TENANT, { type: 'event', name: 'ContinueConversation', conversation: { id: 'c', isGroup: false, conversationType: 'personal', name: '' } }, true],
    ['a forged event of another name from another tenant is dropped', TENANT, { ...personalMessage(berta, '', { tenantId: 'intruder' }), type: 'event', name: 'somethingElse' }, false],
  ] as const)('%s', async (_name, tenant, activity, expected) => {
    expect(await passes(tenant, activity as Partial<Activity>)).toBe(expected);
  });
});
