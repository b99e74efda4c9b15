import { describe, expect, it } from 'vitest';
import { announcementBroadcastId, checkHttpsLink, checkText, parseAudience, resolveAudience, type Audience, type AudienceMember } from '../../src/domain/announcements/index.js';
import { loadDefaultCatalog } from '../../src/data/defaultCatalog.js';

/** Issue 14, announcements: audience parsing and resolution (pure rules), tables. */

const catalog = loadDefaultCatalog();

const m = (id: string, over: Partial<AudienceMember> = {}): AudienceMember => ({ _id: id, status: 'validated', vocalia: 'VE', ambito: 'JDE', entidad: '09', circunscripcion: 4, ...over });
const MEMBERS: AudienceMember[] = [
  m('a'),
  m('b', { vocalia: 'VS', ambito: 'JLE', entidad: '14', circunscripcion: 1 }),
  m('c', { vocalia: 'VS', entidad: '19', circunscripcion: 2 }),
  m('d', { status: 'pending', vocalia: 'VS' }),
  m('e', { status: 'withdrawn' }),
  m('f', { vocalia: 'VRFE', ambito: 'JLE', entidad: '02', circunscripcion: 1 }),
];
const GROUPS = { assignment: { a: 1, b: 1, c: 2, d: 1, e: 1, f: 2 }, removed: ['f'] };

describe('resolveAudience', () => {
  it.each<[string, Audience, string[]]>([
    ['all validated (never pending or withdrawn)', { kind: 'todas' }, ['a', 'b', 'c', 'f']],
    ['group 1 (validated, not removed)', { kind: 'grupo', group: 1 }, ['a', 'b']],
    ['group 2 without the removed member', { kind: 'grupo', group: 2 }, ['c']],
    ['a group nobody is in', { kind: 'grupo', group: 9 }, []],
    ['vocalía VS', { kind: 'vocalia', clave: 'VS' }, ['b', 'c']],
    ['ámbito JLE', { kind: 'ambito', clave: 'JLE' }, ['b', 'f']],
    ['entidad 09', { kind: 'entidad', clave: '09' }, ['a']],
    ['circunscripción 1', { kind: 'circunscripcion', numero: 1 }, ['b', 'f']],
    ['circunscripción 5 (nobody)', { kind: 'circunscripcion', numero: 5 }, []],
  ])('%s', (_label, audience, ids) => {
    expect(resolveAudience(MEMBERS, audience, GROUPS).map((x) => x._id)).toEqual(ids);
  });

  it('a group without a confirmed set reaches nobody', () => {
    expect(resolveAudience(MEMBERS, { kind: 'grupo', group: 1 }, null)).toEqual([]);
  });
});

describe('parseAudience', () => {
  it.each<[string, string, Audience | string]>([
    ['todas', '', { kind: 'todas' }],
    ['TODAS', 'lo que sea', { kind: 'todas' }],
    ['grupo', '3', { kind: 'grupo', group: 3 }],
    ['grupo', 'tres', 'badGroup'],
    ['grupo', '0', 'badGroup'],
    ['grupo', '', 'missingValue'],
    ['vocalia', 'vs', { kind: 'vocalia', clave: 'VS' }],
    ['vocalia', 'Vocalía Ejecutiva', { kind: 'vocalia', clave: 'VE' }],
    ['vocalia', 'VX', 'unknownVocalia'],
    ['ambito', 'distrital', { kind: 'ambito', clave: 'JDE' }],
    ['ambito', 'JLE', { kind: 'ambito', clave: 'JLE' }],
    ['ambito', 'municipal', 'unknownAmbito'],
    ['entidad', '9', { kind: 'entidad', clave: '09' }],
    ['entidad', 'Jalisco', { kind: 'entidad', clave: '14' }],
    ['entidad', '99', 'unknownEntidad'],
    ['circunscripcion', '5', { kind: 'circunscripcion', numero: 5 }],
    ['circunscripcion', '6', 'unknownCircunscripcion'],
    ['otra', 'x', 'unknownKind'],
  ])('%s «%s»', (kind, value, expected) => {
    const r = parseAudience(kind, value, catalog);
    if (typeof expected === 'string') expect(r).toEqual({ ok: false, error: expected });
    else expect(r).toEqual({ ok: true, audience: expected });
  });
});

describe('links and texts', () => {
  it.each<[string, boolean]>([
    ['', true],
    ['https://www.ine.mx/reglamento', true],
    ['http://www.ine.mx/', false],
    ['javascript:alert(1)', false],
    ['ftp://x.mx/a', false],
    ['https://usuario:clave@ine.mx/', false],
    ['no es un enlace', false],
    [`https://ine.mx/${'a'.repeat(600)}`, false],
  ])('link «%s» accepted: %s', (link, ok) => {
    expect(checkHttpsLink(link).ok).toBe(ok);
  });

  it.each<[string, string]>([
    ['', 'empty'],
    ['   ', 'empty'],
    ['x'.repeat(20_000), 'tooLong'],
  ])('text of %#: %s', (text, error) => {
    expect(checkText(text, 4000)).toEqual({ ok: false, error });
  });

  it('keeps a text as written (trimmed) and fixes the broadcast id by the announcement id', () => {
    expect(checkText('  Hola <b>${x}</b>  ', 4000)).toEqual({ ok: true, value: 'Hola <b>${x}</b>' });
    expect(announcementBroadcastId('2026:3')).toBe(announcementBroadcastId('2026:3'));
    expect(announcementBroadcastId('2026:3')).not.toBe(announcementBroadcastId('2026:4'));
  });
});
