import { pino, type Logger } from 'pino';

export type { Logger };

/** Structured JSON logger; services receive it (or a child of it) through their constructors. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'red-de-coaching' },
      redact: { paths: ['*.password', '*.MicrosoftAppPassword', 'req.headers.authorization'], remove: true },
    },
    destination,
  );
}
