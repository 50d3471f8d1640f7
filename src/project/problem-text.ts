import { formatBytes, translate, type Locale, type MessageKey } from '../i18n/translate';
import type { LocationProblem } from './locations';
import type { ProjectProblem } from './read-project';

const LOCATION_KEYS: Record<LocationProblem, MessageKey> = {
  'not-absolute': 'project.location.notAbsolute',
  traversal: 'project.location.traversal',
  'control-characters': 'project.location.controlCharacters',
  'network-share': 'project.location.networkShare',
  'hidden-folder': 'project.location.hiddenFolder',
  'outside-photo-places': 'project.location.outsidePhotoPlaces',
};

/** Why a project file was refused, in the customer's language, naming what is wrong. */
export function projectProblemText(
  locale: Locale,
  problem: ProjectProblem,
  /** The app's name, for the messages that name it: the white-label lab's. */
  appName = 'Photo Dose',
): string {
  const t = (key: MessageKey, params?: Record<string, string | number>) =>
    translate(locale, key, { app: appName, ...params });
  switch (problem.code) {
    case 'too-large':
      return t('project.problem.tooLarge', {
        size: formatBytes(locale, problem.bytes),
        limit: formatBytes(locale, problem.limit),
      });
    case 'not-json':
      if (problem.truncated) return t('project.problem.truncated');
      return problem.position === null
        ? t('project.problem.notJsonAnywhere')
        : t('project.problem.notJson', { position: problem.position });
    case 'not-a-project':
      return t('project.problem.notAProject');
    case 'newer-version':
      return t('project.problem.newerVersion', {
        version: problem.version,
        supported: problem.supported,
      });
    case 'damaged':
      return t('project.problem.damaged', { where: problem.where });
    case 'too-many':
      return t('project.problem.tooMany', { where: problem.where, limit: problem.limit });
    case 'too-deep':
      return t('project.problem.tooDeep', { where: problem.where });
    case 'forbidden-key':
      return t('project.problem.forbiddenKey', { key: problem.key, where: problem.where });
    case 'broken-reference':
      return t('project.problem.brokenReference', { detail: problem.detail });
    case 'photo-mismatch':
      return t('project.problem.photoMismatch', { name: problem.name });
    case 'bad-location':
      return t('project.problem.badLocation', {
        name: problem.name,
        reason: t(LOCATION_KEYS[problem.reason]),
      });
  }
}
