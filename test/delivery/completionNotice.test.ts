import { promises as fs } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { completionNotice } from '../../src/features/delivery/completionNotice.js';
import type { BroadcastStatus } from '../../src/services/delivery/index.js';

function status(over: Partial<BroadcastStatus> = {}): BroadcastStatus {
  return {
    broadcastId: 'grupos-2026',
    kind: 'group-notification',
    state: 'finished',
    total: 10,
    counts: { pending: 0, sending: 0, sent: 6, failed: 1, blocked: 2, 'waiting-install': 1 },
    retrying: 0,
    topErrors: [
      { code: 'blocked', count: 2 },
      { code: 'service-error', count: 1, exhausted: true },
    ],
    retryErrors: [],
    createdAt: new Date(Date.UTC(2026, 0, 5)),
    ...over,
  };
}

describe('completion notice (bot layer)', () => {
  it('summarises a broadcast in Spanish, naming the status command from the command list', () => {
    expect(completionNotice(status({ title: 'Convocatoria' }))).toEqual({
      text: [
        'Terminó el envío «Convocatoria».',
        'Entregados: 6 de 10.',
        'Bloqueados (la persona bloqueó o quitó la aplicación): 2.',
        'Fallidos: 1.',
        'En espera de la aplicación (se les enviará cuando la abran): 1.',
        'Motivos más frecuentes: la persona bloqueó la aplicación o la quitó (2); Teams no respondió correctamente y se agotaron los reintentos (1).',
        'Consulte el detalle con el comando «envios estado».',
      ].join('\n\n'),
    });
  });

  it('names the broadcast in words by its kind when it has no title (never by its id), and leaves out empty lines', () => {
    const clean = status({ counts: { pending: 0, sending: 0, sent: 10, failed: 0, blocked: 0, 'waiting-install': 0 }, topErrors: [] });
    expect(completionNotice(clean).text).toBe(
      'Terminó el envío «Aviso de su grupo a cada integrante».\n\nEntregados: 10 de 10.\n\nConsulte el detalle con el comando «envios estado».',
    );
    expect(completionNotice(status({ kind: 'some-new-kind', topErrors: [] })).text).toMatch(/^Terminó el envío «Envío sin título»\./);
  });
});

describe('delivery services hold no user-facing Spanish', () => {
  it('keeps texts out of src/services/delivery and src/domain/delivery (they store reason codes)', async () => {
    const offending: string[] = [];
    for (const dir of ['../../src/services/delivery', '../../src/domain/delivery'].map((d) => path.join(import.meta.dirname, d))) {
      for (const file of await fs.readdir(dir)) {
        if (!file.endsWith('.ts')) continue;
        const code = (await fs.readFile(path.join(dir, file), 'utf8'))
          .split('\n')
          .filter((line) => !/^\s*(\/\/|\*|\/\*\*)/.test(line)) // comments are English anyway, but skip them
          .join('\n');
        // Accented letters, «», ¿ or ¡ in code mean a Spanish text.
        for (const m of code.matchAll(/.*[áéíóúñÁÉÍÓÚÑ«»¿¡].*/g)) offending.push(`${file}: ${m[0].trim()}`);
      }
    }
    expect(offending).toEqual([]);
  });
});
