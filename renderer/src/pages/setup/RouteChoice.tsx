import { useEffect, useState } from 'react';
import type { RouteId, RouteTableValue } from '../../../../main/contract/api-values.js';
import { useClient } from '../../api/context.js';

/** The radio labels (stable names for scripts; README "Automating the app"). */
export const ROUTE_LABEL: Record<RouteId, string> = {
  connector: 'Custom connector (Settings → Connectors)',
  bundle: 'Extension bundle (.mcpb)',
  bridge: 'Config bridge (mcp-remote)',
};

const VERDICT: Record<RouteTableValue['routes'][number]['works'], string> = { yes: 'Can work', maybe: 'May work', no: 'Cannot work yet' };

/**
 * "Which way should Claude connect?": the route table for the checked server, with the
 * recommended route preselected (unless the user chose before: the choice is kept in settings).
 */
export function RouteChoice({ url, clientId, route, setRoute }: {
  url: string; clientId: string; route: RouteId | undefined; setRoute(r: RouteId): void;
}) {
  const { api } = useClient();
  const [table, setTable] = useState<{ busy: boolean; value?: RouteTableValue; error?: string }>({ busy: false });
  const load = async () => {
    setTable({ busy: true });
    const r = await api.routeTable({ url, ...(clientId.trim() ? { clientId: clientId.trim() } : {}) });
    if (!r.ok) { setTable({ busy: false, error: r.error.message }); return; }
    setTable({ busy: false, value: r.value });
    if (!route) setRoute(r.value.recommended ?? 'bridge');
  };
  // Once per checked URL.
  useEffect(() => { void load(); }, [url]);
  const t = table.value;
  return (
    <fieldset className="route-choice" aria-busy={table.busy}>
      <legend>Which way should Claude connect?</legend>
      {table.busy && <p className="muted">Checking which routes can work for this server…</p>}
      {table.error && <p className="panel panel-fail">{table.error}</p>}
      {t && (
        <>
          <ul className="route-options">
            {t.routes.map((r) => (
              <li key={r.route} className={`route-option route-${r.works}`}>
                <input type="radio" id={`route-${r.route}`} name="route" value={r.route} checked={route === r.route} onChange={() => setRoute(r.route)} aria-describedby={`route-${r.route}-why`} />
                <label htmlFor={`route-${r.route}`}>{ROUTE_LABEL[r.route]}</label>
                <p id={`route-${r.route}-why`} className="route-why">
                  <strong>{VERDICT[r.works]}{t.recommended === r.route ? ' · recommended' : ''}:</strong> {r.reason}
                  {r.works !== 'yes' && r.fix && <><br /><span className="route-fix">What to do: {r.fix}</span></>}
                </p>
              </li>
            ))}
          </ul>
          <p><strong>Recommended:</strong> {t.recommendation}</p>
          {!clientId.trim() && <p className="muted">Routes that need a client ID can work once you create the application in the next step.</p>}
          <button type="button" className="small" onClick={() => void load()} disabled={table.busy}>Check routes again</button>
        </>
      )}
    </fieldset>
  );
}
