import type { Readable, Writable } from 'node:stream';

/** Where a command reads and writes: the process's streams and environment, or a test's. */
export interface CliIo {
  stdout: Writable;
  stderr: Writable;
  stdin: Readable;
  /** The environment configuration is read from (DATABASE_URL, LOG_LEVEL, …). */
  env: Record<string, string | undefined>;
}

export interface Command {
  name: string;
  summary: string;
  run(args: string[], io: CliIo): Promise<number>;
}

/** The process's own streams and environment, with any of them replaced. */
export function resolveIo(io: Partial<CliIo> = {}): CliIo {
  return {
    stdout: io.stdout ?? process.stdout,
    stderr: io.stderr ?? process.stderr,
    stdin: io.stdin ?? process.stdin,
    env: io.env ?? process.env,
  };
}

/** Writes the text and a newline, as console.log does. */
export function writeLine(stream: Writable, text: string): void {
  stream.write(`${text}\n`);
}
