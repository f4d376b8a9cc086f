import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { isProcessAlive } from '../db/folder-lock.ts';

/**
 * A running server announces itself in `<dataDir>/server.json`, so a second process never opens the
 * embedded database while the server holds it (two PGlite instances on one folder corrupt it).
 */
const SERVER_FILE = 'server.json';

/** The header that carries the secret of server.json to the local routes. */
export const LOCAL_SECRET_HEADER = 'x-calmdesk-local-secret';

const ServerFileSchema = z.object({
  pid: z.number().int().positive(),
  url: z.string().url(),
  secret: z.string().min(16),
  startedAt: z.string(),
});
export type ServerFile = z.infer<typeof ServerFileSchema>;

export function serverFilePath(dataDir: string): string {
  return join(dataDir, SERVER_FILE);
}

/** Writes server.json readable by its owner only; written whole, so a reader never sees half a file. */
export function writeServerFile(dataDir: string, url: string): ServerFile {
  const file: ServerFile = {
    pid: process.pid,
    url,
    secret: randomBytes(32).toString('base64url'),
    startedAt: new Date().toISOString(),
  };
  const path = serverFilePath(dataDir);
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  renameSync(temporary, path);
  return file;
}

/** Removes server.json if it is still ours (a later server may have replaced a stale one). */
export function removeServerFile(dataDir: string, secret: string): void {
  if (readServerFile(dataDir)?.secret !== secret) return;
  try {
    unlinkSync(serverFilePath(dataDir));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

export function readServerFile(dataDir: string): ServerFile | null {
  let text: string;
  try {
    text = readFileSync(serverFilePath(dataDir), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    return ServerFileSchema.parse(JSON.parse(text));
  } catch {
    return null;
  }
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(new URL('/api/health', url), { signal: AbortSignal.timeout(3000) });
    return response.ok;
  } catch {
    return false;
  }
}

export class ServerBusyError extends Error {}

/**
 * The server that holds this data folder, or null when none does (no server.json, or a stale one
 * left by a crash). A live process that does not answer is an error: opening the folder could
 * corrupt it, and guessing is worse than asking the user.
 */
export async function findRunningServer(dataDir: string): Promise<ServerFile | null> {
  const file = readServerFile(dataDir);
  if (!file) return null;
  if (!isProcessAlive(file.pid)) return null;
  if (await answers(file.url)) return file;
  throw new ServerBusyError(
    `${serverFilePath(dataDir)} names process ${file.pid}, which is running but does not answer at ${file.url}; ` +
      'stop that server, or delete the file if that process is not CalmDesk',
  );
}

/** The loopback address a local client uses to reach a server listening on `host`. */
export function loopbackUrl(host: string, port: number): string {
  return host === '::1' || host === '[::1]' ? `http://[::1]:${port}` : `http://127.0.0.1:${port}`;
}
