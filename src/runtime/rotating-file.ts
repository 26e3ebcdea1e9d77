/**
 * An append-only file that rotates once it reaches `maxBytes`: file → file.1 (newest) → ... →
 * file.<keep>; with `keep` 0 the full file is removed. Each new file after a rotation starts
 * with `header()`. A write may split a chunk across two files. Errors are thrown to the caller
 * (the port log counts and reports them); the file is opened lazily, on the first append.
 */
import { promises as fs } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';

export class RotatingFile {
  private handle: FileHandle | null = null;
  private size = 0;

  constructor(
    private readonly file: string,
    private readonly maxBytes: number,
    private readonly keep: number,
    private readonly header: () => Buffer,
  ) {}

  /** Appends `data`; a newline that would be the very first byte of a file is left out. */
  async append(data: Buffer): Promise<void> {
    if (this.handle === null) await this.open();
    // Stamps and marks begin with a newline to end a partial device line; not at offset 0.
    let rest = this.size === 0 && data[0] === 0x0a ? data.subarray(1) : data;
    while (rest.length > 0) {
      if (this.size >= this.maxBytes) await this.rotate();
      const piece = rest.subarray(0, this.maxBytes - this.size);
      await this.writeAll(piece);
      rest = rest.subarray(piece.length);
    }
  }

  /** Closes the file; the next append opens it again. Never throws. */
  async close(): Promise<void> {
    const handle = this.handle;
    this.handle = null;
    if (handle !== null) await handle.close().catch(() => undefined);
  }

  private async writeAll(piece: Buffer): Promise<void> {
    let offset = 0;
    while (offset < piece.length) {
      const { bytesWritten } = await this.handle!.write(piece, offset, piece.length - offset);
      offset += bytesWritten;
      this.size += bytesWritten;
    }
  }

  private async open(): Promise<void> {
    await fs.mkdir(path.dirname(this.file), { recursive: true });
    const handle = await fs.open(this.file, 'a', 0o640);
    try {
      this.size = (await handle.stat()).size;
    } catch (err) {
      await handle.close().catch(() => undefined);
      throw err;
    }
    this.handle = handle;
  }

  private async rotate(): Promise<void> {
    await this.close();
    if (this.keep === 0) await fs.rm(this.file, { force: true });
    for (let i = this.keep - 1; i >= 1; i--) await renameIfPresent(`${this.file}.${i}`, `${this.file}.${i + 1}`);
    if (this.keep > 0) await renameIfPresent(this.file, `${this.file}.1`);
    await this.open();
    await this.writeAll(this.header());
  }
}

async function renameIfPresent(from: string, to: string): Promise<void> {
  try {
    await fs.rename(from, to);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}
