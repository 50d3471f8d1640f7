import { useEffect, useRef } from 'react';
import './project.css';
import { useAppStore } from '../stores/app-store';
import { useHost } from '../host-context';
import { currentAppName, useT } from '../i18n';
import { handleOutsideRequest, runOutsideRequest } from '../stores/outside-requests';
import { hasUnsavedChanges } from '../stores/project-slice';
import { commandForKey } from '../../src/commands/registry';
import { projectOnlyCommands } from '../../src/commands/project-commands';
import { commandLabel, commandTitle } from '../../src/commands/labels';
import { ariaShortcut } from '../../src/commands/shortcuts';
import type { OutsideRequest } from '../../src/commands/editor';
import { projectProblemText } from '../../src/project/problem-text';
import { PROJECT_EXTENSION } from '../../src/project/project-file';
import { isTextEntry, keyPressOf, platform } from '../platform';
import {
  PROJECT_INPUT_ID,
  openProjectDialog,
  openProjectFile,
  saveProject,
} from '../project/project-actions';
import { startAutosave } from '../project/autosave';
import { setProjectHost } from '../project/restore-photos';
import { MissingPhotos } from './MissingPhotos';

/**
 * Ctrl+S, Ctrl+Shift+S and Ctrl+O where the book designer is not open (start screen, prints,
 * canvas): the designer's own key handler runs the same registered commands there.
 */
function onProjectKey(event: KeyboardEvent) {
  const { view, designKind } = useAppStore.getState();
  if (view === 'designer' && designKind === 'photoBook') return;
  if (event.target && isTextEntry(event.target)) return;
  const command = commandForKey(projectOnlyCommands, keyPressOf(event), platform);
  if (!command) return;
  event.preventDefault();
  runOutsideRequest(command.id as OutsideRequest);
}

/**
 * The project around every screen: the save and open handlers, autosave and the recovery copy,
 * the fallback file input, and the messages about files (a refused file, a failed save, missing
 * photos). Rendered once by the App.
 */
export function ProjectControls() {
  const t = useT();
  const host = useHost();
  const locale = useAppStore((s) => s.locale);
  const openProblem = useAppStore((s) => s.openProblem);
  const saveProblem = useAppStore((s) => s.saveProblem);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    setProjectHost(host);
    const offs = [
      handleOutsideRequest('project.save', () => void saveProject(false)),
      handleOutsideRequest('project.saveAs', () => void saveProject(true)),
      handleOutsideRequest('project.open', () => void openProjectDialog()),
      startAutosave(),
    ];
    window.addEventListener('keydown', onProjectKey);
    return () => {
      for (const off of offs) off();
      window.removeEventListener('keydown', onProjectKey);
      setProjectHost(null);
    };
  }, [host]);

  return (
    <>
      <input
        ref={input}
        id={PROJECT_INPUT_ID}
        type="file"
        accept={`${PROJECT_EXTENSION},application/json`}
        hidden
        data-testid="project-input"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void openProjectFile(file, null);
        }}
      />
      {/* Pinned to the top of the window: a refusal is seen wherever the page is scrolled. */}
      <div className="project-notices">
        {openProblem && (
          <div className="banner project-banner" role="alert">
            <p>
              {t('project.openFailed', {
                file: openProblem.file,
                reason: projectProblemText(locale, openProblem.problem, currentAppName()),
              })}
            </p>
            <button onClick={() => useAppStore.getState().dismissOpenProblem()}>
              {t('project.dismiss')}
            </button>
          </div>
        )}
        {saveProblem && (
          <div className="banner project-banner" role="alert">
            <p>{t('project.saveFailed', { reason: saveProblem })}</p>
            <button onClick={() => useAppStore.getState().setSaveProblem(null)}>
              {t('project.dismiss')}
            </button>
          </div>
        )}
      </div>
      <MissingPhotos />
    </>
  );
}

/** A button for a project command, with its shortcut in the tooltip as every command button has. */
function ProjectButton({ id }: { id: OutsideRequest }) {
  const locale = useAppStore((s) => s.locale);
  const command = projectOnlyCommands.commands.get(id)!;
  const shortcut = command.shortcuts?.[0];
  return (
    <button
      onClick={() => runOutsideRequest(id)}
      title={commandTitle(command, platform, locale)}
      aria-keyshortcuts={shortcut ? ariaShortcut(shortcut, platform) : undefined}
    >
      {commandLabel(command, locale)}
    </button>
  );
}

/** Save and open in a toolbar, with where the project stands ("saved as ... at 14:02"). */
export function ProjectButtons() {
  const t = useT();
  const locale = useAppStore((s) => s.locale);
  const file = useAppStore((s) => s.projectFile);
  const savedAt = useAppStore((s) => s.savedAt);
  const unsaved = useAppStore(hasUnsavedChanges);
  const time =
    savedAt === null
      ? ''
      : new Date(savedAt).toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
  const status =
    unsaved || !file
      ? t('project.status.unsaved')
      : t(
          file.writable
            ? 'project.status.saved'
            : file.downloaded
              ? 'project.status.savedToDownloads'
              : 'project.status.opened',
          { file: file.name, time },
        );
  return (
    <span className="toolbar-group project-buttons">
      <ProjectButton id="project.save" />
      <ProjectButton id="project.open" />
      <span className="note project-status" role="status">
        {status}
      </span>
    </span>
  );
}
