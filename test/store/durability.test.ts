import { type ChildProcess, spawn } from 'node:child_process';
import { appendFile, chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { EmbeddedStore } from '../../src/store/embeddedStore.js';
import { type BaseDoc, DuplicateKeyError, StoreAccessError, StoreCorruptedError } from '../../src/store/types.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');
const writerScript = path.join(here, 'fixtures', 'ackWriter.ts');

const tempDirs: string[] = [];
const children: ChildProcess[] = [];

async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

afterEach(() => {
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
});

afterAll(async () => {
  for (const dir of tempDirs) {
    await chmod(dir, 0o700).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  }
});

async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected the promise to reject');
}

/** A store with five documents in collection `people`, closed; returns the collection file. */
async function seededDir(): Promise<{ dir: string; file: string }> {
  const dir = await tempDir('store-durability-');
  const store = await EmbeddedStore.open({ dataDir: dir });
  const people = store.collection<BaseDoc & { n: number }>('people');
  for (let n = 1; n <= 5; n++) await people.insertOne({ _id: `p${n}`, n });
  await store.close();
  return { dir, file: path.join(dir, 'people.db') };
}

async function readPeople(dir: string): Promise<string[]> {
  const store = await EmbeddedStore.open({ dataDir: dir });
  try {
    return (await store.collection('people').find({}, { sort: { _id: 1 } })).map((d) => d._id);
  } finally {
    await store.close();
  }
}

describe('embedded store durability', () => {
  it('keeps every acknowledged write when the writing process is killed with SIGKILL', async () => {
    const dir = await tempDir('store-kill-');
    const child = spawn(process.execPath, ['--import', 'tsx', writerScript, dir], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

    const acked: number[] = [];
    const killAfter = 150;
    await new Promise<void>((resolve, reject) => {
      let buffer = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        buffer += chunk;
        const lines = buffer.split('\n');
        buffer = lines.pop() ?? '';
        for (const line of lines) {
          const m = /^ack (\d+)$/.exec(line);
          if (m) acked.push(Number(m[1]));
        }
        if (acked.length >= killAfter && child.exitCode === null) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.once('exit', (code, signal) => {
        if (acked.length < killAfter) reject(new Error(`writer exited early (code ${code}, signal ${signal}): ${stderr}`));
      });
    });
    await exited;
    expect(child.signalCode).toBe('SIGKILL');

    const store = await EmbeddedStore.open({ dataDir: dir });
    try {
      const items = store.collection<BaseDoc & { n: number; payload: string; at: Date }>('items');
      const lastAcked = acked[acked.length - 1]!;
      const found = await items.find({ n: { $lte: lastAcked } }, { sort: { n: 1 } });
      expect(found.map((d) => d.n)).toEqual(acked);
      for (const doc of found) {
        expect(doc.payload.startsWith(`p${doc.n}-`)).toBe(true);
        expect(doc.payload).toHaveLength(4096);
        expect(doc.at).toEqual(new Date(Date.UTC(2024, 0, 1) + doc.n));
      }
      const counter = await store.collection<BaseDoc & { last: number }>('counters').findOne({ _id: 'counter' });
      expect(counter?.last).toBeGreaterThanOrEqual(lastAcked);
      // The store is writable again after the crash.
      await items.insertOne({ _id: 'after-crash', n: -1, payload: '', at: new Date() });
    } finally {
      await store.close();
    }
    expect(await readFile(path.join(dir, 'items.db'), 'utf8')).toContain('after-crash');
  });

  it('drops a torn last line (an incomplete final write) and loads the rest', async () => {
    const { dir, file } = await seededDir();
    await appendFile(file, '{"_id":"torn","n":6,"na');
    expect(await readPeople(dir)).toEqual(['p1', 'p2', 'p3', 'p4', 'p5']);
    // The file is whole again: new writes land on their own line and survive another reopen.
    const store = await EmbeddedStore.open({ dataDir: dir });
    await store.collection<BaseDoc>('people').insertOne({ _id: 'p6' });
    await store.close();
    expect(await readPeople(dir)).toEqual(['p1', 'p2', 'p3', 'p4', 'p5', 'p6']);
  });

  it('keeps the writes made after a compaction (appends go to the new file, not the replaced one)', async () => {
    const dir = await tempDir('store-compact-');
    const store = await EmbeddedStore.open({ dataDir: dir });
    const people = store.collection<BaseDoc & { n: number }>('people');
    await people.insertOne({ _id: 'p1', n: 1 });
    await people.updateOne({ _id: 'p1' }, { $set: { n: 2 } });
    await store.compact('people');
    await people.insertOne({ _id: 'p2', n: 1 });
    await store.compact('people');
    await store.compact('people');
    await people.insertOne({ _id: 'p3', n: 1 });
    // Read the file as another process would, before any close: every acknowledged write is there.
    const lines = (await readFile(path.join(dir, 'people.db'), 'utf8')).split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { _id?: string })._id);
    expect(lines).toEqual(['p1', 'p2', 'p3']);
    await store.close();
    expect(await readPeople(dir)).toEqual(['p1', 'p2', 'p3']);
  });

  it('refuses to open a collection file with garbage in the middle, naming the file and what to do', async () => {
    const { dir, file } = await seededDir();
    const lines = (await readFile(file, 'utf8')).split('\n');
    lines.splice(2, 0, 'esto no es JSON {{{');
    await writeFile(file, lines.join('\n'));
    const before = await readFile(file, 'utf8');

    const err = await rejection(EmbeddedStore.open({ dataDir: dir }));
    expect(err).toBeInstanceOf(StoreCorruptedError);
    expect((err as StoreCorruptedError).file).toBe(file);
    expect(err.message).toContain(file);
    expect(err.message).toContain('línea 3');
    expect(err.message).toMatch(/Restaure el respaldo/);
    // Nothing was dropped or rewritten: the operator can still recover the file as it was.
    expect(await readFile(file, 'utf8')).toBe(before);
  });

  it('refuses to open a file whose documents break one of its unique indexes', async () => {
    const dir = await tempDir('store-dupfile-');
    const file = path.join(dir, 'people.db');
    await writeFile(
      file,
      [
        JSON.stringify({ $$indexCreated: { fieldName: 'email', unique: true } }),
        JSON.stringify({ _id: 'a', email: 'x@ine.mx' }),
        JSON.stringify({ _id: 'b', email: 'x@ine.mx' }),
        '',
      ].join('\n'),
    );
    const err = await rejection(EmbeddedStore.open({ dataDir: dir }));
    expect(err).toBeInstanceOf(StoreCorruptedError);
    expect(err.message).toContain(file);
  });

  it('fails with a clear message when a collection file cannot be read', async () => {
    const dir = await tempDir('store-unreadable-');
    await mkdir(path.join(dir, 'people.db'));
    const err = await rejection(EmbeddedStore.open({ dataDir: dir }));
    expect(err).toBeInstanceOf(StoreCorruptedError);
    expect(err.message).toContain(path.join(dir, 'people.db'));
  });

  it('fails with a clear message when the data directory cannot be created', async () => {
    const base = await tempDir('store-baddir-');
    const aFile = path.join(base, 'not-a-dir');
    await writeFile(aFile, 'x');
    for (const dataDir of [aFile, path.join(aFile, 'data')]) {
      const err = await rejection(EmbeddedStore.open({ dataDir }));
      expect(err).toBeInstanceOf(StoreAccessError);
      expect(err.message).toContain(dataDir);
      expect(err.message).toMatch(/DATA_DIR/);
      expect(err.message).toMatch(/leer y escribir/);
    }
  });

  const isRoot = process.getuid?.() === 0;
  it.skipIf(isRoot)(
    `fails with a clear message when the data directory is not writable${isRoot ? ' (skipped: running as root, which ignores file permissions)' : ''}`,
    async () => {
      const base = await tempDir('store-readonly-');
      const dataDir = path.join(base, 'data');
      await mkdir(dataDir);
      await chmod(dataDir, 0o500);
      const err = await rejection(EmbeddedStore.open({ dataDir }));
      expect(err).toBeInstanceOf(StoreAccessError);
      expect(err.message).toContain(dataDir);
    },
  );

  it('keeps unique indexes and data when a crash leaves only the compaction temp file', async () => {
    const { dir, file } = await seededDir();
    const store = await EmbeddedStore.open({ dataDir: dir });
    await store.ensureIndexes('people', [{ fields: ['n'], unique: true }]);
    await store.close();
    // A crash between writing the compacted copy and renaming it over the data file.
    await writeFile(`${file}~`, await readFile(file));
    await rm(file);
    const again = await EmbeddedStore.open({ dataDir: dir });
    try {
      const people = again.collection<BaseDoc & { n: number }>('people');
      expect(await people.countDocuments({})).toBe(5);
      await expect(people.insertOne({ _id: 'dup', n: 1 })).rejects.toBeInstanceOf(DuplicateKeyError);
    } finally {
      await again.close();
    }
  });
});
