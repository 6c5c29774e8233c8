import type { CheckResultValue } from '../../../main/contract/api-values.js';

/** What to do by hand for the fix actions only the person can take (docs/fix-actions.md), naming the place to do it. */
export function byHand(step: CheckResultValue): string {
  const a = step.fixAction;
  switch (a?.action) {
    case 'iam.register-redirect-uri': return `In the IAM admin panel, open Applications, edit this application and add ${String(a.uri ?? 'the redirect URI')} under Redirect URIs, then save.`;
    case 'iam.enable-grant': return `In the IAM admin panel, open Applications, edit this application and enable the grant type "${String(a.grant ?? '')}", then save.`;
    case 'claude.restart-hint': return 'Quit Claude Desktop completely (not just its window) and open it again.';
    default: return 'The app cannot do this for you: follow the fix above, then run the check again.';
  }
}
