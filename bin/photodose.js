#!/usr/bin/env node
// The command line runs the TypeScript sources through tsx, so `npx photodose`
// works straight after `npm ci`, with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../server/cli.ts');
try {
  await main(process.argv.slice(2));
} catch (error) {
  console.error(`photodose: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
