import { useEffect, useRef } from 'react';
import { useCommand } from './use-command';
import { useT } from '../i18n';

interface Props {
  /** Where the pointer was, in viewport pixels. */
  x: number;
  y: number;
  /** Registered commands, in the order the menu lists them. */
  commandIds: readonly string[];
  onClose(): void;
}

function MenuItem({ id, onClose }: { id: string; onClose(): void }) {
  const command = useCommand(id);
  return (
    <li role="none">
      <button
        role="menuitem"
        disabled={!command.enabled}
        aria-keyshortcuts={command.ariaShortcut}
        onClick={() => {
          command.run();
          onClose();
        }}
      >
        <span>{command.label}</span>
        {/* Read out through aria-keyshortcuts, so not a second time as part of the name. */}
        <kbd aria-hidden="true">{command.shortcut}</kbd>
      </button>
    </li>
  );
}

/**
 * The designer's right-click menu: registered commands with their labels, shortcuts and enabled
 * state, run through the same `perform` as the toolbar and the keys. Escape or a click elsewhere
 * closes it; the first enabled item takes the focus, so it works from the keyboard too.
 */
export function ContextMenu({ x, y, commandIds, onClose }: Props) {
  const t = useT();
  const menu = useRef<HTMLUListElement>(null);
  useEffect(() => {
    // Focus goes back where it was when the menu closes, so the keyboard does not lose its place.
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    menu.current?.querySelector<HTMLButtonElement>('button:not(:disabled)')?.focus();
    const closeOutside = (event: PointerEvent) => {
      if (!(event.target instanceof Node && menu.current?.contains(event.target))) onClose();
    };
    window.addEventListener('pointerdown', closeOutside);
    return () => {
      window.removeEventListener('pointerdown', closeOutside);
      before?.focus();
    };
  }, [onClose]);
  return (
    <ul
      ref={menu}
      role="menu"
      aria-label={t('designer.contextMenu')}
      className="context-menu"
      style={{ left: x, top: y }}
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        // Escape closes the menu only: it must not reach the designer and drop the selection.
        event.stopPropagation();
        onClose();
      }}
    >
      {commandIds.map((id) => (
        <MenuItem key={id} id={id} onClose={onClose} />
      ))}
    </ul>
  );
}
