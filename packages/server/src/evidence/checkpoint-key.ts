import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';

export class CheckpointKeyError extends Error {}

/** Where the public half of a signing key is written beside it, for the owner to keep elsewhere. */
export function publicKeyPathOf(keyPath: string): string {
  return `${keyPath}.pub`;
}

/**
 * The owner's Ed25519 signing key, created (0600, in a 0700 folder) on first use. It must live outside
 * the database folder: someone who can copy or rewrite the database should not find the key beside it.
 */
export function loadSigningKey(
  keyPath: string,
  dataDir: string,
): { privateKey: KeyObject; created: boolean } {
  const path = resolve(keyPath);
  const inside = relative(resolve(dataDir), path);
  if (!inside.startsWith('..') && !inside.startsWith('/'))
    throw new CheckpointKeyError(`the checkpoint key ${path} must be kept outside the database folder`);
  if (existsSync(path)) return { privateKey: readPrivateKey(path), created: false };
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  writeFileSync(path, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
  chmodSync(path, 0o600);
  writeFileSync(publicKeyPathOf(path), publicKey.export({ type: 'spki', format: 'pem' }), { mode: 0o644 });
  return { privateKey, created: true };
}

function readPrivateKey(path: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey(readFileSync(path));
  } catch {
    throw new CheckpointKeyError(`${path} is not a private key`);
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new CheckpointKeyError(`${path} is not an Ed25519 key`);
  return key;
}

/**
 * The public key checkpoints must be signed with: the one in `publicKeyPath` when given (the owner's
 * own copy), else the public half of the signing key; undefined when there is neither.
 */
export function loadTrustedKey(options: {
  publicKeyPath?: string | undefined;
  keyPath: string;
}): KeyObject | undefined {
  if (options.publicKeyPath) {
    try {
      return createPublicKey(readFileSync(options.publicKeyPath));
    } catch {
      throw new CheckpointKeyError(`${options.publicKeyPath} is not a public key`);
    }
  }
  return existsSync(options.keyPath) ? createPublicKey(readPrivateKey(options.keyPath)) : undefined;
}
