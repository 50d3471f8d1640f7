import { useEffect, useState } from 'react';
import { useAppStore } from '../stores/app-store';
import { useHost } from '../host-context';
import { useT } from '../i18n';
import { isLocale, languageMenu } from '../../src/i18n/locales';
import { ProductPicker } from './ProductPicker';
import { Designer } from './Designer';
import { PrintsEditor } from './PrintsEditor';
import { CanvasEditor } from './CanvasEditor';
import { Checkout } from './Checkout';
import { ProjectControls } from './ProjectControls';
import { ProjectStart } from './RecoveryOffer';
import { NotSentNotice } from './NotSentNotice';
import { useRunningOrder } from './use-running-order';
import { useDesktopShell } from './use-desktop-shell';
import { UpdateNotice } from './UpdateNotice';
import { OrderStatusLink, OrderStatusScreen } from './OrderStatusScreen';
import { SupportView } from './support/SupportView';
import { startSupport } from '../support/support-order';
import { LabSupportLine, LabTitle, labAppName } from './LabBrand';

export function App() {
  const t = useT();
  const host = useHost();
  const view = useAppStore((s) => s.view);
  const locale = useAppStore((s) => s.locale);
  const designKind = useAppStore((s) => s.designKind);
  const setLocale = useAppStore((s) => s.setLocale);
  const [labName, setLabName] = useState('');
  const [hostProblem, setHostProblem] = useState<string | null>(null);
  useRunningOrder(host);
  useDesktopShell(host);
  // Support (issue 11): an order opened read-only replaces the whole ordering app.
  const supportOrder = useAppStore((s) => s.supportOrder);
  const supportProblem = useAppStore((s) => s.supportProblem);
  useEffect(() => startSupport(host), [host]);

  useEffect(() => {
    host.invoke('app.info', {}).then(
      (info) => setLabName(`${info.lab.name}, ${info.lab.city}`),
      (error: unknown) => setHostProblem(error instanceof Error ? error.message : String(error)),
    );
  }, [host]);

  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = t('app.title', { app: labAppName });
  }, [locale, t]);

  return (
    <div className="app">
      <header className="app-header">
        <LabTitle />
        <span className="lab-name">{labName}</span>
        <UpdateNotice />
        <label className="language">
          {t('app.language')}{' '}
          <select
            value={locale}
            onChange={(e) => {
              if (isLocale(e.target.value)) setLocale(e.target.value);
            }}
          >
            {languageMenu.map((language) => (
              <option key={language.locale} value={language.locale} lang={language.locale}>
                {language.label}
              </option>
            ))}
          </select>
        </label>
      </header>
      {hostProblem && (
        <p role="alert" className="banner">
          {t('app.hostUnreachable', { reason: hostProblem })}
        </p>
      )}
      {supportProblem && (
        <p role="alert" className="banner">
          {t('support.openFailed', { reason: supportProblem })}
        </p>
      )}
      {!supportOrder && <ProjectControls />}
      <main>
        {supportOrder && <SupportView order={supportOrder} />}
        {!supportOrder && view === 'products' && <NotSentNotice />}
        {!supportOrder && view === 'products' && <ProjectStart />}
        {!supportOrder && view === 'products' && <ProductPicker />}
        {!supportOrder && view === 'products' && <OrderStatusLink />}
        {!supportOrder && view === 'status' && <OrderStatusScreen />}
        {!supportOrder && view === 'designer' && designKind === 'photoBook' && <Designer />}
        {!supportOrder && view === 'designer' && designKind === 'prints' && <PrintsEditor />}
        {!supportOrder && view === 'designer' && designKind === 'canvas' && <CanvasEditor />}
        {!supportOrder && view === 'checkout' && <Checkout />}
      </main>
      <LabSupportLine />
    </div>
  );
}
