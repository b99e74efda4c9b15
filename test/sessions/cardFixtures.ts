import type { CardJson } from '../../src/cards/render.js';
import { renderSessionAttendanceCard, renderSessionCard, renderSessionFormCard, renderSessionListCard, renderSessionMinutesCard } from '../../src/cards/sessions.js';

/** Fixtures of the group sessions cards (src/features/sessions/), merged into test/fixtures/cardFixtures.ts. */
const form = {
  title: 'Programar una sesión · grupo 3',
  intro: 'Elija la fecha, la hora de inicio, la duración, el tema, la modalidad y la liga.',
  zoneNote: 'La fecha y la hora se leen en su zona: hora del noroeste.',
  editionId: '2026',
  group: 3,
  dateLabel: 'Fecha',
  dateError: 'Elija la fecha.',
  timeLabel: 'Hora de inicio',
  timeError: 'Elija la hora de inicio.',
  durationLabel: 'Duración',
  durationChoices: [
    { title: '1 hora', value: '60' },
    { title: '1 hora 30 minutos', value: '90' },
  ],
  topicLabel: 'Tema',
  topicChoices: [
    { title: 'Negociación', value: 'plan:negociacion' },
    { title: 'Tema libre', value: 'libre' },
  ],
  freeTopicLabel: 'Tema libre',
  modalityLabel: 'Modalidad',
  modalityChoices: [
    { title: 'Virtual', value: 'virtual' },
    { title: 'Presencial', value: 'presencial' },
  ],
  linkLabel: 'Liga de la reunión',
};

const sessionCard = {
  title: 'Sesión 2 del grupo 3',
  facts: [
    { label: 'Cuándo', value: '10 de diciembre de 2026, 10:00 h (hora del noroeste)' },
    { label: 'Duración', value: '1 hora 30 minutos' },
    { label: 'Tema', value: 'Negociación' },
  ],
  linkTitle: 'Unirse a la reunión',
  sessionId: '2026:g3:s2',
  yesTitle: 'Asistiré',
  noTitle: 'No podré asistir',
  presentTitle: 'Estoy presente',
};

export const SESSION_CARD_FIXTURES: Record<string, () => CardJson[]> = {
  sessionForm: () => [
    renderSessionFormCard({ ...form, mode: 'schedule', number: 0, date: '', time: '', duration: '60', details: true, topic: 'plan:negociacion', freeTopic: '', modality: 'virtual', link: '', submitTitle: 'Programar sesión' }),
    renderSessionFormCard({
      ...form,
      mode: 'move',
      number: 2,
      date: '2026-12-10',
      time: '10:00',
      duration: '90',
      details: false,
      topic: '',
      topicChoices: [],
      freeTopic: '',
      modality: 'virtual',
      link: 'https://teams.microsoft.com/l/meetup-join/abc',
      submitTitle: 'Mover sesión',
    }),
  ],
  sessionCard: () => [
    renderSessionCard({ ...sessionCard, notice: '', counts: 'Asistirán: 3 · No podrán: 1 · Sin respuesta: 4', mine: 'Su respuesta: asistirá.', url: 'https://teams.microsoft.com/l/meetup-join/abc', open: true, checkIn: true }),
    renderSessionCard({ ...sessionCard, notice: 'Sesión cancelada.', counts: '', mine: '', url: '', open: false, checkIn: false }),
  ],
  sessionAttendance: () => [
    renderSessionAttendanceCard({
      title: 'Asistencia · sesión 2 del grupo 3',
      intro: 'Marque a las integrantes presentes.',
      label: 'Integrantes presentes',
      memberChoices: [
        { title: 'Adriana Pérez', value: 'aad:1' },
        { title: 'Beatriz Gómez', value: 'aad:2' },
      ],
      present: 'aad:1',
      sessionId: '2026:g3:s2',
      submitTitle: 'Guardar asistencia',
    }),
  ],
  sessionMinutes: () => [
    renderSessionMinutesCard({
      title: 'Minuta · sesión 2 del grupo 3',
      intro: 'Un renglón por tema, acuerdo o paso.',
      sessionId: '2026:g3:s2',
      topicsLabel: 'Temas tratados',
      topicsCovered: 'Negociación',
      agreementsLabel: 'Acuerdos',
      agreements: '',
      barriersIntro: 'Barreras detectadas',
      barrierRows: [
        { category: 'culturales', text: 'Horarios de reunión poco compatibles con el cuidado.' },
        { category: '', text: '' },
      ],
      categoryLabel: 'Categoría de la barrera',
      categoryChoices: [
        { title: 'Culturales', value: 'culturales' },
        { title: 'Normatividad', value: 'normatividad' },
      ],
      barrierTextLabel: 'Descripción de la barrera',
      nextStepsLabel: 'Siguientes pasos',
      nextSteps: 'Revisar el plan.',
      submitTitle: 'Guardar y publicar minuta',
    }),
  ],
  sessionList: () => [
    renderSessionListCard({
      title: 'Sesiones del grupo 3',
      intro: '2 sesiones en total.',
      sections: [
        { heading: 'Próximas', lines: ['Sesión 2 · 10 de diciembre de 2026, 10:00 h (hora del centro) · Negociación', 'Asistirán 3, no podrán 1, sin respuesta 4.'] },
        { heading: 'Pasadas', lines: ['Ninguna.'] },
      ],
      note: 'Para mover o cancelar una sesión escriba el comando.',
    }),
    renderSessionListCard({ title: 'Sesiones de grupo', intro: '', sections: [], note: '' }),
  ],
};
