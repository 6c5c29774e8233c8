/**
 * HTML pages of the spec profile, following the form contract shared with the casdoor profile so
 * one login script works for both: login `<form method="post">` with `username`, `password` and a
 * "Sign in" submit button; consent form with `decision=approve` (#approve) and `decision=deny`;
 * errors in `<p class="error" id="error">`.
 */
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

function page(title: string, body: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${esc(title)}</title></head><body><h1>${esc(title)}</h1>${body}</body></html>`;
}

export function loginPage(clientId: string, error?: string): string {
  return page('Sign in', `<p>to continue to ${esc(clientId)}</p>${error ? `<p class="error" id="error">${esc(error)}</p>` : ''}
<form method="post"><label>Username <input name="username" autocomplete="username"></label>
<label>Password <input type="password" name="password" autocomplete="current-password"></label>
<button type="submit">Sign in</button></form>`);
}

export function consentPage(clientId: string, scopes: string[]): string {
  const items = scopes.map((s) => `<li>${esc(s)}</li>`).join('');
  return page('Authorize', `<p>${esc(clientId)} asks for:</p><ul>${items}</ul>
<form method="post"><button type="submit" name="decision" value="approve" id="approve">Authorize</button>
<button type="submit" name="decision" value="deny" id="deny">Deny</button></form>`);
}

export function errorPage(message: string): string {
  return page('Error', `<p class="error" id="error">${esc(message)}</p>`);
}
