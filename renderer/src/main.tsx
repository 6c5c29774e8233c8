import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { ApiContext } from './api/context.js';
import { pickClient } from './api/client.js';
import { exchangeLaunchToken } from './api/http-door.js';
import './styles.css';

async function boot(): Promise<void> {
  const client = pickClient();
  let notice = client.door === 'browser' ? await exchangeLaunchToken() : null;
  const settings = await client.api.getSettings();
  if (!settings.ok && !notice) notice = settings.error.message;
  // No page in the address: open where the user left off.
  if (settings.ok && !/^#\/[a-z]/.test(window.location.hash)) history.replaceState(null, '', `#/${settings.value.lastPage}`);
  const root = document.getElementById('root');
  if (root) createRoot(root).render(<StrictMode><ApiContext.Provider value={client}><App notice={notice} /></ApiContext.Provider></StrictMode>);
}
void boot();
