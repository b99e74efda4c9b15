import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { resourcePath } from '../../src/resources.js';
import { loadDefaultCatalog } from '../../src/data/defaultCatalog.js';
import { loadDefaultTemario, parseDefaultTemario } from '../../src/data/defaultTemario.js';
import { parseTemario, TEMARIO_LIMITS, type TemarioData } from '../../src/domain/topics/index.js';
import { TOPIC_AUDIT_ACTIONS } from '../../src/services/topics/index.js';
import { ADMIN, EDITION, openKit, seedGroups, type TopicKit } from './support.js';

const ejes = loadDefaultCatalog().data.ejesTematicos;
const shipped = JSON.parse(readFileSync(resourcePath('src', 'data', 'temario.json'), 'utf8')) as TemarioData;

const row = (over: Record<string, unknown> = {}) => ({ id: 'tema-uno', eje: 'liderazgo', titulo: 'Tema uno', descripcion: 'Una descripción suficiente.', ...over });
const file = (temas: unknown[]) => ({
  version: 'prueba',
  temas: [...temas, row({ id: 'base-competencias', eje: 'competencias', titulo: 'Base de competencias' }), row({ id: 'base-actualizacion', eje: 'actualizacion', titulo: 'Base de actualización' })],
});

describe('the shipped temario (src/data/temario.json)', () => {
  it('is valid against the catalog ejes and has at least 5 topics per eje (6 in fact)', () => {
    const t = loadDefaultTemario();
    expect(ejes.map((e) => e.clave)).toEqual(['liderazgo', 'competencias', 'actualizacion']);
    for (const eje of ejes) expect(t.byEje(eje.clave).length, eje.nombre).toBeGreaterThanOrEqual(6);
    expect(t.topics.length).toBe(shipped.temas.length);
  });

  it('has stable kebab-case ids, unique, and one- or two-sentence Spanish descriptions', () => {
    const ids = shipped.temas.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const t of shipped.temas) {
      expect(t.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      const sentences = t.descripcion.split(/(?<=\.)\s+/).filter(Boolean);
      expect(sentences.length, t.id).toBeGreaterThanOrEqual(1);
      expect(sentences.length, t.id).toBeLessThanOrEqual(2);
      expect(t.descripcion.endsWith('.'), t.id).toBe(true);
    }
    expect(ids).toEqual(expect.arrayContaining(['liderazgo-y-toma-de-decisiones', 'negociacion-y-manejo-de-conflictos', 'normatividad-electoral-vigente', 'gestion-de-equipos-en-proceso-electoral', 'estatuto-del-spen-y-concursos']));
  });

  it('a broken shipped file stops with the list of problems', () => {
    expect(() => parseDefaultTemario({ temas: [row({ eje: 'otro' })] }, ejes)).toThrow(/temario\.json no es válido:\nEn «temas\.0\.eje» \(tema 1\)/);
  });
});

describe('temario schema: row-by-row errors named by path, in Spanish', () => {
  it('accepts a valid file, trims texts and resolves an eje written by its name', () => {
    const r = parseTemario(file([row({ eje: 'Generación de competencias técnicas', titulo: '  Con espacios  ' }), row({ id: 'tema-lider', eje: ' LIDERAZGO ' })]), ejes);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.temario.topic('tema-uno')).toEqual({ id: 'tema-uno', eje: 'competencias', titulo: 'Con espacios', descripcion: 'Una descripción suficiente.' });
    expect(r.temario.version).toBe('prueba');
  });

  it('reports every bad row with its path and row number, not only the first', () => {
    const r = parseTemario(
      file([
        row(),
        row({ id: 'Tema Dos', titulo: 'Do' }),
        row({ id: 'tema-tres', titulo: undefined }),
        row({ id: 'tema-cuatro', eje: 'deportes', titulo: 'Cuatro temas' }),
        row({ id: 'tema-uno', titulo: 'Repite la clave' }),
        row({ id: 'tema-seis', titulo: 'tema UNO' }),
        'no soy un objeto',
        row({ id: 'tema-ocho', descripcion: 7, titulo: 'Ocho temas' }),
      ]),
      ejes,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => i.path)).toEqual([
      'temas.1.id',
      'temas.1.titulo',
      'temas.2.titulo',
      'temas.3.eje',
      'temas.4.id',
      'temas.5.titulo',
      'temas.6',
      'temas.7.descripcion',
    ]);
    expect(r.errors).toEqual([
      'En «temas.1.id» (tema 2): la clave debe estar en minúsculas, sin acentos ni espacios, con palabras unidas por guiones (por ejemplo «comunicacion-asertiva»).',
      'En «temas.1.titulo» (tema 2): el título debe tener al menos 3 caracteres.',
      'En «temas.2.titulo» (tema 3): falta el título.',
      'En «temas.3.eje» (tema 4): el eje «deportes» no existe; use «liderazgo», «competencias», «actualizacion».',
      'En «temas.4.id» (tema 5): la clave «tema-uno» ya la usa el tema 1.',
      'En «temas.5.titulo» (tema 6): el título repite el del tema 1 del mismo eje.',
      'En «temas.6» (tema 7): cada tema debe ser un objeto con «id», «eje», «titulo» y «descripcion».',
      'En «temas.7.descripcion» (tema 8): la descripción debe ser un texto.',
    ]);
  });

  it('reports a frame problem (not an object, no list, empty, too long) with its path', () => {
    const errs = (raw: unknown) => {
      const r = parseTemario(raw, ejes);
      return r.ok ? [] : r.errors;
    };
    expect(errs([row()])).toEqual(['En el archivo: El archivo debe contener un objeto JSON con la lista «temas».']);
    expect(errs({ version: 'x' })).toEqual(['En «temas»: falta la lista de temas.']);
    expect(errs({ temas: {} })).toEqual(['En «temas»: «temas» debe ser una lista.']);
    expect(errs({ temas: [] })).toEqual(['En «temas»: la lista de temas está vacía.']);
    expect(errs({ temas: Array.from({ length: TEMARIO_LIMITS.maxTopics + 1 }, (_, i) => row({ id: `t-${i}` })) })).toEqual([`En «temas»: la lista admite hasta ${TEMARIO_LIMITS.maxTopics} temas.`]);
    expect(errs({ version: 3, temas: [row()] })[0]).toBe('En «version»: la versión debe ser un texto de 1 a 40 caracteres.');
  });

  it('requires at least one topic per eje', () => {
    const r = parseTemario({ temas: [row()] }, ejes);
    expect(r.ok ? [] : r.errors).toEqual([
      'En «temas»: el eje «Generación de competencias técnicas» no tiene ningún tema; agregue al menos uno.',
      'En «temas»: el eje «Actualización del conocimiento» no tiene ningún tema; agregue al menos uno.',
    ]);
  });

  it('lists at most 15 errors and summarizes the rest', () => {
    const r = parseTemario({ temas: Array.from({ length: 20 }, (_, i) => row({ id: `t-${i}`, eje: 'nada' })) }, ejes);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toHaveLength(20);
    expect(r.errors).toHaveLength(16);
    expect(r.errors[15]).toBe('… y 5 errores más. Corrija los anteriores y vuelva a enviar el archivo.');
  });
});

describe('TemarioService', () => {
  let kit: TopicKit;
  afterEach(async () => {
    await kit.close();
  });

  it('uses the project temario until replaced; a replacement is validated, stored and audited; reset goes back', async () => {
    kit = await openKit();
    const s = kit.topics.temarios;
    expect((await s.info(EDITION)).replaced).toBe(false);
    expect((await s.forEdition(EDITION)).topics.length).toBe(shipped.temas.length);

    const bad = await s.replace(EDITION, file([row({ eje: 'nada' })]), ADMIN.personKey);
    expect(bad).toMatchObject({ ok: false, code: 'invalid', errors: ['En «temas.0.eje» (tema 1): el eje «nada» no existe; use «liderazgo», «competencias», «actualizacion».'] });
    expect((await s.info(EDITION)).replaced).toBe(false);

    const good = await s.replace(EDITION, file([row()]), ADMIN.personKey);
    expect(good.ok).toBe(true);
    const info = await s.info(EDITION);
    expect(info).toMatchObject({ replaced: true, frozen: false, replacedBy: ADMIN.personKey });
    expect(info.temario.topics.map((t) => t.id)).toEqual(['tema-uno', 'base-competencias', 'base-actualizacion']);
    expect((await s.forEdition('otra')).topics.length).toBe(shipped.temas.length);

    expect(await s.reset(EDITION, ADMIN.personKey)).toBe('reset');
    expect(await s.reset(EDITION, ADMIN.personKey)).toBe('unchanged');
    expect((await s.forEdition(EDITION)).topics.length).toBe(shipped.temas.length);

    const entries = await kit.audit.list({ editionId: EDITION });
    expect(entries.map((e) => e.action)).toEqual([TOPIC_AUDIT_ACTIONS.temarioReset, TOPIC_AUDIT_ACTIONS.temarioReplace]);
    expect(entries[1]!.after).toMatchObject({ version: 'prueba', topics: 3, perEje: { liderazgo: 1, competencias: 1, actualizacion: 1 } });
  });

  it('is frozen once a topic vote exists for the edition: replace and reset are refused and change nothing', async () => {
    kit = await openKit();
    seedGroups(kit, 2, 3);
    const s = kit.topics.temarios;
    expect((await s.replace(EDITION, file([row()]), ADMIN.personKey)).ok).toBe(true);
    await kit.topics.topicVotes.open(EDITION, 1, {}, ADMIN);
    expect(await s.isFrozen(EDITION)).toBe(true);

    const again = await s.replace(EDITION, file([row({ id: 'otro-tema', titulo: 'Otro tema' })]), ADMIN.personKey);
    expect(again).toMatchObject({ ok: false, code: 'frozen', errors: ['El temario de esta edición ya no se puede cambiar porque un grupo abrió su votación de temas.'] });
    expect(await s.reset(EDITION, ADMIN.personKey)).toBe('frozen');
    expect((await s.forEdition(EDITION)).topics.map((t) => t.id)).toEqual(['tema-uno', 'base-competencias', 'base-actualizacion']);
    // Another edition is not affected.
    expect((await s.replace('otra', file([row()]), ADMIN.personKey)).ok).toBe(true);
  });

  it('freezes the project temario too (an edition without replacement cannot be replaced after its first vote)', async () => {
    kit = await openKit();
    seedGroups(kit, 1, 2);
    await kit.topics.topicVotes.open(EDITION, 1, {}, ADMIN);
    expect(await kit.topics.temarios.info(EDITION)).toMatchObject({ replaced: false, frozen: true });
    expect((await kit.topics.temarios.replace(EDITION, file([row()]), ADMIN.personKey)).ok).toBe(false);
    expect(await kit.topics.temarios.reset(EDITION, ADMIN.personKey)).toBe('frozen');
  });

  it('a replace racing with the first vote never lands after the freeze', async () => {
    kit = await openKit();
    seedGroups(kit, 1, 2);
    const [replaced, vote] = await Promise.all([kit.topics.temarios.replace(EDITION, file([row()]), ADMIN.personKey), kit.topics.topicVotes.open(EDITION, 1, {}, ADMIN)]);
    const temario = await kit.topics.temarios.forEdition(EDITION);
    // Whatever the order, the vote was opened on the temario the edition has now.
    expect(vote.topics.map((t) => t.id)).toEqual(temario.topics.map((t) => t.id));
    if (replaced.ok) expect(temario.topics.map((t) => t.id)).toContain('tema-uno');
    expect(await kit.topics.temarios.isFrozen(EDITION)).toBe(true);
  });
});
