/**
 * The account `npm start` provisions so a newcomer can sign in at once. Its owner's password
 * is printed at start: this is a local development account, never a production default.
 */
export const DEV_ACCOUNT = {
  accountId: 'acc-demo',
  name: 'Demo account',
  plan: 'standard',
  owner: { email: 'owner@faultline.local', name: 'Demo Owner', password: 'faultline-demo-owner' },
} as const;

/** Provisions the development account through identity's internal API; it may exist already. */
export async function seedDevAccount(identityUrl: string, internalApiKey: string): Promise<'created' | 'existed'> {
  const response = await fetch(`${identityUrl}/internal/accounts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-internal-api-key': internalApiKey },
    body: JSON.stringify(DEV_ACCOUNT),
  });
  if (response.status === 409) return 'existed';
  if (!response.ok) throw new Error(`seeding the development account failed: ${response.status} ${await response.text()}`);
  return 'created';
}
