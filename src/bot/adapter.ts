import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import type { AppConfig } from '../config.js';

/**
 * The Bot Framework adapter. In production it validates the JWT of every incoming request (issuer,
 * audience = MicrosoftAppId, service URL); in local mode (no app id) authentication is disabled.
 */
export function createAdapter(config: AppConfig): CloudAdapter {
  const options: Partial<ConfigurationBotFrameworkAuthenticationOptions> = {
    MicrosoftAppId: config.bot.appId,
    MicrosoftAppPassword: config.bot.appPassword ?? '',
    MicrosoftAppType: config.bot.appType,
    MicrosoftAppTenantId: config.bot.tenantId ?? '',
    ...(config.bot.certificateThumbprint ? { CertificateThumbprint: config.bot.certificateThumbprint } : {}),
    ...(config.bot.certificatePrivateKey ? { CertificatePrivateKey: config.bot.certificatePrivateKey } : {}),
  };
  return new CloudAdapter(new ConfigurationBotFrameworkAuthentication(options as ConfigurationBotFrameworkAuthenticationOptions));
}
