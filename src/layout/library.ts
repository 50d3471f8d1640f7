import type { LayoutTemplate } from './template';

/**
 * The templates for a page with this many photos, in library order: the layout picker's list
 * when the customer has that many photos selected.
 */
export function layoutsFor(
  templates: readonly LayoutTemplate[],
  photoCount: number,
): LayoutTemplate[] {
  return templates.filter((t) => t.photoCount === photoCount);
}

/**
 * "Shuffle": the template after `currentId` among those with `photoCount` photos, wrapping round
 * to the first. A page whose layout is not among them (another photo count, or none yet) starts
 * at the first. Undefined when no template has that many photos. Library order, so the same
 * clicks always give the same layouts.
 */
export function nextLayout(
  templates: readonly LayoutTemplate[],
  currentId: string | undefined,
  photoCount: number,
): LayoutTemplate | undefined {
  const candidates = layoutsFor(templates, photoCount);
  if (candidates.length === 0) return undefined;
  const index = candidates.findIndex((t) => t.id === currentId);
  return candidates[(index + 1) % candidates.length];
}
