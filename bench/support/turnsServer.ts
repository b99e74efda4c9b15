import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { pino } from 'pino';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createHttpServer } from '../../src/server.js';

/**
 * A server for bench/turns.ts, run as a child process so the load generator does not share its event loop.
 * `--kind bot`: the real app (local mode, embedded store in a temp dir). `--kind echo`: a bare echo bot on the
 * same stack (restify server with the same body checks, CloudAdapter, an ActivityHandler that echoes).
 * Prints `PORT <n>` when listening; stops on SIGTERM.
 */
const kind = process.argv[process.argv.indexOf('--kind') + 1];
const logger = pino({ level: 'silent' });

async function main(): Promise<void> {
  if (kind === 'bot') {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'rdc-bench-'));
    const app = await createApp(loadConfig({ BOT_MODE: 'local', PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), { logger });
    const port = await app.listen();
    console.log(`PORT ${port}`);
    process.once('SIGTERM', () => {
      void app.close().then(() => rm(dataDir, { recursive: true, force: true })).then(() => process.exit(0));
    });
    return;
  }
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({ MicrosoftAppId: '' }));
  const echo = new ActivityHandler();
  echo.onMessage(async (context, next) => {
    await context.sendActivity(`eco: ${context.activity.text ?? ''}`);
    await next();
  });
  const http = createHttpServer({
    logger,
    maxBodyBytes: 256 * 1024,
    processActivity: (req, res) => adapter.process(req, res, (context) => echo.run(context)),
    ready: async () => undefined,
  });
  http.server.listen(0, '127.0.0.1', () => console.log(`PORT ${http.server.address().port}`));
  process.once('SIGTERM', () => http.server.close(() => process.exit(0)));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
