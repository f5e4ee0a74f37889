import { API, BenchAccount } from '../server/http-fixtures';

/** GET /blob and PUT /blob over plain fetch, as the gateway does (JSON, Bearer, If-Match). */

export const downloadBlob = async (baseUrl: string, owner: BenchAccount): Promise<{ version: number; ciphertext: string }> => {
  const response = await fetch(`${baseUrl}${API}/blob`, { headers: { authorization: `Bearer ${owner.sessionToken}` } });
  if (!response.ok) throw new Error(`GET /blob answered ${response.status}`);
  return (await response.json()) as { version: number; ciphertext: string };
};

export const uploadBlob = async (baseUrl: string, owner: BenchAccount, expectedVersion: number, ciphertext: string): Promise<number> => {
  const response = await fetch(`${baseUrl}${API}/blob`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${owner.sessionToken}`, 'content-type': 'application/json', 'if-match': `"${expectedVersion}"` },
    body: JSON.stringify({ ciphertext }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`PUT /blob answered ${response.status}: ${text.slice(0, 200)}`);
  return (JSON.parse(text) as { version: number }).version;
};
