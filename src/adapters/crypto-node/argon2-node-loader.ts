/*
 * Node only — never import this from code that goes into the browser bundle.
 *
 * argon2-browser's Emscripten glue sees Node 20's global `fetch` and tries to fetch its .wasm
 * by file path, which aborts. Importing this module once (before the first Argon2 call) installs
 * the loader hook argon2-browser looks for: it requires the glue with `fetch` hidden, so the glue
 * reads the file from disk instead.
 */

type Argon2WasmLoader = () => Promise<unknown>;

declare global {
  // Read by argon2-browser/lib/argon2.js; `var` because that is how a global is declared.
  var loadArgon2WasmModule: Argon2WasmLoader | undefined;
}

const PROCESS_EVENTS_THE_GLUE_HOOKS = ['uncaughtException', 'unhandledRejection'] as const;
const processEvents: NodeJS.EventEmitter = process;

const requireGlueWithoutFetch = (): unknown => {
  const hiddenFetch = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
  const listenersBefore = new Map(
    PROCESS_EVENTS_THE_GLUE_HOOKS.map((event) => [event, new Set(processEvents.listeners(event))] as const),
  );
  delete (globalThis as { fetch?: unknown }).fetch;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('argon2-browser/dist/argon2.js');
  } finally {
    if (hiddenFetch !== undefined) Object.defineProperty(globalThis, 'fetch', hiddenFetch);
    // The glue also installs process-wide handlers that abort the whole process on any unhandled
    // rejection anywhere; a library has no business doing that in our server or test runner.
    for (const event of PROCESS_EVENTS_THE_GLUE_HOOKS) {
      for (const listener of processEvents.listeners(event)) {
        if (!listenersBefore.get(event)?.has(listener)) processEvents.removeListener(event, listener as () => void);
      }
    }
  }
};

let loaded: Promise<unknown> | undefined;

export const installArgon2NodeLoader = (): void => {
  globalThis.loadArgon2WasmModule = () => (loaded ??= Promise.resolve().then(requireGlueWithoutFetch));
};

installArgon2NodeLoader();
