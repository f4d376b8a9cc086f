import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';

export type LineResult = Record<string, unknown>;

/** What a JSONL command does with one parsed object; throws JsonlInputError for bad input. */
export type LineHandler = (input: Record<string, unknown>) => LineResult;

export class JsonlInputError extends Error {}

function idOf(input: unknown, lineNumber: number): unknown {
  if (input && typeof input === 'object' && 'id' in input) {
    const id = (input as { id: unknown }).id;
    if (typeof id === 'string' || typeof id === 'number') return id;
  }
  return lineNumber;
}

function handleLine(line: string, lineNumber: number, handle: LineHandler): LineResult {
  if (line.trim() === '') return { id: lineNumber, error: `line ${lineNumber} is empty` };
  let input: unknown;
  try {
    input = JSON.parse(line);
  } catch {
    return { id: lineNumber, error: `line ${lineNumber} is not valid JSON` };
  }
  const id = idOf(input, lineNumber);
  if (!input || typeof input !== 'object' || Array.isArray(input)) {
    return { id, error: `line ${lineNumber} is not a JSON object` };
  }
  try {
    return { id, ...handle(input as Record<string, unknown>) };
  } catch (error) {
    if (error instanceof JsonlInputError) return { id, error: error.message };
    throw error;
  }
}

/**
 * Streams JSON lines from `input` to `output`, one result line per input line and in order; a bad
 * line yields `{id, error}` and processing goes on. Resolves when the input ends.
 */
export async function processJsonl(input: Readable, output: Writable, handle: LineHandler): Promise<void> {
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber++;
    const result = handleLine(line, lineNumber, handle);
    if (!output.write(`${JSON.stringify(result)}\n`)) {
      await new Promise<void>((resolve) => output.once('drain', resolve));
    }
  }
}

/** The `text` field of a JSONL input line, or a JsonlInputError saying what is wrong with it. */
export function requireText(input: Record<string, unknown>): string {
  if (!('text' in input)) throw new JsonlInputError('missing "text" (a string)');
  if (typeof input.text !== 'string') throw new JsonlInputError('"text" must be a string');
  return input.text;
}
