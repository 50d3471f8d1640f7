import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { lab } from 'virtual:photodose-lab';
import { connectHost } from './host';
import { HostContext } from './host-context';
import { App } from './views/App';
import { setAppName } from './i18n';
import './styles.css';
// The lab's colours (CSS custom properties), after the stylesheet that uses them.
import 'virtual:photodose-lab.css';

setAppName(lab.name);
const host = connectHost();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <HostContext.Provider value={host}>
      <App />
    </HostContext.Provider>
  </StrictMode>,
);
