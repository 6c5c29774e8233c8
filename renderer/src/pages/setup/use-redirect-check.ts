import { useCallback, useEffect, useState } from 'react';
import type { RedirectCheckValue } from '../../../../main/contract/api-values.js';
import { useClient } from '../../api/context.js';

export interface RedirectCheckState { busy: boolean; value?: RedirectCheckValue; error?: string }

/**
 * Asks the server whether it accepts the entry's redirect URI for this client ID: once the client
 * ID has stopped changing for a moment, and again on demand (after the user fixed the application).
 */
export function useRedirectCheck(url: string, clientId: string, scopes: string): RedirectCheckState & { check(): void } {
  const { api } = useClient();
  const [state, setState] = useState<RedirectCheckState>({ busy: false });
  const [round, setRound] = useState(0);
  const check = useCallback(() => setRound((r) => r + 1), []);
  useEffect(() => {
    const id = clientId.trim();
    if (!url.trim() || !id) { setState({ busy: false }); return; }
    let live = true;
    const timer = setTimeout(() => {
      setState((s) => ({ ...s, busy: true }));
      void api.checkRedirectUris({ url: url.trim(), clientId: id, ...(scopes.trim() ? { scopes: scopes.trim() } : {}) }).then((r) => {
        if (live) setState(r.ok ? { busy: false, value: r.value } : { busy: false, error: r.error.message });
      });
    }, round === 0 ? 700 : 0);
    return () => { live = false; clearTimeout(timer); };
  }, [api, url, clientId, scopes, round]);
  return { ...state, check };
}
