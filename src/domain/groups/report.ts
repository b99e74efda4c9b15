import type { QualityReport } from './quality.js';
import { GROUP_ATTRIBUTES, GROUP_ATTRIBUTE_LABELS, type GroupAttribute } from './types.js';

export interface QualityTableOptions {
  /** Attributes shown value by value (default vocalía, ámbito and circunscripción); the rest show only their excess. */
  detail?: readonly GroupAttribute[];
  /** Preferred order of values per attribute (e.g. the catalog order of vocalías); others follow. */
  valueOrder?: Partial<Record<GroupAttribute, readonly string[]>>;
  /** Column labels per attribute and value; default the value itself, "C1".. for circunscripciones. */
  valueLabels?: Partial<Record<GroupAttribute, Readonly<Record<string, string>>>>;
  /** Maximum clash lines listed (default 20). */
  maxClashLines?: number;
}

const SHORT: Record<GroupAttribute, string> = { vocalia: 'Voc', ambito: 'Ámb', circunscripcion: 'Circ', entidad: 'Ent' };

interface Column {
  header: string;
  /** Cell text for the group at index i. */
  cell: (i: number) => string;
  /** Separator before this column. */
  sep?: boolean;
}

/**
 * Plain-text quality table for administrators (monospaced): one row per group with its size, the
 * count of every value of the detailed attributes (a "!" marks a count outside its allowed range),
 * the excess per attribute and the junta clashes; then the allowed ranges and the totals.
 */
export function formatQualityTable(report: QualityReport, options: QualityTableOptions = {}): string {
  const detail = options.detail ?? ['vocalia', 'ambito', 'circunscripcion'];
  const groups = report.groups;
  const columns: Column[] = [
    { header: 'Grupo', cell: (i) => String(groups[i]!.group) },
    { header: 'Integrantes', cell: (i) => String(groups[i]!.size) },
  ];
  const first = groups[0];
  for (const attr of detail) {
    if (!first) break;
    const present = first.values[attr].map((v) => v.value);
    const preferred = options.valueOrder?.[attr] ?? [];
    const ordered = [...preferred.filter((v) => present.includes(v)), ...present.filter((v) => !preferred.includes(v))];
    ordered.forEach((value, k) => {
      const label = options.valueLabels?.[attr]?.[value] ?? (attr === 'circunscripcion' ? `C${value}` : value);
      columns.push({
        header: label,
        sep: k === 0,
        cell: (i) => {
          const q = groups[i]!.values[attr].find((v) => v.value === value);
          if (!q) return '';
          return `${q.count}${q.excess > 0 ? '!' : ''}`;
        },
      });
    });
  }
  GROUP_ATTRIBUTES.forEach((attr, k) => {
    columns.push({ header: `Exc.${SHORT[attr]}`, sep: k === 0, cell: (i) => String(groups[i]!.excess[attr]) });
  });
  columns.push({ header: 'Choques', sep: true, cell: (i) => String(groups[i]!.clashCount) });

  const rows = groups.map((_, i) => columns.map((c) => c.cell(i)));
  const widths = columns.map((c, k) => rows.reduce((w, r) => Math.max(w, r[k]!.length), c.header.length));
  const line = (cells: readonly string[]): string =>
    cells.map((text, k) => `${columns[k]!.sep ? '| ' : ''}${text.padStart(widths[k]!)}`).join(' ').trimEnd();

  const out: string[] = [];
  out.push(line(columns.map((c) => c.header)));
  out.push(line(widths.map((w) => '-'.repeat(w))));
  for (const r of rows) out.push(line(r));

  // Allowed ranges for each distinct group size.
  const bySize = new Map<number, number>();
  groups.forEach((g, i) => {
    if (!bySize.has(g.size)) bySize.set(g.size, i);
  });
  const rangeLines: string[] = [];
  for (const [size, i] of [...bySize].sort((a, b) => b[0] - a[0])) {
    const parts: string[] = [];
    for (const attr of detail) {
      const vals = groups[i]!.values[attr];
      const preferred = options.valueOrder?.[attr] ?? [];
      const ordered = [...vals].sort((a, b) => rank(preferred, a.value) - rank(preferred, b.value));
      parts.push(
        ordered
          .map((v) => {
            const label = options.valueLabels?.[attr]?.[v.value] ?? (attr === 'circunscripcion' ? `C${v.value}` : v.value);
            return `${label} ${v.min === v.max ? v.min : `${v.min}-${v.max}`}`;
          })
          .join(', '),
      );
    }
    rangeLines.push(`  Grupo de ${size}: ${parts.join('; ')}`);
  }

  const t = report.totals;
  out.push('');
  out.push('Rango proporcional permitido (piso y techo de la cuota; "!" marca los conteos fuera de rango):');
  out.push(...rangeLines);
  out.push('');
  out.push(
    `Totales: ${t.members} ${t.members === 1 ? 'integrante' : 'integrantes'} en ${t.groups} ${t.groups === 1 ? 'grupo' : 'grupos'}; tamaño mínimo ${t.minSize}, máximo ${t.maxSize}.`,
  );
  out.push(
    `Exceso total: ${GROUP_ATTRIBUTES.map((a) => `${GROUP_ATTRIBUTE_LABELS[a].toLowerCase()} ${t.excess[a]}`).join(', ')} (total ${t.totalExcess}).`,
  );
  out.push(`Choques de junta (integrantes de la misma junta en un grupo, por encima de lo permitido): ${t.clashes}.`);
  const maxLines = options.maxClashLines ?? 20;
  const clashLines = groups.flatMap((g) =>
    g.clashes.map((c) => `  Grupo ${g.group}: ${c.juntaKey} tiene ${c.count} integrantes (máximo ${c.allowed}): ${c.members.join(', ')}`),
  );
  out.push(...clashLines.slice(0, maxLines));
  if (clashLines.length > maxLines) out.push(`  … y ${clashLines.length - maxLines} más.`);
  if (t.unassigned.length > 0) out.push(`Sin grupo asignado: ${t.unassigned.length} ${t.unassigned.length === 1 ? 'integrante' : 'integrantes'}.`);
  return out.join('\n');
}

function rank(preferred: readonly string[], value: string): number {
  const i = preferred.indexOf(value);
  return i < 0 ? preferred.length : i;
}
