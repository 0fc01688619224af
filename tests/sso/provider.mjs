// A real OpenID provider for the sign-in tests: node_modules/oidc-provider on 127.0.0.1.
//
// node tests/sso/provider.mjs <port> <accounts.json> <clients.json>
//
// accounts.json maps an e-mail address to the claims of that person ({sub, email, email_verified, name,
// groups}); it is read on every request, so a test may add people while the provider runs. The interaction
// signs in the person named by the authorization request's login_hint, with no page in between: the tests
// are about what Vernetzt does with the provider's answer.
import { readFileSync } from 'node:fs';
import http from 'node:http';

import Provider from 'oidc-provider';

const [port, accountsFile, clientsFile] = process.argv.slice(2);
const issuer = `http://127.0.0.1:${port}`;

function accounts() {
  return JSON.parse(readFileSync(accountsFile, 'utf8'));
}

function findByEmail(email) {
  return accounts()[String(email || '').toLowerCase()];
}

const configuration = {
  clients: JSON.parse(readFileSync(clientsFile, 'utf8')),
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    // The groups claim comes with the profile, as a group mapper on Keycloak's profile scope gives it.
    profile: ['name', 'groups'],
  },
  scopes: ['openid', 'email', 'profile'],
  // Claims of the requested scopes go into the ID token itself, as Entra ID, Okta and Keycloak do.
  conformIdTokenClaims: false,
  // Registration: the browser test registers a client for its live server, whose port is known only then.
  features: { devInteractions: { enabled: false }, registration: { enabled: true } },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  cookies: { keys: ['vernetzt-test-provider'] },
  ttl: { IdToken: 3600, AccessToken: 3600, AuthorizationCode: 60 },
  async findAccount(ctx, sub) {
    const person = Object.values(accounts()).find((candidate) => candidate.sub === sub);
    if (!person) return undefined;
    return {
      accountId: sub,
      async claims() {
        return { ...person, sub };
      },
    };
  },
};

const provider = new Provider(issuer, configuration);

async function finishInteraction(req, res) {
  const details = await provider.interactionDetails(req, res);
  const person = findByEmail(details.params.login_hint);
  if (!person) {
    await provider.interactionFinished(req, res, {
      error: 'access_denied', error_description: 'unknown test account',
    }, { mergeWithLastSubmission: false });
    return;
  }
  const grant = new provider.Grant({ accountId: person.sub, clientId: details.params.client_id });
  grant.addOIDCScope(details.params.scope);
  const grantId = await grant.save();
  await provider.interactionFinished(req, res, {
    login: { accountId: person.sub },
    consent: { grantId },
  }, { mergeWithLastSubmission: false });
}

const callback = provider.callback();
const server = http.createServer((req, res) => {
  if (req.url === '/moved') { // for the test that Vernetzt follows no redirect
    res.writeHead(302, { Location: `${issuer}/.well-known/openid-configuration` });
    res.end();
    return;
  }
  if (req.url.startsWith('/interaction/')) {
    finishInteraction(req, res).catch((error) => {
      res.statusCode = 500;
      res.end(String(error));
    });
    return;
  }
  callback(req, res);
});

server.listen(Number(port), '127.0.0.1', () => {
  process.stdout.write(`listening ${issuer}\n`);
});

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
