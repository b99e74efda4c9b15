import { describe, expect, it } from 'vitest';
import { spaceDeepLink } from '../../src/domain/groups/spaceLink.js';
import type { ConversationRef } from '../../src/domain/conversationRef.js';

/** Issue 9, item 2: the deep links members open from their group notice, "mis datos" and "mi grupo". */
const ref = (conversation: ConversationRef['conversation'], extra: Partial<ConversationRef> = {}): ConversationRef => ({
  channelId: 'msteams',
  serviceUrl: 'https://smba.trafficmanager.net/amer/',
  tenantId: 'tid-1',
  conversation,
  bot: { id: '28:bot' },
  ...extra,
});

describe('spaceDeepLink', () => {
  it('a channel: encoded channel id and name, the team AAD group id and the tenant', () => {
    const url = spaceDeepLink({ kind: 'channel', name: 'Grupo 3 · Red', teamAadGroupId: '7f1b-aad', ref: ref({ id: '19:abc@thread.tacv2' }) });
    expect(url).toBe('https://teams.microsoft.com/l/channel/19%3Aabc%40thread.tacv2/Grupo%203%20%C2%B7%20Red?groupId=7f1b-aad&tenantId=tid-1');
  });

  it('a channel without a known AAD group id: the link Teams resolves from the channel id and tenant alone', () => {
    const url = spaceDeepLink({ kind: 'channel', ref: ref({ id: '19:abc@thread.tacv2;messageid=1700000000' }, { channelIdInTeam: '19:abc@thread.tacv2' }) });
    // The thread suffix is never part of the link; the General channel (no name sent by Teams) is named "General".
    expect(url).toBe('https://teams.microsoft.com/l/channel/19%3Aabc%40thread.tacv2/General?tenantId=tid-1');
  });

  it('a group chat: encoded chat id, "0" and the tenant', () => {
    const url = spaceDeepLink({ kind: 'groupChat', name: 'Grupo 5', ref: ref({ id: '19:meeting_x/y@thread.v2', tenantId: 'tid-2' }, { tenantId: undefined }) });
    expect(url).toBe('https://teams.microsoft.com/l/chat/19%3Ameeting_x%2Fy%40thread.v2/0?tenantId=tid-2');
  });

  it('no tenant known: no query string', () => {
    expect(spaceDeepLink({ kind: 'groupChat', ref: ref({ id: '19:c@thread.v2' }, { tenantId: undefined }) })).toBe('https://teams.microsoft.com/l/chat/19%3Ac%40thread.v2/0');
  });

  it('no conversation id: no link', () => {
    expect(spaceDeepLink({ kind: 'channel', ref: ref({ id: '' }) })).toBeUndefined();
  });
});
