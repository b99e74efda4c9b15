/**
 * Compile-time checks of src/store/typed.ts: `tsc -p .` covers test/, so each `@ts-expect-error` below must
 * really be an error (a misspelled field, a wrong value type) or the type check fails. Never executed.
 */
import type { TypedCollection, TypedFilter, TypedUpdate } from '../../src/store/typed.js';

interface Person {
  _id: string;
  name: string;
  age: number;
  tags: string[];
  registeredAt?: Date;
  address: { city: string; geo?: { lat: number; lng: number } };
  answers?: { question: string; score: number }[];
}

export async function typeChecks(people: TypedCollection<Person>): Promise<void> {
  // Accepted: real fields, dotted paths (2 levels), operators of the right type, $and/$or, array element match.
  await people.find({ name: 'Eva', age: { $gte: 18, $lt: 65 } });
  await people.find({ 'address.city': 'Puebla', 'address.geo.lat': { $gt: 19 } });
  await people.find({ $or: [{ tags: 'coach' }, { tags: { $in: ['a', 'b'] } }], $and: [{ registeredAt: { $exists: true } }] });
  await people.find({ 'answers.score': { $gte: 3 } }, { sort: { 'address.city': 1, age: -1 }, limit: 5 });
  await people.find({ registeredAt: null });
  await people.updateOne({ _id: 'p1' }, { $set: { 'address.geo.lng': -99.1, name: 'Ana' }, $inc: { age: 1 }, $unset: { registeredAt: 1 }, $push: { tags: 'x' } });
  await people.findOneAndUpdate({ age: { $lte: 30 } }, { $set: { age: 31 } }, { sort: { age: 1 } });

  // @ts-expect-error misspelled field
  await people.find({ nmae: 'Eva' });
  // @ts-expect-error misspelled nested field
  await people.find({ 'address.ctiy': 'Puebla' });
  // @ts-expect-error misspelled field two levels down
  await people.find({ 'address.geo.latitude': 19 });
  // @ts-expect-error wrong value type for the field
  await people.find({ age: 'dieciocho' });
  // @ts-expect-error operator value of the wrong type
  await people.find({ registeredAt: { $lte: '2026-01-01' } });
  // @ts-expect-error $in of the wrong element type
  await people.find({ age: { $in: ['1'] } });
  // @ts-expect-error unknown operator
  await people.find({ age: { $greater: 1 } });
  // @ts-expect-error misspelled field inside $or
  await people.find({ $or: [{ nombre: 'Eva' }] });
  // @ts-expect-error misspelled field in a sort
  await people.find({}, { sort: { agee: 1 } });
  // @ts-expect-error misspelled field in $set
  await people.updateOne({ _id: 'p1' }, { $set: { nmae: 'Ana' } });
  // @ts-expect-error wrong value type in $set
  await people.updateOne({ _id: 'p1' }, { $set: { 'address.city': 5 } });
  // @ts-expect-error $inc on a text field
  await people.updateOne({ _id: 'p1' }, { $inc: { name: 1 } });
  // @ts-expect-error $unset of a required field
  await people.updateOne({ _id: 'p1' }, { $unset: { name: 1 } });
  // @ts-expect-error $push of the wrong element type
  await people.updateOne({ _id: 'p1' }, { $push: { tags: 3 } });
  // @ts-expect-error misspelled field in a findOneAndUpdate sort
  await people.findOneAndUpdate({}, { $set: { age: 1 } }, { sort: { edad: 1 } });

  // Filters and updates built apart are checked too.
  const filter: TypedFilter<Person> = { 'address.geo.lng': { $lt: 0 } };
  // @ts-expect-error misspelled field in a standalone filter
  const bad: TypedFilter<Person> = { 'address.geo.lon': 0 };
  const update: TypedUpdate<Person> = { $set: { tags: ['a'] } };
  await people.updateMany(filter, update);
  void bad;
}
