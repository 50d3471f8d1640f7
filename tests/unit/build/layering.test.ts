import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { ESLint } from 'eslint';

/**
 * The layering rules of eslint.config.js, run on a one-line file placed in
 * each folder: lint must refuse the imports that would put the receiving
 * server or the demonstration lab into the customer's app.
 */
const eslint = new ESLint({ cwd: resolve(import.meta.dirname, '../../..') });

async function refusedImport(file: string, from: string): Promise<boolean> {
  const code = `import { x } from '${from}';\nexport const y = x;\n`;
  const [result] = await eslint.lintText(code, { filePath: file });
  return result!.messages.some((m) => m.ruleId === 'no-restricted-imports');
}

describe('layering', () => {
  it.each([
    ['electron/probe.ts', '../server/receiver'],
    ['electron/probe.ts', '../dev/dev-lab'],
    ['services/host/probe.ts', '../../dev/dev-lab'],
    ['src/lab/probe.ts', '../../dev/dev-lab'],
    ['renderer/probe.ts', '../dev/dev-lab'],
    ['dev/probe.ts', '../electron/lab'],
  ])(
    '%s may not import %s',
    async (file, from) => {
      expect(await refusedImport(file, from)).toBe(true);
    },
    30_000,
  );

  it.each([
    ['electron/probe.ts', '../services/host/create-host'],
    ['dev/probe.ts', '../server/receiver'],
    ['server/probe.ts', '../dev/dev-lab'],
  ])(
    '%s may import %s',
    async (file, from) => {
      expect(await refusedImport(file, from)).toBe(false);
    },
    30_000,
  );
});
