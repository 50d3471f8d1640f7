import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { decryptedName } from '../../src/order/decrypted-name';
import type { OrderFile } from '../../src/order/manifest';

/** Checks every photo against the manifest: size and SHA-256. Returns the problems found. */
export async function verifyOrderFolder(
  dir: string,
  manifest: { files: readonly OrderFile[] },
): Promise<string[]> {
  const problems: string[] = [];
  for (const file of manifest.files) {
    const path = join(dir, decryptedName(file.name, file.mime));
    const info = await stat(path).catch(() => undefined);
    if (!info) {
      problems.push(`${file.name}: missing`);
      continue;
    }
    if (info.size !== file.byteSize) {
      problems.push(`${file.name}: ${info.size} bytes, manifest says ${file.byteSize}`);
      continue;
    }
    const hash = createHash('sha256');
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
    const digest = hash.digest('hex');
    if (digest !== file.sha256) {
      problems.push(`${file.name}: SHA-256 differs from the manifest`);
      continue;
    }
    if (file.printReady) {
      const problem = await printReadyProblem(path, file.printReady);
      if (problem) problems.push(`${file.name}: ${problem}`);
    }
  }
  return problems;
}

/**
 * A print-ready image is cut into the print by the part of the photo the manifest says it covers,
 * so it must be the JPEG of the size the manifest gives: else the print would be shifted.
 */
async function printReadyProblem(
  path: string,
  ready: NonNullable<OrderFile['printReady']>,
): Promise<string | undefined> {
  const meta = await sharp(path)
    .metadata()
    .catch(() => undefined);
  if (meta?.format !== 'jpeg') return 'a print-ready image that is not a JPEG';
  if (meta.width !== ready.widthPx || meta.height !== ready.heightPx) {
    return `print-ready image of ${meta.width} x ${meta.height} pixels, manifest says ${ready.widthPx} x ${ready.heightPx}`;
  }
  return undefined;
}
