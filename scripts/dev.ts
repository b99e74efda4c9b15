import { spawn, type ChildProcess } from 'node:child_process';
import { startPlayground, waitForPlayground } from './playground.js';

/**
 * `npm run dev`: the bot in local mode on the embedded store plus the Agents Playground connected to it.
 * Open http://localhost:56150 and write "hola" or "ayuda". Ctrl-C stops both.
 */
const botPort = Number(process.env.PORT ?? 3978);
const playgroundPort = Number(process.env.PLAYGROUND_PORT ?? 56150);

const children: ChildProcess[] = [];
let stopping = false;

function stopAll(code: number): void {
  if (stopping) return;
  stopping = true;
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  const force = setTimeout(() => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    process.exit(code);
  }, 8000);
  force.unref();
  void Promise.all(children.map((c) => (c.exitCode !== null ? Promise.resolve() : new Promise((r) => c.once('exit', r))))).then(() => process.exit(code));
}

const bot = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
  stdio: 'inherit',
  env: { ...process.env, BOT_MODE: 'local', HOST: process.env.HOST ?? '127.0.0.1', PORT: String(botPort) },
});
children.push(bot);
bot.once('exit', (code) => {
  if (!stopping) {
    console.error(`\nEl bot terminó (código ${code ?? 'desconocido'}). Se detiene también el Playground.`);
    stopAll(code ?? 1);
  }
});

const playground = startPlayground({ botEndpoint: `http://127.0.0.1:${botPort}/api/messages`, port: playgroundPort });
children.push(playground);
playground.once('exit', (code) => {
  if (!stopping) {
    console.error(`\nEl Playground terminó (código ${code ?? 'desconocido'}). Se detiene también el bot.`);
    stopAll(code ?? 1);
  }
});

waitForPlayground(playgroundPort).then(
  () => console.log(`\nListo: abra http://localhost:${playgroundPort} y escriba "hola" o "ayuda" en el chat personal. Ctrl-C para detener.\n`),
  (err: unknown) => {
    console.error(String(err));
    stopAll(1);
  },
);

process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));
