/**
 * Login and consent for the spec profile through oidc-provider's interaction API
 * (`interactionDetails`, `interactionFinished`, `Grant`; oidc-provider docs "User flows").
 */
import express, { type Request, type Response, type Router } from 'express';
import type Provider from 'oidc-provider';
import { findUser } from './seed.js';
import { consentPage, errorPage, loginPage } from './pages.js';

interface ConsentDetails {
  missingOIDCScope?: string[];
  missingOIDCClaims?: string[];
  missingResourceScopes?: Record<string, string[]>;
}

function consentScopes(details: ConsentDetails): string[] {
  return [...(details.missingOIDCScope ?? []), ...Object.values(details.missingResourceScopes ?? {}).flat()];
}

export function interactionRouter(provider: Provider): Router {
  const router = express.Router();
  const form = express.urlencoded({ extended: false });

  const guard = (handler: (req: Request, res: Response) => Promise<void>) => async (req: Request, res: Response) => {
    try {
      await handler(req, res);
    } catch (err) {
      // An expired or unknown interaction (oidc-provider SessionNotFound) lands here.
      const e = err as { error?: string; error_description?: string; message?: string };
      res.status(400).type('html').send(errorPage(`${e.error ?? 'error'}: ${e.error_description ?? e.message ?? ''}`));
    }
  };

  router.get('/interaction/:uid', guard(async (req, res) => {
    const details = await provider.interactionDetails(req, res);
    const clientId = String(details.params.client_id ?? '');
    if (details.prompt.name === 'login') {
      res.type('html').send(loginPage(clientId));
      return;
    }
    res.type('html').send(consentPage(clientId, consentScopes(details.prompt.details as ConsentDetails)));
  }));

  router.post('/interaction/:uid', form, guard(async (req, res) => {
    const details = await provider.interactionDetails(req, res);
    const body = (req.body ?? {}) as Record<string, string | undefined>;
    const clientId = String(details.params.client_id ?? '');
    if (details.prompt.name === 'login') {
      const user = findUser(body.username ?? '');
      if (!user || user.password !== body.password) {
        res.status(401).type('html').send(loginPage(clientId, 'Invalid username or password'));
        return;
      }
      await provider.interactionFinished(req, res, { login: { accountId: user.username } }, { mergeWithLastSubmission: false });
      return;
    }
    if (body.decision !== 'approve') {
      await provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'The user denied the request' }, { mergeWithLastSubmission: false });
      return;
    }
    const accountId = details.session?.accountId;
    if (!accountId) throw new Error('consent without a logged-in session');
    const grant = (details.grantId ? await provider.Grant.find(details.grantId) : undefined)
      ?? new provider.Grant({ accountId, clientId });
    const consent = details.prompt.details as ConsentDetails;
    if (consent.missingOIDCScope?.length) grant.addOIDCScope(consent.missingOIDCScope.join(' '));
    if (consent.missingOIDCClaims?.length) grant.addOIDCClaims(consent.missingOIDCClaims);
    for (const [resource, scopes] of Object.entries(consent.missingResourceScopes ?? {})) {
      grant.addResourceScope(resource, scopes.join(' '));
    }
    const grantId = await grant.save();
    await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
  }));
  return router;
}
