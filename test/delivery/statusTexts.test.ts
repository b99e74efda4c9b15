import { describe, expect, it } from 'vitest';
import { FAILURE_CODES } from '../../src/domain/delivery/failureCodes.js';
import { DELIVERY_TEXTS as T, FAILURE_WORDS } from '../../src/features/delivery/texts.js';

/** Issue 9, item 14: the reasons of "envios estado" in Spanish, each with the next step. */
describe('delivery reasons in words', () => {
  it('every stored code has words and a next step, with no HTTP jargon', () => {
    for (const code of FAILURE_CODES) {
      const w = FAILURE_WORDS[code];
      expect(w.what, code).toMatch(/^[a-zñáéíóú]/i);
      expect(w.next, code).toMatch(/\.$/);
      expect(`${w.what} ${w.next}`, code).not.toMatch(/HTTP|\b\d{3}\b|NotFound|Blocked|Throttl/);
    }
  });

  it('final reasons say what to do; retried ones say they will be retried', () => {
    const lines = T.errors({
      topErrors: [
        { code: 'blocked', count: 2 },
        { code: 'network', count: 1, exhausted: true },
      ],
      retryErrors: [{ code: 'throttled', count: 3 }],
    });
    expect(lines).toEqual([
      expect.stringMatching(/^La persona bloqueó la aplicación o la quitó \(2\)\. Qué hacer: pídale que la desbloquee/),
      expect.stringMatching(/^No hubo respuesta de Teams \(red o tiempo de espera\) y se agotaron los reintentos \(1\)\. Qué hacer: /),
      'Teams limitó el envío; se reintentará (3). Qué hacer: no tiene que hacer nada.',
    ]);
  });

  it('titles come from the broadcast or its kind, never from its id', () => {
    expect(T.title({ title: 'Registro validado: Ana', kind: 'registrationDecision' })).toBe('Registro validado: Ana');
    expect(T.title({ kind: 'registrationDecision' })).toBe('Aviso de una decisión sobre un registro');
    expect(T.title({ kind: 'algo-nuevo' })).toBe('Envío sin título');
  });
});
