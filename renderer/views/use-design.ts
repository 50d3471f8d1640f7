import { useMemo } from 'react';
import { useAppStore } from '../stores/app-store';
import { currentDesign } from '../stores/prints-canvas-slice';
import type { Design } from '../../src/model/design';

/**
 * The design being ordered, of whichever kind. Each field is selected on its own and the union
 * built once per change: a selector that built a new object would re-render without end.
 */
export function useCurrentDesign(): Design | null {
  const designKind = useAppStore((s) => s.designKind);
  const book = useAppStore((s) => s.book);
  const prints = useAppStore((s) => s.prints);
  const canvas = useAppStore((s) => s.canvas);
  return useMemo(
    () => currentDesign({ designKind, book, prints, canvas }),
    [designKind, book, prints, canvas],
  );
}
