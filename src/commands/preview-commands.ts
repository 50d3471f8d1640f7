import type { CommandDefinition } from './registry';

/**
 * Opening and closing the full-screen preview: how the customer looks at the book, never a
 * change to it, so session only. Escape inside the preview closes it (the preview handles its
 * own keys, so Escape keeps its designer meaning elsewhere).
 */
const openPreview: CommandDefinition = {
  id: 'view.preview',
  label: 'command.view.preview',
  // Ctrl+P is where customers look for "see it as printed"; the designer prints nothing itself.
  shortcuts: ['Mod+P'],
  isEnabled: (s) => !s.gesture && !s.previewOpen,
  run: () => ({ kind: 'session', session: { previewOpen: true, selectedFrameId: null } }),
};

const closePreview: CommandDefinition = {
  id: 'view.closePreview',
  label: 'command.view.closePreview',
  isEnabled: (s) => s.previewOpen,
  run: () => ({ kind: 'session', session: { previewOpen: false } }),
};

export const previewCommands: readonly CommandDefinition[] = [openPreview, closePreview];
