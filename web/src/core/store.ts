// A tiny observable value for app-wide state (the session, the connection), with a hook that re-renders on change.
import { useEffect, useState } from 'preact/hooks';

export interface Store<T> {
  get(): T;
  set(value: T): void;
  subscribe(listener: (value: T) => void): () => void;
}

export function store<T>(initial: T): Store<T> {
  let value = initial;
  const listeners = new Set<(value: T) => void>();
  return {
    get: () => value,
    set(next) {
      value = next;
      for (const listener of listeners) listener(next);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => { listeners.delete(listener); };
    },
  };
}

export function useStore<T>(s: Store<T>): T {
  const [value, set] = useState(s.get());
  useEffect(() => {
    set(s.get());
    return s.subscribe(set);
  }, [s]);
  return value;
}
