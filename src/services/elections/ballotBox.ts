import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * The cryptography of the ballot box (see the secrecy design in ./service.ts):
 * - `ballotId(voter, box, role)` = HMAC-SHA256(idKey, voter|box|role): the same voter gets the same id in a
 *   box (so a second ballot collides on _id), yet without the key nobody can tell whose id it is;
 * - `seal(text, context)` = AES-256-GCM with a random IV, the text padded to a fixed size, and the context
 *   (box and role, or the register entry) as associated data: equal choices look different, a ballot cannot
 *   be moved to another box or role, and its length says nothing about the choice.
 * Both keys are derived (HKDF-SHA256) from the one configured secret, ELECTION_BALLOT_KEY.
 */

const SALT = 'red-de-coaching/elecciones/v1';
const PAD_BLOCK = 256;
const VERSION = 'v1';

function derive(secret: string, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), SALT, purpose, 32));
}

/** Pads to the next multiple of PAD_BLOCK (at least one block) with spaces: JSON ignores trailing blanks. */
function pad(text: string): Buffer {
  const raw = Buffer.from(text, 'utf8');
  const size = Math.max(PAD_BLOCK, Math.ceil(raw.length / PAD_BLOCK) * PAD_BLOCK);
  return Buffer.concat([raw, Buffer.alloc(size - raw.length, 0x20)]);
}

export class BallotKeys {
  private readonly idKey: Buffer;
  private readonly sealKey: Buffer;

  constructor(secret: string) {
    if (secret.length < 16) throw new Error('The ballot key is too short');
    this.idKey = derive(secret, 'ballot-id');
    this.sealKey = derive(secret, 'ballot-seal');
  }

  /** The _id of a voter's ballot for one role in one ballot box (64 hex digits). */
  ballotId(voter: string, box: string, role: string): string {
    return createHmac('sha256', this.idKey).update(JSON.stringify(['ballot', voter, box, role])).digest('hex');
  }

  /** Encrypts a JSON text bound to `context` (a fresh random 96-bit IV each time). */
  seal(json: string, context: string): string {
    const iv = nextIv();
    const cipher = createCipheriv('aes-256-gcm', this.sealKey, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(pad(json)), cipher.final()]);
    return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
  }

  /** Decrypts what `seal` produced with the same context; null when it was altered, moved or sealed with another key. */
  open(sealed: string, context: string): string | null {
    const [version, iv, tag, body] = sealed.split('.');
    if (version !== VERSION || !iv || !tag || body === undefined) return null;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.sealKey, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8').trimEnd();
    } catch {
      return null;
    }
  }
}

/**
 * Random 96-bit IVs, taken from a buffer of the system CSPRNG refilled 4 KB at a time: one randomBytes call per
 * IV cost a system call per sealed ballot. Each IV is used once (the buffer advances), so they stay unique.
 */
const IV_BYTES = 12;
let ivPool = Buffer.alloc(0);
let ivOffset = 0;
function nextIv(): Buffer {
  if (ivOffset + IV_BYTES > ivPool.length) {
    ivPool = randomBytes(IV_BYTES * 341);
    ivOffset = 0;
  }
  const iv = Buffer.from(ivPool.subarray(ivOffset, ivOffset + IV_BYTES));
  ivOffset += IV_BYTES;
  return iv;
}
