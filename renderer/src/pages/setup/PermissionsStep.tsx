import { useState } from 'react';
import { Field } from '../../components/Field.js';
import { GUIDE_SCOPE_FIXES, SCOPE_MEANING, SCOPE_PRESETS } from './scope-facts.js';
import type { SetupValues } from './use-setup-values.js';

const tokens = (scopes: string) => scopes.split(/\s+/).filter(Boolean);

/** Step 3: what Claude may do. Presets with the least privilege first; guide-style names translated. */
export function PermissionsStep({ values, update, scopesError }: { values: SetupValues; update(p: Partial<SetupValues>): void; scopesError?: string | null }) {
  const [custom, setCustom] = useState(false);
  const list = tokens(values.scopes);
  const preset = custom ? 'custom' : SCOPE_PRESETS.find((p) => p.scopes === list.join(' '))?.id ?? 'custom';
  const guideNames = list.filter((t) => GUIDE_SCOPE_FIXES[t]);
  const translated = list.map((t) => GUIDE_SCOPE_FIXES[t] ?? t).join(' ');
  return (
    <>
      <fieldset className="presets">
        <legend>What may Claude do in your IAM?</legend>
        {SCOPE_PRESETS.map((p) => (
          <label key={p.id} className="preset">
            <input type="radio" name="scope-preset" checked={preset === p.id} onChange={() => { setCustom(false); update({ scopes: p.scopes }); }} />
            <span><strong>{p.label}</strong><br /><span className="muted">{p.help}</span></span>
          </label>
        ))}
        <label className="preset">
          <input type="radio" name="scope-preset" checked={preset === 'custom'} onChange={() => setCustom(true)} />
          <span><strong>Custom</strong><br /><span className="muted">Type your own list in the field below.</span></span>
        </label>
      </fieldset>
      <Field label="Scopes" value={values.scopes} onChange={(scopes) => update({ scopes })} help="Space-separated scope names, exactly as the server spells them." error={scopesError} />
      {guideNames.length > 0 && (
        <div className="panel panel-warn" role="alert">
          <p><strong>Warning:</strong> {guideNames.map((t) => `“${t}”`).join(', ')} {guideNames.length === 1 ? 'is a name' : 'are names'} from the setup guide. The server calls {guideNames.length === 1 ? 'it' : 'them'} {guideNames.map((t) => `“${GUIDE_SCOPE_FIXES[t]}”`).join(', ')}, so with the guide's spelling every tool call is refused as insufficient scope.</p>
          <button type="button" onClick={() => update({ scopes: translated })}>Use the server's names</button>
        </div>
      )}
      <h3>What each scope allows</h3>
      <dl className="facts scope-list">
        {list.map((t) => (
          <div key={t}><dt><code>{t}</code></dt><dd>{SCOPE_MEANING[t] ?? (GUIDE_SCOPE_FIXES[t] ? `Not a scope this server knows; it means “${GUIDE_SCOPE_FIXES[t]}”.` : 'A scope this helper does not know; the server decides what it allows.')}</dd></div>
        ))}
      </dl>
    </>
  );
}
