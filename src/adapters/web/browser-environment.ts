import type { HomeServerGatewayFactory } from '../../application/ports/home-server-gateway';
import type { RegistrationMode, WebEnvironment } from './environment';
import { LoopbackAwareGatewayFactory } from './loopback-aware-gateways';
import { parsePreferences } from './preferences';
import { DISCOVERY_HEADER, WELL_KNOWN_PATH } from '../../domain/protocol/wire/well-known';

const LAST_ADDRESS_KEY = 'starbase.lastAddress';
const PREFERENCES_KEY = 'starbase.preferences';

interface WellKnown {
  readonly protocol?: unknown;
}

/**
 * A home server says so with the app it serves (DISCOVERY_HEADER): the well-known path is asked only then, as a plain
 * static host answers it 404, which the browser logs as an error on every load. The page's own address answers anywhere.
 */
async function servedByHomeServer(location: Location): Promise<boolean> {
  const response = await fetch(location.pathname, { method: 'HEAD', credentials: 'omit', cache: 'no-store' });
  return response.headers.get(DISCOVERY_HEADER) === WELL_KNOWN_PATH;
}

async function askOwnOrigin(location: Location): Promise<string | null> {
  if (location.protocol !== 'https:' && location.protocol !== 'http:') return null;
  try {
    if (!(await servedByHomeServer(location))) return null;
    const response = await fetch(WELL_KNOWN_PATH, { credentials: 'omit', cache: 'no-store' });
    if (!response.ok || !(response.headers.get('content-type') ?? '').includes('json')) return null;
    const body = (await response.json()) as WellKnown;
    return body.protocol === 'starbase/1' || body.protocol === 'starbase/2' ? location.host : null;
  } catch (error) {
    // A plain static host without the endpoint is expected: the user then types the server.
    console.info('This page is not served by a starbase home server', error instanceof Error ? error.message : error);
    return null;
  }
}

async function askRegistrationMode(gateways: HomeServerGatewayFactory, server: string): Promise<RegistrationMode | null> {
  const discovery = await gateways.forServer(server).discover();
  // Unreachable or not a home server: the form stays as it is and registering explains why.
  return discovery.ok ? discovery.value.registration : null;
}

function readStorage(storage: Storage | null, key: string): string | null {
  try {
    return storage?.getItem(key) ?? null;
  } catch (error) {
    console.warn('Local storage is unavailable', error);
    return null;
  }
}

function writeStorage(storage: Storage | null, key: string, value: string): void {
  try {
    storage?.setItem(key, value);
  } catch (error) {
    console.warn('Local storage is unavailable', error);
  }
}

function removeFromStorage(storage: Storage | null, key: string): void {
  try {
    storage?.removeItem(key);
  } catch (error) {
    console.warn('Local storage is unavailable', error);
  }
}

function safeLocalStorage(window: Window): Storage | null {
  try {
    return window.localStorage;
  } catch (error) {
    console.warn('Local storage is unavailable', error);
    return null;
  }
}

export function browserEnvironment(window: Window, gateways: HomeServerGatewayFactory = new LoopbackAwareGatewayFactory()): WebEnvironment {
  const storage = safeLocalStorage(window);
  return {
    detectHomeServer: () => askOwnOrigin(window.location),
    registrationMode: (server) => askRegistrationMode(gateways, server),
    recallLastAddress: () => readStorage(storage, LAST_ADDRESS_KEY),
    rememberLastAddress: (address) => writeStorage(storage, LAST_ADDRESS_KEY, address),
    forgetLastAddress: () => removeFromStorage(storage, LAST_ADDRESS_KEY),
    recallPreferences: () => parsePreferences(readStorage(storage, PREFERENCES_KEY)),
    rememberPreferences: (preferences) => writeStorage(storage, PREFERENCES_KEY, JSON.stringify(preferences)),
    saveFile(fileName, content, mimeType) {
      const url = URL.createObjectURL(new Blob([content], { type: mimeType }));
      const link = window.document.createElement('a');
      link.href = url;
      link.download = fileName;
      link.hidden = true;
      window.document.body.append(link);
      link.click();
      link.remove();
      // Revoking right away can cancel the download in some browsers.
      window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
    },
  };
}
