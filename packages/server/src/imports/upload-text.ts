import { AppError } from '../errors.ts';

/**
 * An upload as UTF-8 text, piece by piece as it arrives, so a large file is never held whole. Past
 * the limit (declared in Content-Length or counted) it fails with a 413 naming the limit; bytes that
 * are not UTF-8 fail with a 400.
 */
export async function* uploadText(
  body: AsyncIterable<Uint8Array>,
  declaredLength: string | undefined,
  limitBytes: number,
): AsyncGenerator<string> {
  const tooLarge = () => tooLargeForImport(limitBytes);
  if (isDeclaredPastLimit(declaredLength, limitBytes)) throw tooLarge();
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const decode = (chunk?: Uint8Array) => {
    try {
      return chunk ? decoder.decode(chunk, { stream: true }) : decoder.decode();
    } catch {
      throw new AppError('bad_request', 'the file is not UTF-8 text', undefined, {
        reason: 'import_not_utf8',
      });
    }
  };
  let bytes = 0;
  for await (const chunk of body) {
    bytes += chunk.byteLength;
    if (bytes > limitBytes) throw tooLarge();
    yield decode(chunk);
  }
  yield decode();
}

export function isDeclaredPastLimit(declaredLength: string | undefined, limitBytes: number): boolean {
  return Number(declaredLength) > limitBytes;
}

export function tooLargeForImport(limitBytes: number): AppError {
  return new AppError(
    'payload_too_large',
    `the file is larger than the import limit of ${megabytes(limitBytes)}`,
  );
}

/** The pieces as one text (an ICS calendar is read whole). */
export async function joinText(pieces: AsyncIterable<string>): Promise<string> {
  let text = '';
  for await (const piece of pieces) text += piece;
  return text;
}

function megabytes(bytes: number): string {
  const mb = bytes / 1024 / 1024;
  return mb >= 1 ? `${Number(mb.toFixed(1))} MB` : `${bytes} bytes`;
}
