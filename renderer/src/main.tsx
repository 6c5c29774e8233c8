import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { ApiContext } from './api/context.js';
import { pickClient } from './api/client.js';
import { exchangeLaunchToken } from './api/http-door.js';
import './styles.css';

async function boot(): Promise<void> {
  const client = pickClient();
  const notice = client.door === 'browser' ? await exchangeLaunchToken() : null;
  const root = document.getElementById('root');
  if (root) createRoot(root).render(<StrictMode><ApiContext.Provider value={client}><App notice={notice} /></ApiContext.Provider></StrictMode>);
}
void boot();
