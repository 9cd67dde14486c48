/** A JSON value in `localStorage` or `sessionStorage` that React can subscribe to. */
export interface BrowserStore<T> {
  /** The same object until the stored text changes (what `useSyncExternalStore` needs). */
  get(): T;
  /** Synchronous, so two quick clicks see each other's writes. */
  update(change: (current: T) => T): T;
  subscribe(listener: () => void): () => void;
}

type Area = 'local' | 'session';

const stores = new Map<string, BrowserStore<unknown>>();

/**
 * The one store for `key` in `area`. `fallback` stands for nothing or something unreadable;
 * `isValid` guards against whatever else the browser holds under the key (another deployment, a hand edit).
 */
export function browserStore<T>(area: Area, key: string, fallback: T, isValid: (value: unknown) => value is T): BrowserStore<T> {
  const id = `${area}:${key}`;
  let store = stores.get(id) as BrowserStore<T> | undefined;
  if (!store) {
    store = createStore(area, key, fallback, isValid);
    stores.set(id, store as BrowserStore<unknown>);
  }
  return store;
}

function createStore<T>(area: Area, key: string, fallback: T, isValid: (value: unknown) => value is T): BrowserStore<T> {
  const listeners = new Set<() => void>();
  let cachedText: string | null = null;
  let cachedValue: T = fallback;
  const storage = (): Storage | undefined => (typeof window === 'undefined' ? undefined : area === 'local' ? window.localStorage : window.sessionStorage);

  const get = (): T => {
    const text = storage()?.getItem(key) ?? null;
    if (text !== cachedText) {
      cachedText = text;
      cachedValue = parse(text, fallback, isValid);
    }
    return cachedValue;
  };
  const notify = () => listeners.forEach((listener) => listener());
  // Other tabs' writes to localStorage arrive as `storage` events.
  const onStorage = (event: StorageEvent) => {
    if (event.key === key || event.key === null) notify();
  };

  return {
    get,
    update(change) {
      const next = change(get());
      if (next === null || next === undefined) storage()?.removeItem(key);
      else storage()?.setItem(key, JSON.stringify(next));
      notify();
      return next;
    },
    subscribe(listener) {
      if (listeners.size === 0 && typeof window !== 'undefined') window.addEventListener('storage', onStorage);
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && typeof window !== 'undefined') window.removeEventListener('storage', onStorage);
      };
    },
  };
}

function parse<T>(text: string | null, fallback: T, isValid: (value: unknown) => value is T): T {
  if (text === null) return fallback;
  try {
    const value: unknown = JSON.parse(text);
    return isValid(value) ? value : fallback;
  } catch {
    return fallback;
  }
}

/** A store that always holds `value`, for hooks that need one while there is nothing to store (signed out). */
export function fixedStore<T>(value: T): BrowserStore<T> {
  return { get: () => value, update: () => value, subscribe: () => () => undefined };
}
