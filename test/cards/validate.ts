import { createRequire } from 'node:module';
import { VERBS } from '../../src/cards/verbs.js';

// Microsoft's Adaptive Cards SDK; its ES build uses extensionless imports, so load the UMD bundle.
interface AcEvent {
  phase: number;
  event: number;
  message: string;
}
interface AcModule {
  AdaptiveCard: new () => { parse(json: unknown, ctx: unknown): void; validateProperties(): { validationEvents: AcEvent[] } };
  SerializationContext: new () => { eventCount: number; getEventAt(i: number): AcEvent };
}
const AC = createRequire(import.meta.url)('adaptivecards/dist/adaptivecards.js') as AcModule;

export function walk(node: unknown, visit: (o: Record<string, unknown>) => void): void {
  if (Array.isArray(node)) node.forEach((n) => walk(n, visit));
  else if (node && typeof node === 'object') {
    visit(node as Record<string, unknown>);
    Object.values(node).forEach((v) => walk(v, visit));
  }
}

/**
 * Problems Microsoft's parser and validator report, plus Teams rules of ours (version, labels, verbs).
 * Unbound `${...}` left by a template is refused by renderTemplate itself; a `${` in the output here is text
 * typed by a person, shown literally.
 */
export function validateCard(card: Record<string, unknown>): string[] {
  const errors: string[] = [];
  const ctx = new AC.SerializationContext();
  const parsed = new AC.AdaptiveCard();
  parsed.parse(card, ctx);
  for (let i = 0; i < ctx.eventCount; i++) errors.push(`parse: ${ctx.getEventAt(i).message}`);
  for (const e of parsed.validateProperties().validationEvents) errors.push(`validate: ${e.message}`);
  if (card.version !== '1.5') errors.push(`version must be 1.5 (Teams), got ${String(card.version)}`);
  const known = new Set<string>(Object.values(VERBS));
  walk(card, (o) => {
    if (typeof o.type === 'string' && o.type.startsWith('Input.') && !o.label) errors.push(`input ${String(o.id)} has no label`);
    if (typeof o.type === 'string' && o.type.startsWith('Input.') && o.isRequired && !o.errorMessage) errors.push(`required input ${String(o.id)} has no errorMessage`);
    const data = o.data as { verb?: unknown } | undefined;
    if ((o.type === 'Action.Submit' || o.type === 'Action.Execute') && data && typeof data === 'object') {
      if (typeof data.verb !== 'string' || !known.has(data.verb)) errors.push(`action "${String(o.title)}" has an undeclared verb ${String(data.verb)}`);
    }
  });
  return errors;
}
