/**
 * HTML pages of the authorize step. The form contract is relied on by the login automations
 * (test/iam/login/*): keep names, ids and button texts exactly as they are.
 */
import { escapeHtml } from './http-util.js';

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body>${body}</body></html>`;
}

export function loginPage(appName: string, organization: string, error?: string): string {
  return page(`Sign in - ${appName}`, `<h1>Sign in to ${escapeHtml(appName)}</h1>
<p>Organization: ${escapeHtml(organization)}</p>
${error ? `<p class="error" id="error">${escapeHtml(error)}</p>` : ''}
<form method="post">
<label>Username <input name="username" autocomplete="username"></label>
<label>Password <input type="password" name="password" autocomplete="current-password"></label>
<button type="submit">Sign in</button>
</form>`);
}

export function consentPage(appName: string, username: string, scopes: string[]): string {
  const items = scopes.map((s) => `<li>${escapeHtml(s)}</li>`).join('');
  return page(`Authorize ${appName}`, `<h1>${escapeHtml(appName)} wants to access your account</h1>
<p>Signed in as ${escapeHtml(username)}. Requested scopes:</p><ul>${items}</ul>
<form method="post">
<button type="submit" name="decision" value="approve" id="approve">Authorize</button>
<button type="submit" name="decision" value="deny" id="deny">Deny</button>
</form>`);
}

export function errorPage(message: string): string {
  return page('Error', `<h1>Error</h1><p class="error" id="error">${escapeHtml(message)}</p>`);
}
