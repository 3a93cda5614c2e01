/** Writing user files so that a crash or a full disk never leaves half a file: write a temporary sibling, then rename over. */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/** Writes `content` to `file` atomically (a temporary file in the same folder renamed over it), creating folders as needed. */
export async function writeFileAtomic(file: string, content: string | Uint8Array): Promise<void> {
  const dir = path.dirname(file);
  await fs.mkdir(dir, { recursive: true });
  // Same folder, so the rename stays on one file system and is atomic; the pid and a counter keep writers apart.
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${++counter}.tmp`);
  try {
    await fs.writeFile(temp, content);
    await fs.rename(temp, file);
  } catch (e) {
    await fs.rm(temp, { force: true });
    throw e;
  }
}

let counter = 0;
