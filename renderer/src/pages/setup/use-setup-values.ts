import { useCallback, useEffect, useRef, useState } from 'react';
import type { RecentInstance, RouteId } from '../../../../main/contract/api-values.js';
import { useClient } from '../../api/context.js';
import { READ_ONLY_SCOPES } from './scope-facts.js';

export interface SetupValues { url: string; clientId: string; scopes: string }

/**
 * The wizard's values: loaded from the settings (a launch prefill, else the last instance used),
 * kept across Back/Next, and saved as the newest recent instance whenever the step changes, so a
 * restart offers them again.
 */
export function useSetupValues() {
  const { api } = useClient();
  const [values, setValues] = useState<SetupValues>({ url: '', clientId: '', scopes: READ_ONLY_SCOPES });
  const [recent, setRecent] = useState<RecentInstance[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [route, setRouteState] = useState<RouteId | undefined>(undefined);
  const latest = useRef(values);
  latest.current = values;

  useEffect(() => {
    void api.getSettings().then((r) => {
      if (r.ok) {
        setRecent(r.value.recentInstances);
        if (r.value.route) setRouteState(r.value.route);
        const pre = r.value.prefill ?? r.value.recentInstances[0];
        if (pre) setValues({ url: pre.url, clientId: pre.clientId, scopes: pre.scopes || READ_ONLY_SCOPES });
      }
      setLoaded(true);
    });
  }, [api]);

  const update = useCallback((patch: Partial<SetupValues>) => setValues((v) => ({ ...v, ...patch })), []);

  /** Saves the current values as the newest recent instance (nothing to save without a URL). */
  const save = useCallback(async () => {
    const v = latest.current;
    if (!v.url.trim()) return;
    const next = [{ url: v.url.trim(), clientId: v.clientId.trim(), scopes: v.scopes.trim() }, ...recent.filter((r) => r.url !== v.url.trim() || r.clientId !== v.clientId.trim())].slice(0, 10);
    const r = await api.saveSettings({ recentInstances: next });
    if (r.ok) setRecent(r.value.recentInstances);
  }, [api, recent]);

  /** Chooses a route and remembers it in the settings. */
  const setRoute = useCallback((next: RouteId) => {
    setRouteState(next);
    void api.saveSettings({ route: next });
  }, [api]);

  return { values, update, recent, loaded, save, route, setRoute };
}
