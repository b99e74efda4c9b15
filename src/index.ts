import { ConfigError, loadConfig } from './config.js';
import { createApp } from './app.js';
import { StoreCorruptedError } from './store/types.js';

/** Process entry point: parse configuration, build the app, listen, stop gracefully on signals. */
async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApp(config);
  let stopping = false;
  const stop = (signal: string) => {
    app.logger.info({ signal }, 'signal received');
    if (stopping) return;
    stopping = true;
    app.close().then(
      () => process.exit(0),
      (err: unknown) => {
        app.logger.error({ err }, 'error while stopping');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  await app.listen();
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof StoreCorruptedError) {
    console.error(`\n${err.message}\n`);
  } else {
    console.error('No se pudo iniciar el bot:', err);
  }
  process.exit(1);
});
