/**
 * Plain-HTTP login automation: a cookie jar and real form posts through the authorize web page
 * (login form, then consent when shown) until the server redirects to the redirect URI. Relies on
 * the form contract of test/iam/core/pages.ts; no back door.
 */

export interface HttpLoginOptions {
  username: string;
  password: string;
  fetch?: typeof fetch;
  /** Also request the callback URL (retrying a few seconds), so a loopback listener receives it. */
  followCallback?: boolean;
}

const MAX_STEPS = 10;

function unescapeHtml(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (_m, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e] ?? _m);
}

class CookieJar {
  private readonly cookies = new Map<string, string>();
  store(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      if (eq > 0) this.cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

function formAction(html: string, pageUrl: string): string {
  const action = /<form[^>]*\baction="([^"]*)"/i.exec(html)?.[1];
  return action ? new URL(unescapeHtml(action), pageUrl).href : pageUrl;
}

function isCallback(location: string, redirectUri: string | null, authOrigin: string): boolean {
  const target = new URL(location);
  if (redirectUri) {
    const want = new URL(redirectUri);
    return target.origin === want.origin && target.pathname === want.pathname;
  }
  return target.origin !== authOrigin;
}

async function deliver(doFetch: typeof fetch, callbackUrl: string): Promise<void> {
  const deadline = Date.now() + 5000;
  for (;;) {
    try {
      const response = await doFetch(callbackUrl, { redirect: 'manual', signal: AbortSignal.timeout(5000) });
      await response.arrayBuffer();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`callback ${callbackUrl} not reachable: ${error instanceof Error ? error.message : String(error)}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

export async function loginWithHttp(authorizationUrl: string, options: HttpLoginOptions): Promise<{ callbackUrl: string }> {
  const doFetch = options.fetch ?? fetch;
  const jar = new CookieJar();
  const authOrigin = new URL(authorizationUrl).origin;
  const redirectUri = new URL(authorizationUrl).searchParams.get('redirect_uri');
  let url = authorizationUrl;
  let init: RequestInit = { method: 'GET' };
  for (let step = 0; step < MAX_STEPS; step++) {
    const headers = new Headers(init.headers);
    const cookie = jar.header();
    if (cookie) headers.set('cookie', cookie);
    const response = await doFetch(url, { ...init, headers, redirect: 'manual', signal: AbortSignal.timeout(10_000) });
    jar.store(response);
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      const next = new URL(location, url).href;
      await response.arrayBuffer();
      if (isCallback(next, redirectUri, authOrigin)) {
        if (options.followCallback) await deliver(doFetch, next);
        return { callbackUrl: next };
      }
      url = next;
      init = { method: 'GET' };
      continue;
    }
    const body = await response.text();
    const error = /<p[^>]*id="error"[^>]*>([\s\S]*?)<\/p>/i.exec(body)?.[1];
    if (error !== undefined) throw new Error(unescapeHtml(error));
    if (!response.ok) throw new Error(`authorize page answered HTTP ${response.status}: ${body.slice(0, 300)}`);
    const form = new URLSearchParams();
    if (/name="password"/i.test(body)) {
      form.set('username', options.username);
      form.set('password', options.password);
    } else if (/name="decision"/i.test(body)) {
      form.set('decision', 'approve');
    } else {
      throw new Error(`authorize page has neither a login nor a consent form (HTTP ${response.status})`);
    }
    url = formAction(body, url);
    init = { method: 'POST', body: form.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', origin: new URL(url).origin } };
  }
  throw new Error(`login did not reach the redirect URI within ${MAX_STEPS} steps`);
}
