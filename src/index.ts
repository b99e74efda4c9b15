import { ConfigError, loadConfig } from './config.js';
import { createApp } from './app.js';
import { StoreCorruptedError } from './store/types.js';

/** Process entry point: parse configuration, build the app, listen, stop gracefully on signals. */
async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApp(config);
  await app.listen();
  const stop = (signal: string) => {
    app.logger.info({ signal }, 'signal received');
    app.close().then(
      () => process.exit(0),
      (err: unknown) => {
        app.logger.error({ err }, 'error while stopping');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof StoreCorruptedError) {
    console.error(`\n${err.message}\n`);
  } else {
    console.error('No se pudo iniciar el bot:', err);
  }
  process.exit(1);
});
