import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { ApiContext } from './api/context.js';
import { pickClient } from './api/client.js';
import { exchangeLaunchToken } from './api/http-door.js';
import type { ApiClient } from './api/types.js';
import './styles.css';

/**
 * What boot learns after the first render: the launch token's trade (door 2) and the settings.
 * With no page in the address, the app then moves to the page the user left off on. Resolves
 * with a notice to show (an error sentence) or null.
 */
async function afterFirstRender(client: ApiClient, exchanged: Promise<string | null>, pageGiven: boolean): Promise<string | null> {
  const notice = await exchanged;
  const settings = await client.api.getSettings();
  if (!settings.ok) return notice ?? settings.error.message;
  if (!pageGiven && !/^#\/[a-z]/.test(window.location.hash) && settings.value.lastPage !== 'setup') {
    history.replaceState(null, '', `#/${settings.value.lastPage}`);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  }
  return notice;
}

// The first render does not wait for the network: API calls queue behind the token's trade.
const exchanged = window.helper ? Promise.resolve(null) : exchangeLaunchToken();
const pageGiven = /^#\/[a-z]/.test(window.location.hash);
const client = pickClient(exchanged);
const root = document.getElementById('root');
if (root) createRoot(root).render(<StrictMode><ApiContext.Provider value={client}><App boot={afterFirstRender(client, exchanged, pageGiven)} /></ApiContext.Provider></StrictMode>);
