import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { randomBytes } from 'node:crypto';
import { MEDIA_KEY, type MediaStorage } from './media-storage.js';

/**
 * MediaStorage on a local (or mounted, shared) directory: one file per key, written to a
 * temporary name and renamed so a reader never sees half a file. An S3-compatible store would
 * implement the same three methods with PutObject/GetObject/DeleteObject.
 */
export class LocalMediaStorage implements MediaStorage {
  private readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  async put(key: string, data: Buffer): Promise<void> {
    const path = this.path(key);
    await mkdir(dirname(path), { recursive: true });
    const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(tmp, data, { mode: 0o640 });
    await rename(tmp, path);
  }

  async get(key: string) {
    const path = this.path(key);
    try {
      const { size, isFile } = await stat(path).then((s) => ({ size: s.size, isFile: s.isFile() }));
      if (!isFile) return null;
      return { stream: createReadStream(path), size };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    const path = this.path(key);
    await rm(path, { force: true });
    // The asset's directory goes with its last file.
    await rmdir(dirname(path)).catch(() => undefined);
  }

  /** Keys are validated against MEDIA_KEY, and the path checked to stay under the root. */
  private path(key: string): string {
    if (!MEDIA_KEY.test(key)) throw new Error(`invalid media key ${JSON.stringify(key)}`);
    const path = resolve(join(this.root, key));
    if (!path.startsWith(this.root + sep)) throw new Error('media key escapes the media directory');
    return path;
  }
}
