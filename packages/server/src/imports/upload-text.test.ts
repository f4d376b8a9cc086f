import { describe, expect, it } from 'vitest';
import { joinText, uploadText } from './upload-text.ts';

const bytes = (...parts: number[][]) => parts.map((part) => Uint8Array.from(part));
async function* from(chunks: Uint8Array[]) {
  yield* chunks;
}

describe('uploadText', () => {
  it('decodes UTF-8 split anywhere, a character across two pieces included', async () => {
    const ż = [...new TextEncoder().encode('ż')];
    const text = await joinText(uploadText(from(bytes([0x61, ż[0]!], [ż[1]!, 0x62])), undefined, 100));
    expect(text).toBe('ażb');
  });

  it('refuses a body past the limit with a 413 naming the limit', async () => {
    const body = from(bytes(new Array(600).fill(0x61), new Array(600).fill(0x61)));
    await expect(joinText(uploadText(body, undefined, 1024))).rejects.toMatchObject({
      code: 'payload_too_large',
      message: 'the file is larger than the import limit of 1024 bytes',
    });
  });

  it('refuses a declared length past the limit before reading anything', async () => {
    let read = false;
    async function* body() {
      read = true;
      yield Uint8Array.of(0x61);
    }
    await expect(
      joinText(uploadText(body(), String(64 * 1024 * 1024 + 1), 64 * 1024 * 1024)),
    ).rejects.toThrow('the file is larger than the import limit of 64 MB');
    expect(read).toBe(false);
  });

  it('refuses bytes that are not UTF-8 with a 400', async () => {
    await expect(joinText(uploadText(from(bytes([0x61, 0xff])), undefined, 100))).rejects.toMatchObject({
      code: 'bad_request',
      message: 'the file is not UTF-8 text',
    });
  });
});
