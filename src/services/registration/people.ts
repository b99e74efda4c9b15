import type { Store } from '../../store/types.js';

/**
 * People the bot has met with the email Teams reports for them (TeamsInfo in the bot layer). Lets admins
 * refer to a person by institutional email ("admin agregar correo") before she registers.
 */
export const PEOPLE_COLLECTION = 'people';

export interface PersonDoc {
  /** personKey ("aad:<object id>"). */
  _id: string;
  aadObjectId: string;
  userId: string;
  name?: string;
  /** Lower-cased. */
  email?: string;
  seenAt: Date;
}

export class PersonDirectory {
  private readonly col;

  constructor(
    private readonly store: Store,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.col = store.collection<PersonDoc>(PEOPLE_COLLECTION);
  }

  async init(): Promise<void> {
    await this.store.ensureIndexes(PEOPLE_COLLECTION, [{ fields: ['email'], sparse: true }]);
  }

  async record(p: { personKey: string; aadObjectId: string; userId: string; name?: string; email?: string }): Promise<void> {
    const $set: Record<string, unknown> = { aadObjectId: p.aadObjectId.toLowerCase(), userId: p.userId, seenAt: this.clock() };
    if (p.name) $set.name = p.name;
    if (p.email) $set.email = p.email.trim().toLowerCase();
    await this.col.updateOne({ _id: p.personKey }, { $set }, { upsert: true });
  }

  async findByEmail(email: string): Promise<PersonDoc | null> {
    const found = await this.col.find({ email: email.trim().toLowerCase() }, { sort: { seenAt: -1 }, limit: 1 });
    return found[0] ?? null;
  }

  get(personKey: string): Promise<PersonDoc | null> {
    return this.col.findOne({ _id: personKey });
  }

  async forget(personKey: string): Promise<void> {
    await this.col.deleteOne({ _id: personKey });
  }
}
