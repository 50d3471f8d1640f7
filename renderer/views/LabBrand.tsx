import { lab, logoUrl } from 'virtual:photodose-lab';
import { useT } from '../i18n';

/**
 * The white-label lab this app is built for (assets/labs/<lab>/, chosen at build time): its logo
 * and title in the header, its support contact at the foot of every screen.
 */
export function LabTitle() {
  const t = useT();
  return (
    <>
      <img className="lab-logo" src={logoUrl} alt="" />
      <h1>{t('app.title', { app: lab.name })}</h1>
    </>
  );
}

/** The lab's own name for window titles and texts that name the app. */
export const labAppName = lab.name;

export function LabSupportLine() {
  const t = useT();
  const { email, phone, url } = lab.support;
  return (
    <footer className="lab-support">
      {/* Plain text: the desktop app opens no mailto: or tel: links (security.ts refuses them). */}
      {t('app.support', { lab: lab.name })} <span>{email}</span>
      {phone && <span> · {phone}</span>}
      {url && (
        <>
          {' · '}
          <a href={url} target="_blank" rel="noreferrer">
            {t('app.supportPage')}
          </a>
        </>
      )}
    </footer>
  );
}
