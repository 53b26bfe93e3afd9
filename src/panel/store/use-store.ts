import { useEffect, useRef, useState } from 'preact/hooks';
import type { StoreApi } from 'zustand/vanilla';

/**
 * Subscribes a component to the part of a vanilla zustand store that
 * `selector` picks; re-renders only when that part changes (Object.is).
 * Used instead of zustand's React `create`, which would pull in preact/compat.
 * Selectors should return primitives or objects already in the state, not
 * fresh objects, or every store change re-renders.
 */
export function useStore<S, T>(store: StoreApi<S>, selector: (state: S) => T): T {
  const [, setTick] = useState(0);
  const selected = selector(store.getState());
  const latest = useRef({ selector, selected });
  latest.current = { selector, selected };

  useEffect(() => {
    const check = (state: S) => {
      if (!Object.is(latest.current.selector(state), latest.current.selected)) {
        setTick((tick) => tick + 1);
      }
    };
    // The state may have changed between render and subscription.
    check(store.getState());
    return store.subscribe(check);
  }, [store]);

  return selected;
}
