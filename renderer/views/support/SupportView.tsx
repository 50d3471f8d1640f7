import { useCallback, useEffect, useRef, useState } from 'react';
import { useAppStore } from '../../stores/app-store';
import { useHost } from '../../host-context';
import { useT } from '../../i18n';
import { commandForKey } from '../../../src/commands/registry';
import { designerCommands } from '../../../src/commands/designer-commands';
import type { HostResult } from '../../../src/contract/host';
import { isTextEntry, keyPressOf, platform } from '../../platform';
import { CommandButton } from '../CommandButton';
import { CheckButton } from '../preflight/CheckButton';
import { useFrameFindings } from '../preflight/use-preflight';
import { Preview } from '../preview/Preview';
import { DesignSummary } from '../DesignSummary';
import { SpreadView } from '../spread/SpreadView';
import { fitScale } from '../spread/geometry';
import { surfaceLabel } from '../spread/labels';
import { useBookView, type BookView } from '../spread/use-book-view';
import { useElementSize } from '../use-element-size';
import { useCurrentDesign } from '../use-design';
import type { SupportInfo } from '../../stores/support-slice';
import './support.css';

/** Keys look only: zoom, turning the pages, the preview; the store refuses every edit anyway. */
function onSupportKey(event: KeyboardEvent) {
  if (event.target && isTextEntry(event.target)) return;
  const command = commandForKey(designerCommands, keyPressOf(event), platform);
  if (command && useAppStore.getState().perform(command.id)) event.preventDefault();
}

/**
 * Support's view of a pulled order (issue 11): the design exactly as ordered, read-only. The
 * spread is drawn by the designer's own SpreadView from the same geometry, with the marks and the
 * pre-order check's findings the customer saw; there is nothing to drag, type into or order.
 */
export function SupportView({ order }: { order: SupportInfo }) {
  const t = useT();
  const design = useCurrentDesign();
  const view = useBookView();
  const previewOpen = useAppStore((s) => s.previewOpen);
  const zoom = useAppStore((s) => s.zoom);
  useEffect(() => {
    window.addEventListener('keydown', onSupportKey);
    return () => window.removeEventListener('keydown', onSupportKey);
  }, []);
  const book = design?.kind === 'photoBook' && view;
  return (
    <div className="support-view">
      <p className="support-banner" role="note">
        <strong>{t('support.banner', { orderId: order.orderId })}</strong>{' '}
        <span>{t('support.readOnly', { at: Date.parse(order.createdAt) })}</span>
      </p>
      {design && <DesignSummary design={design} />}
      {book && (
        <section className="workspace" aria-label={t('designer.workspace')}>
          <div className="toolbar">
            <span className="toolbar-group">
              <CommandButton id="view.zoomOut" icon="−" />
              <span className="zoom-level">
                {t('designer.zoom', { percent: Math.round(zoom * 100) })}
              </span>
              <CommandButton id="view.zoomIn" icon="+" />
              <CommandButton id="view.zoomFit" icon="⤢" />
            </span>
            <CommandButton id="view.preview" />
            <CheckButton />
          </div>
          <SupportStage view={book} />
          <SupportStrip view={book} />
        </section>
      )}
      <RenderPanel order={order} />
      {book && previewOpen && <Preview view={book} />}
    </div>
  );
}

/** The open surface at the support's zoom, inert: frames are pictures, as in the page strip. */
function SupportStage({ view }: { view: BookView }) {
  const t = useT();
  const surfaceIndex = useAppStore((s) => s.surfaceIndex);
  const zoom = useAppStore((s) => s.zoom);
  const thumbnails = useAppStore((s) => s.thumbnails);
  const findingOf = useFrameFindings();
  const viewport = useRef<HTMLDivElement>(null);
  const size = useElementSize(viewport);
  const placed = view.surfaces[Math.min(surfaceIndex, view.surfaces.length - 1)]!;
  const pxPerMm = fitScale(placed.surface.media, size, 32) * zoom;
  return (
    <div className="stage" ref={viewport} aria-label={surfaceLabel(t, placed)} role="region">
      {size.width > 0 && (
        <div className="stage-inner">
          <SpreadView
            placed={placed}
            pages={view.book.pages}
            framesOf={view.framesOf}
            assets={view.book.assets}
            thumbnails={thumbnails}
            pxPerMm={pxPerMm}
            findingOf={findingOf}
            bands
          />
        </div>
      )}
    </div>
  );
}

/** Every surface by name, cover first: a click opens it (PageDown and PageUp turn the pages). */
function SupportStrip({ view }: { view: BookView }) {
  const t = useT();
  const surfaceIndex = useAppStore((s) => s.surfaceIndex);
  const open = useCallback((index: number) => useAppStore.getState().openSurface(index), []);
  return (
    <nav className="strip support-strip" aria-label={t('designer.strip')}>
      <ol>
        {view.surfaces.map((placed, index) => (
          <li key={placed.surface.id}>
            <button
              type="button"
              className={index === surfaceIndex ? 'current' : undefined}
              aria-current={index === surfaceIndex ? 'page' : undefined}
              onClick={() => open(index)}
            >
              {surfaceLabel(t, placed)}
            </button>
          </li>
        ))}
      </ol>
    </nav>
  );
}

type Rendered = HostResult<'support.render'>;

/**
 * The order's print files: made here by the lab's own renderer where the host has it (the lab's
 * command line), so they are the lab's bytes; the command to run is always shown.
 */
function RenderPanel({ order }: { order: SupportInfo }) {
  const t = useT();
  const host = useHost();
  const [state, setState] = useState<
    | { phase: 'idle' }
    | { phase: 'rendering' }
    | { phase: 'done'; result: Rendered }
    | { phase: 'failed'; reason: string }
  >({ phase: 'idle' });
  const render = () => {
    setState({ phase: 'rendering' });
    host.invoke('support.render', {}).then(
      (result) => setState({ phase: 'done', result }),
      (error: unknown) =>
        setState({
          phase: 'failed',
          reason: error instanceof Error ? error.message : String(error),
        }),
    );
  };
  return (
    <section className="support-render" aria-labelledby="support-render-title">
      <h2 id="support-render-title">{t('support.printFiles')}</h2>
      <p>
        {t('support.renderCommand')} <code>{order.renderCommand}</code>
      </p>
      {order.canRender && (
        <button type="button" onClick={render} disabled={state.phase === 'rendering'}>
          {t('support.render')}
        </button>
      )}
      <div role="status">
        {state.phase === 'rendering' && <p>{t('support.rendering')}</p>}
        {state.phase === 'failed' && <p>{t('support.renderFailed', { reason: state.reason })}</p>}
        {state.phase === 'done' && (
          <>
            <p>
              {t('support.rendered', { count: state.result.files.length, dir: state.result.dir })}
            </p>
            <ul className="support-files">
              {state.result.files.map((file) => (
                <li key={file.name}>
                  <code>{file.name}</code> · {t('support.fileBytes', { bytes: file.bytes })} ·
                  SHA-256 <code data-testid={`sha256-${file.name}`}>{file.sha256}</code>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </section>
  );
}
