import { useAppStore } from '../stores/app-store';
import { useT } from '../i18n';
import { CommandButton } from './CommandButton';

/**
 * The arrange commands in the order the panel shows them (drawing order, then turning, copying,
 * cropping), each as a symbol: eight worded buttons filled the panel, and the name stays each
 * button's accessible name and tooltip, with its shortcut.
 */
const ARRANGE = [
  ['frame.bringToFront', '⇈'],
  ['frame.bringForward', '↑'],
  ['frame.sendBackward', '↓'],
  ['frame.sendToBack', '⇊'],
  ['frame.rotateLeft', '↺'],
  ['frame.rotateRight', '↻'],
  ['frame.duplicate', '⧉'],
  ['frame.crop', '✂'],
] as const;

/**
 * Drawing order, quarter turns and a copy of the selected frame, as buttons from the one command
 * registry (the same labels, shortcuts and enabled state as the keys). Shown while a frame is
 * selected, so nothing has to hide behind a photo by accident.
 */
export function ArrangePanel() {
  const t = useT();
  const selected = useAppStore((s) => s.selectedFrameId !== null);
  if (!selected) return null;
  return (
    <section className="arrange-panel" aria-label={t('frames.arrange')}>
      <h2>{t('frames.arrange')}</h2>
      <div className="arrange-buttons">
        {ARRANGE.map(([id, icon]) => (
          <CommandButton key={id} id={id} icon={icon} />
        ))}
      </div>
    </section>
  );
}
