import { spawnSync } from 'node:child_process';
import { readLabFolder } from '../services/lab/lab-folder';
import { distArguments, distPlan } from './dist-plan';

/**
 * `npm run dist -- [--lab NAME] [electron-builder arguments]`: the installers for the lab of
 * assets/labs/NAME/ (Photo Dose by default, or PHOTODOSE_LAB). The lab folder is checked
 * first; each step stops the release when it fails.
 */
async function main(argv: string[]): Promise<number> {
  const { lab, builderArgs } = distArguments(argv, process.env);
  const plan = distPlan(await readLabFolder(lab), builderArgs, process.env);
  const env = { ...process.env, ...plan.env };
  for (const step of plan.steps) {
    console.log(`dist (${plan.lab}): ${step.what}: ${step.command.join(' ')}`);
    const [command, ...args] = step.command;
    // npm and npx are scripts on Windows: run through the shell there.
    const done = spawnSync(command!, args, {
      env,
      stdio: 'inherit',
      shell: process.platform === 'win32',
    });
    if (done.status !== 0) {
      console.error(`dist (${plan.lab}): ${step.what} failed`);
      return done.status ?? 1;
    }
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(`dist: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
