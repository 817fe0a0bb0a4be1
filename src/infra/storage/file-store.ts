import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * Where large working files live (lead CSV uploads, rejected-row reports), streamed in and out.
 * Keys are built by the application (tenant id / record id / fixed name), never from input.
 * API and worker must share it: a volume in Docker, a bucket for an S3-compatible store.
 */
export interface FileStore {
  /** Streams `source` into `key`, returning the bytes written. */
  write(key: string, source: Readable): Promise<number>;
  /** null when there is no such file. */
  read(key: string): Promise<Readable | null>;
  /** Deleting a missing file is not an error. */
  delete(key: string): Promise<void>;
}

export const FILE_STORE = Symbol('FILE_STORE');
const KEY = /^[0-9a-f-]{36}\/[0-9a-z-]{1,64}\/[a-z0-9.-]{1,40}$/;

export class LocalFileStore implements FileStore {
  private readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  private path(key: string): string {
    if (!KEY.test(key)) throw new Error(`invalid file key: ${key}`);
    return join(this.root, key);
  }

  async write(key: string, source: Readable): Promise<number> {
    const path = this.path(key);
    await mkdir(dirname(path), { recursive: true });
    const sink = createWriteStream(path, { mode: 0o600 });
    try {
      await pipeline(source, sink);
    } catch (err) {
      await rm(path, { force: true });
      throw err;
    }
    return sink.bytesWritten;
  }

  async read(key: string): Promise<Readable | null> {
    const path = this.path(key);
    try {
      await stat(path);
    } catch {
      return null;
    }
    return createReadStream(path);
  }

  async delete(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
  }
}
