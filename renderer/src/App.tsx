import { useEffect, useRef, useState } from 'react';
import { PAGES, usePage, type PageId } from './router.js';
import { useClient } from './api/context.js';
import { SetupPage } from './pages/setup/SetupPage.js';
import { TroubleshootPage } from './pages/troubleshoot/TroubleshootPage.js';
import { BackupsPage } from './pages/backups/BackupsPage.js';

const PAGE_VIEWS: Record<PageId, () => React.JSX.Element> = {
  setup: SetupPage,
  troubleshoot: TroubleshootPage,
  backups: BackupsPage,
};

/** The window's frame: navigation (stable link names: Set up, Troubleshoot, Backups) and the page. */
export function App({ boot }: { boot: Promise<string | null> }) {
  const page = usePage();
  const { api } = useClient();
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => { void boot.then(setNotice); }, [boot]);
  // The first render is committed (bench/wizard.mjs reads this mark: navigation start to here).
  useEffect(() => { performance.mark('app-first-render'); }, []);
  const firstPage = useRef(true);
  useEffect(() => {
    // The next launch opens on the page the user moved to (the page shown before the settings load is not a choice).
    if (firstPage.current) { firstPage.current = false; return; }
    void api.saveSettings({ lastPage: page });
  }, [api, page]);
  const View = PAGE_VIEWS[page];
  return (
    <div className="app">
      <header className="app-header">
        <span className="app-title">IAM MCP Helper</span>
        <nav aria-label="Main">
          {PAGES.map((p) => (
            <a key={p.id} href={`#/${p.id}`} aria-current={p.id === page ? 'page' : undefined}>{p.label}</a>
          ))}
        </nav>
      </header>
      {notice && <p role="alert" className="notice">{notice}</p>}
      <main><View /></main>
    </div>
  );
}
