import { formatDate } from '../../domain/registration.js';
import type { CalendarStage } from '../../services/registration/index.js';

/** Calendar stages as a list, one stage a line ("- Reunión nacional de apertura: 20 de enero de 2027"). */
export function calendarLines(stages: readonly Pick<CalendarStage, 'label' | 'date'>[]): string {
  return stages.map((st) => `- ${st.label}: ${formatDate(st.date)}`).join('\n');
}
