import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, rmdir, stat } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * Where files live: lead CSV uploads and rejected-row reports (DATA_DIR), media originals and
 * thumbnails (MEDIA_DIR). Keys are built by the application (tenant id / record id / name),
 * never taken from input, and each store checks them against its own pattern before any I/O.
 * API and worker must share the place: a volume in Docker. An S3-compatible store would
 * implement the same three methods with PutObject (multipart for streams), GetObject and
 * DeleteObject.
 */
export interface FileStore {
  /** Streams `source` into `key`; readers never see half a file. Returns the bytes written. */
  write(key: string, source: Readable | Buffer): Promise<number>;
  /** null when there is no such file. */
  read(key: string): Promise<{ stream: Readable; size: number } | null>;
  /** Deleting a missing file is not an error. */
  delete(key: string): Promise<void>;
}

/** Lead imports' working files (DATA_DIR). */
export const FILE_STORE = Symbol('FILE_STORE');
/** `<tenant uuid>/<record id>/<name>`. */
export const DATA_FILE_KEY = /^[0-9a-f-]{36}\/[0-9a-z-]{1,64}\/[a-z0-9.-]{1,40}$/;

/** A FileStore on a local (or mounted, shared) directory: one file per key. */
export class LocalFileStore implements FileStore {
  private readonly root: string;

  constructor(
    root: string,
    private readonly keyPattern: RegExp,
  ) {
    this.root = resolve(root);
  }

  /** Written under a temporary name and renamed, so a reader never sees half a file. */
  async write(key: string, source: Readable | Buffer): Promise<number> {
    const path = this.path(key);
    await mkdir(dirname(path), { recursive: true });
    const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    const sink = createWriteStream(tmp, { mode: 0o600 });
    try {
      await pipeline(Buffer.isBuffer(source) ? Readable.from([source]) : source, sink);
      await rename(tmp, path);
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
    return sink.bytesWritten;
  }

  async read(key: string): Promise<{ stream: Readable; size: number } | null> {
    const path = this.path(key);
    try {
      const s = await stat(path);
      return s.isFile() ? { stream: createReadStream(path), size: s.size } : null;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    const path = this.path(key);
    await rm(path, { force: true });
    // A record's directory goes with its last file.
    await rmdir(dirname(path)).catch(() => undefined);
  }

  /** Keys are checked against the store's pattern, and the path to stay under the root. */
  private path(key: string): string {
    if (!this.keyPattern.test(key)) throw new Error(`invalid file key ${JSON.stringify(key)}`);
    const path = resolve(join(this.root, key));
    if (!path.startsWith(this.root + sep)) throw new Error('file key escapes the storage directory');
    return path;
  }
}
