/** Shared fixtures of the surveys domain tests (test/surveys/domain*.test.ts, results*, export*). */

/** A small valid instrument; tests break one thing at a time. */
export function smallInstrument(): Record<string, unknown> {
  return {
    id: 'prueba',
    wave: 1,
    version: 'v1',
    title: 'Instrumento de prueba',
    sections: [
      {
        id: 'uno',
        title: 'Sección uno',
        questions: [
          { id: 'color', type: 'single', text: '¿Color?', required: true, options: [{ value: 'rojo', label: 'Rojo' }, { value: 'azul', label: 'Azul' }] },
          { id: 'por_que', type: 'shortText', text: '¿Por qué rojo?', required: false, showIf: { questionId: 'color', equals: 'rojo' } },
        ],
      },
      {
        id: 'dos',
        title: 'Sección dos',
        questions: [
          { id: 'nivel', type: 'likert', text: 'Nivel', required: true, repeated: true },
          { id: 'anios', type: 'number', text: 'Años', required: true, min: 0, max: 40, integer: true },
          { id: 'barreras', type: 'barriers', text: 'Barreras', required: true, repeated: true },
        ],
      },
    ],
  };
}
