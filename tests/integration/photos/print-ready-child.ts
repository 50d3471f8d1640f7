import { readFile } from 'node:fs/promises';
import { makePrintReady } from '../../../services/photos/print-ready';

/**
 * A fresh process making one print-ready image (print-ready.test.ts): prints its SHA-256.
 * Arguments: the photo's file and the plan's piece as JSON.
 */
const [photoPath, piecePath] = process.argv.slice(2);
const piece = JSON.parse(await readFile(piecePath!, 'utf8'));
const image = await makePrintReady(await readFile(photoPath!), piece);
console.log(image.sha256);
