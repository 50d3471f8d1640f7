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

/** Focus to the next (or previous) enabled item, round the end, as the ARIA menu pattern asks. */
function moveFocus(menu: HTMLElement | null, step: 1 | -1) {
  const items = [...(menu?.querySelectorAll<HTMLButtonElement>('button:not(:disabled)') ?? [])];
  if (items.length === 0) return;
  const at = items.findIndex((item) => item === document.activeElement);
  // With no item focused, down starts at the first and up at the last.
  const next = at === -1 ? (step === 1 ? 0 : items.length - 1) : at + step;
  items[(next + items.length) % items.length]?.focus();
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
        // Keys inside the menu are the menu's: an arrow moves between items, not the frame, and
        // Escape closes the menu without reaching the designer and dropping the selection.
        event.stopPropagation();
        if (event.key === 'Escape' || event.key === 'Tab') {
          event.preventDefault();
          onClose();
        } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
          event.preventDefault();
          moveFocus(menu.current, event.key === 'ArrowDown' ? 1 : -1);
        }
      }}
    >
      {commandIds.map((id) => (
        <MenuItem key={id} id={id} onClose={onClose} />
      ))}
    </ul>
  );
}
