import { useEffect, useState } from 'react';

/**
 * The value once typing has paused for `ms`: the grid and duplicate look-ups ask the API about
 * what the operator has typed, not about every keystroke.
 */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  const key = JSON.stringify(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled((key === undefined ? undefined : JSON.parse(key)) as T), ms);
    return () => clearTimeout(timer);
  }, [key, ms]);
  return settled;
}
