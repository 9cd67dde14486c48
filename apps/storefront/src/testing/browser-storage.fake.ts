/**
 * Installs a `window` with in-memory `localStorage` and `sessionStorage` for unit tests of the
 * browser stores (Jest runs them in Node), and returns a function that removes it again.
 */
export function installFakeBrowserStorage(): () => void {
  const fake = { localStorage: memoryStorage(), sessionStorage: memoryStorage(), addEventListener: () => undefined, removeEventListener: () => undefined };
  (globalThis as { window?: unknown }).window = fake;
  return () => {
    delete (globalThis as { window?: unknown }).window;
  };
}

function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, String(value)),
  };
}
