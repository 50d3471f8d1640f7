import { join } from 'node:path';
import { labCheckout } from '../src/lab/lab-config';
import { DEFAULT_LAB, labName, type LabFolder } from '../services/lab/lab-folder';

/** What `npm run dist` runs, in order, and with which environment. */
export interface DistPlan {
  lab: string;
  /** Added to the environment of every step: the lab for the build and the release check. */
  env: Record<string, string>;
  steps: { what: string; command: string[] }[];
}

/**
 * Splits `npm run dist -- [--lab NAME] [electron-builder arguments]`: the lab from `--lab`
 * (or PHOTODOSE_LAB), everything else for electron-builder (`--win nsis --x64`, ...).
 */
export function distArguments(
  argv: readonly string[],
  env: Record<string, string | undefined>,
): { lab: string; builderArgs: string[] } {
  const builderArgs: string[] = [];
  let named: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--lab') {
      named = argv[++i];
      if (named === undefined) throw new Error('--lab needs the name of a folder of assets/labs/');
    } else if (arg.startsWith('--lab=')) {
      named = arg.slice('--lab='.length);
    } else {
      builderArgs.push(arg);
    }
  }
  return { lab: labName(named ?? env.PHOTODOSE_LAB), builderArgs };
}

/**
 * The steps of a release for one lab folder: the release check copies its lab.json into the
 * app (out/release/lab.json), the build takes its catalog, name, logo and colours
 * (PHOTODOSE_LAB, electron.vite.config.ts), and electron-builder names the installer, its
 * update feed and its Windows publisher after the lab (overrides of electron-builder.yml).
 */
export function distPlan(
  folder: LabFolder,
  builderArgs: readonly string[],
  env: Record<string, string | undefined>,
): DistPlan {
  const labFile = join('assets', 'labs', folder.name, 'lab.json');
  // The release workflow names the file itself: it must be the same lab's.
  const named = env.PHOTODOSE_RELEASE_LAB;
  if (named && named.replace(/\\/g, '/') !== labFile.replace(/\\/g, '/')) {
    throw new Error(`PHOTODOSE_RELEASE_LAB is ${named}, but the lab built is ${folder.name}`);
  }
  const { config } = folder;
  const seller = labCheckout(config).seller;
  const overrides = [
    `-c.productName=${config.name}`,
    // Photo Dose keeps the id installs have; another lab's app installs beside it.
    `-c.appId=de.photodose.orders${folder.name === DEFAULT_LAB ? '' : `.${config.id}`}`,
    `-c.win.signtoolOptions.publisherName=${seller.name}`,
    `-c.linux.maintainer=${seller.name} <${config.support.email}>`,
    ...(config.updateUrl ? [`-c.publish.url=${config.updateUrl}`] : []),
  ];
  return {
    lab: folder.name,
    env: { PHOTODOSE_LAB: folder.name, PHOTODOSE_RELEASE_LAB: labFile },
    steps: [
      { what: 'release lab check', command: ['npm', 'run', 'release:lab'] },
      { what: 'build', command: ['npm', 'run', 'build'] },
      {
        what: 'installers',
        command: ['npx', 'electron-builder', ...overrides, ...builderArgs],
      },
    ],
  };
}
