import { useEffect } from 'react';
import { useAppStore, type AppState } from '../stores/app-store';
import type { HostClient } from '../host/client';
import { desktopMenus } from '../../src/commands/desktop-menus';
import { designerCommands } from '../../src/commands/designer-commands';
import { projectOnlyCommands } from '../../src/commands/project-commands';
import type { OutsideRequest } from '../../src/commands/editor';
import { runOutsideRequest } from '../stores/outside-requests';
import { openProjectFromSystem } from '../project/project-actions';

/** The book being designed, if the book designer is what the window shows. */
function designing(s: AppState) {
  return s.view === 'designer' && s.designKind === 'photoBook' && s.book !== null
    ? { ...s, book: s.book }
    : null;
}

/**
 * The desktop app's side of the window: keeps the native menu bar in step with the book (the
 * same commands, labels and enabled states as the toolbar, sent when they change), runs a
 * chosen menu item as its key would, and opens project files the system hands over. In a browser
 * the host has no menus, and nothing here runs.
 */
export function useDesktopShell(host: HostClient): void {
  useEffect(() => {
    let stopped = false;
    let sent = '';
    let queued = false;
    const offs: (() => void)[] = [];
    const sendMenu = () => {
      queued = false;
      const s = useAppStore.getState();
      const menu = {
        ...desktopMenus(designerCommands, designing(s), s.locale, projectOnlyCommands),
        textFocus: isTextField(document.activeElement),
      };
      const text = JSON.stringify(menu);
      if (stopped || text === sent) return;
      sent = text;
      host.invoke('app.menu', menu).catch(() => {
        sent = '';
      });
    };
    // A drag changes the store on every pointer move: the menu is worked out once per frame at most.
    const menuChanged = () => {
      if (queued) return;
      queued = true;
      requestAnimationFrame(sendMenu);
    };
    const takeOpened = async () => {
      const { file } = await host.invoke('app.takeOpenedFile', {});
      if (file && !stopped) await openProjectFromSystem(file);
    };
    host.invoke('app.info', {}).then(
      (info) => {
        if (stopped || info.transport !== 'electron') return;
        offs.push(useAppStore.subscribe(menuChanged));
        // Edit's undo and redo become the text field's while one has focus (electron/menu.ts).
        document.addEventListener('focusin', menuChanged);
        document.addEventListener('focusout', menuChanged);
        offs.push(() => {
          document.removeEventListener('focusin', menuChanged);
          document.removeEventListener('focusout', menuChanged);
        });
        offs.push(host.on('app.command', ({ id }) => runMenuCommand(id)));
        offs.push(host.on('app.fileOpened', () => void takeOpened()));
        sendMenu();
        void takeOpened();
      },
      () => {},
    );
    return () => {
      stopped = true;
      for (const off of offs) off();
    };
  }, [host]);
}

/** Input types whose text the system edits (undo, clipboard); not checkboxes, ranges or files. */
const TEXT_INPUTS = new Set(['text', 'email', 'tel', 'search', 'url', 'password', 'number']);

/** Whether focus is where the customer types text: an input, a textarea, an editable element. */
export function isTextField(element: Element | null): boolean {
  if (element instanceof HTMLTextAreaElement) return !element.readOnly;
  if (element instanceof HTMLInputElement)
    return TEXT_INPUTS.has(element.type) && !element.readOnly;
  return element instanceof HTMLElement && element.isContentEditable;
}

/** A menu item does what its key does on the screen that is showing. */
function runMenuCommand(id: string): void {
  const s = useAppStore.getState();
  if (designing(s)) s.perform(id);
  else if (projectOnlyCommands.commands.has(id)) runOutsideRequest(id as OutsideRequest);
}
