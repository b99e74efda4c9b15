import type { CardJson } from '../../src/cards/render.js';
import { renderPersonalCalendarCard } from '../../src/cards/calendar.js';
import { renderMeetingInviteCard, renderMeetingNoteCard } from '../../src/cards/meetings.js';

/** Fixtures of the meetings and personal calendar cards, merged into test/fixtures/cardFixtures.ts. */
export const MEETING_CARD_FIXTURES: Record<string, () => CardJson[]> = {
  meetingInvite: () => [
    renderMeetingInviteCard({
      title: 'Reunión Nacional de apertura',
      text: 'La UTIGyND la invita a la Reunión Nacional de apertura de la Red de Coaching. La hora está en su zona horaria.',
      when: '20 de enero de 2027, 10:00 h (hora del noroeste)',
      duration: '2 horas',
      note: 'Durante la reunión, presione «Estoy presente» para registrar su asistencia.',
      url: 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc%40thread.v2/0',
      meetingId: '2026:1',
    }),
    renderMeetingInviteCard({ title: 'Reunión regional de la circunscripción 3', text: 'La reunión comienza en una hora.', when: '3 de febrero de 2027, 17:00 h (hora del sureste)', duration: '90 minutos', note: '', url: 'https://example.org/r', meetingId: '2026:2' }),
  ],
  meetingNote: () => [
    renderMeetingNoteCard({ title: 'Cancelada: Reunión Nacional de cierre', paragraphs: ['La reunión del 20 de junio de 2027, 10:00 h (hora del centro) fue cancelada.'] }),
  ],
  personalCalendar: () => [
    renderPersonalCalendarCard({
      title: 'Mi calendario · Red 2026',
      intro: 'Sus próximas actividades en la Red, con la hora de su zona (hora del Pacífico).',
      events: [
        { title: 'Reunión Nacional de apertura', kind: 'Reunión nacional', when: '20 de enero de 2027, 09:00 h (hora del Pacífico)', status: '' },
        { title: 'Sesión 2 del grupo 4: Liderazgo', kind: 'Sesión de su grupo', when: '27 de enero de 2027, 17:00 h (hora del Pacífico)', status: 'Cancelada' },
        { title: 'Entrega de informes', kind: 'Fecha límite', when: '30 de mayo de 2027', status: '' },
      ],
      empty: 'Por ahora no tiene actividades próximas.',
      stagesTitle: 'Calendario de la edición',
      stages: [
        { label: 'Reunión Nacional de apertura', date: '20 de enero de 2027' },
        { label: 'Entrega de informes', date: '30 de mayo de 2027' },
      ],
      footer: 'La liga es personal y vale hasta el 8 de diciembre de 2026, 16:00 h (hora del Pacífico).',
      url: 'https://coaching.example.org/calendario/abc.def.ics',
    }),
    renderPersonalCalendarCard({ title: 'Mi calendario · Red 2026', intro: 'Sus próximas actividades.', events: [], empty: 'Por ahora no tiene actividades próximas.', stagesTitle: 'Calendario de la edición', stages: [], footer: 'La descarga no está disponible.', url: '' }),
  ],
};
