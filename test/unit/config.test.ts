import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, LOCAL_ELECTION_BALLOT_KEY } from '../../src/config.js';

const production = {
  BOT_MODE: 'production',
  MicrosoftAppId: '11111111-2222-3333-4444-555555555555',
  MicrosoftAppPassword: 'secret',
  MicrosoftAppType: 'SingleTenant',
  MicrosoftAppTenantId: 'tenant-ine',
  ELECTION_BALLOT_KEY: 'clave-de-boletas-de-produccion-0123456789',
};

function problems(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).message;
  }
  throw new Error('expected a ConfigError');
}

describe('configuration', () => {
  it('local mode needs no variables and listens on loopback', () => {
    const c = loadConfig({ BOT_MODE: 'local' });
    expect(c).toMatchObject({ mode: 'local', host: '127.0.0.1', port: 3978 });
    expect(c.store.mongodbUri).toBeUndefined();
    expect(Object.isFrozen(c) && Object.isFrozen(c.bot) && Object.isFrozen(c.adminAadIds)).toBe(true);
  });

  it('defaults to production, which refuses to start without credentials', () => {
    const msg = problems({});
    for (const name of ['MicrosoftAppId', 'MicrosoftAppPassword', 'MicrosoftAppType', 'MicrosoftAppTenantId']) expect(msg).toContain(name);
  });

  it('accepts a complete production configuration', () => {
    const c = loadConfig({ ...production, ADMIN_AAD_IDS: ' a , b,, ' });
    expect(c).toMatchObject({ mode: 'production', host: '0.0.0.0', bot: { appType: 'SingleTenant', tenantId: 'tenant-ine' } });
    expect(c.adminAadIds).toEqual(['a', 'b']);
  });

  it('accepts a certificate instead of a password', () => {
    const { MicrosoftAppPassword: _, ...rest } = production;
    expect(() => loadConfig({ ...rest, MicrosoftAppCertificateThumbprint: 'AB', MicrosoftAppCertificatePrivateKey: 'KEY' })).not.toThrow();
    expect(problems(rest)).toContain('MicrosoftAppPassword');
  });

  it('ELECTION_BALLOT_KEY: required in production (not the local one, at least 32 characters); a fixed default in local mode', () => {
    const { ELECTION_BALLOT_KEY: _, ...withoutKey } = production;
    expect(problems(withoutKey)).toContain('ELECTION_BALLOT_KEY');
    expect(problems({ ...production, ELECTION_BALLOT_KEY: 'corta' })).toContain('ELECTION_BALLOT_KEY');
    expect(problems({ ...production, ELECTION_BALLOT_KEY: LOCAL_ELECTION_BALLOT_KEY })).toContain('ELECTION_BALLOT_KEY');
    expect(loadConfig(production).elections.ballotKey).toBe(production.ELECTION_BALLOT_KEY);
    expect(loadConfig({ BOT_MODE: 'local' }).elections.ballotKey).toBe(LOCAL_ELECTION_BALLOT_KEY);
    expect(loadConfig({ BOT_MODE: 'local', ELECTION_BALLOT_KEY: production.ELECTION_BALLOT_KEY }).elections.ballotKey).toBe(production.ELECTION_BALLOT_KEY);
    expect(Object.isFrozen(loadConfig(production).elections)).toBe(true);
  });

  it.each([
    [{ ...production, MicrosoftAppType: 'MultiTenant' }, 'MicrosoftAppType'],
    [{ BOT_MODE: 'local', HOST: '0.0.0.0' }, 'HOST'],
    [{ BOT_MODE: 'local', MicrosoftAppId: 'x' }, 'MicrosoftAppId'],
    [{ BOT_MODE: 'local', PORT: 'abc' }, 'PORT'],
    [{ BOT_MODE: 'local', PORT: '70000' }, 'PORT'],
    [{ BOT_MODE: 'staging' }, 'BOT_MODE'],
    [{ BOT_MODE: 'local', PRIVACY_NOTICE_URL: 'not a url' }, 'PRIVACY_NOTICE_URL'],
    [{ BOT_MODE: 'local', LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
  ])('names the bad variable: %j', (env, name) => {
    expect(problems(env as Record<string, string>)).toContain(name);
  });
});
