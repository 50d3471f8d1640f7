import type { CommandDefinition } from './registry';

/**
 * Zoom steps relative to "the whole surface fits the window" (1). Below fit a spread shows with
 * room round it; above it, down to the detail a customer checks a face or a letter at.
 */
export const ZOOM_STEPS = [0.5, 0.75, 1, 1.5, 2, 3, 4] as const;

/** The next step above (direction 1) or below (-1) the current zoom, or undefined at the end. */
export function stepZoom(zoom: number, direction: 1 | -1): number | undefined {
  return direction === 1
    ? ZOOM_STEPS.find((step) => step > zoom + 1e-9)
    : ZOOM_STEPS.findLast((step) => step < zoom - 1e-9);
}

function zoomStepCommand(direction: 1 | -1): CommandDefinition {
  return {
    id: direction === 1 ? 'view.zoomIn' : 'view.zoomOut',
    label: direction === 1 ? 'command.view.zoomIn' : 'command.view.zoomOut',
    // Mod+= is where "+" sits unshifted on US keyboards; the toolbar has buttons for everyone.
    shortcuts: direction === 1 ? ['Mod+='] : ['Mod+-'],
    isEnabled: (s) => stepZoom(s.zoom, direction) !== undefined,
    // Zoom is how the customer looks, not what the book is: never in history.
    run: (s) => ({ kind: 'session', session: { zoom: stepZoom(s.zoom, direction) ?? s.zoom } }),
  };
}

const zoomFitCommand: CommandDefinition = {
  id: 'view.zoomFit',
  label: 'command.view.zoomFit',
  shortcuts: ['Mod+0'],
  isEnabled: (s) => s.zoom !== 1,
  run: () => ({ kind: 'session', session: { zoom: 1 } }),
};

/** How the customer looks at the book: zoom in, out, and back to fit. */
export const viewCommands: readonly CommandDefinition[] = [
  zoomStepCommand(1),
  zoomStepCommand(-1),
  zoomFitCommand,
];
