import { createPublicKey, type KeyObject, sign, verify } from 'node:crypto';
import { type CheckpointFile, CheckpointFileSchema, type CheckpointHeads } from '@calmdesk/contracts';
import { canonicalJson, sha256Hex } from '../cases/chain.ts';

const FORMAT = 'calmdesk-checkpoint/1';

/** What the signature covers: everything in the file but the key and the signature themselves. */
function signedText(file: Pick<CheckpointFile, 'format' | 'createdAt' | 'digest' | 'heads'>): Buffer {
  const { format, createdAt, digest, heads } = file;
  return Buffer.from(canonicalJson({ format, createdAt, digest, heads }), 'utf8');
}

function headsDigest(heads: CheckpointHeads): string {
  return sha256Hex(canonicalJson(heads));
}

function publicPem(key: KeyObject): string {
  const publicKey = key.type === 'public' ? key : createPublicKey(key);
  return publicKey.export({ type: 'spki', format: 'pem' }).toString();
}

/** A checkpoint of these heads, signed with the owner's Ed25519 key. */
export function signCheckpoint(
  heads: CheckpointHeads,
  createdAt: Date,
  privateKey: KeyObject,
): CheckpointFile {
  const unsigned = {
    format: FORMAT,
    createdAt: createdAt.toISOString(),
    digest: headsDigest(heads),
    heads,
  } as const;
  return {
    ...unsigned,
    publicKey: publicPem(privateKey),
    signature: sign(null, signedText(unsigned), privateKey).toString('base64'),
  };
}

export class CheckpointError extends Error {}

/**
 * The heads of a checkpoint file, once its digest and signature hold and it was signed by the key the
 * owner trusts: the key inside the file alone proves nothing, as whoever forged a log could sign with
 * a key of their own.
 */
export function readCheckpoint(text: string, trusted: KeyObject): CheckpointFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CheckpointError('the checkpoint file is not JSON');
  }
  const parsed = CheckpointFileSchema.safeParse(json);
  if (!parsed.success) throw new CheckpointError('the file is not a CalmDesk checkpoint');
  const file = parsed.data;
  if (headsDigest(file.heads) !== file.digest)
    throw new CheckpointError("the checkpoint's digest does not match its heads");
  let signer: KeyObject;
  try {
    signer = createPublicKey(file.publicKey);
  } catch {
    throw new CheckpointError("the checkpoint's public key cannot be read");
  }
  if (!verify(null, signedText(file), signer, Buffer.from(file.signature, 'base64')))
    throw new CheckpointError("the checkpoint's signature does not match its content");
  if (publicPem(signer) !== publicPem(trusted))
    throw new CheckpointError('the checkpoint was signed with a key other than the one you trust');
  return file;
}
