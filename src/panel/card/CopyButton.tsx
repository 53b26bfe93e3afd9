import { useEffect, useRef, useState } from 'preact/hooks';
import { copyText } from './clipboard';

type CopyState = 'idle' | 'copied' | 'failed';

/**
 * A copy button: its accessible name says what it copies ("Copy fix headers"), and a
 * status next to it says "Copied" (or that copying failed) for a moment.
 */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [state, setState] = useState<CopyState>('idle');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
      clearTimeout(timer.current);
    };
  }, []);

  const copy = async () => {
    const ok = await copyText(text);
    // The card may have moved on to another exchange while the clipboard answered.
    if (!alive.current) return;
    setState(ok ? 'copied' : 'failed');
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      setState('idle');
    }, 2000);
  };

  return (
    <span class="card-copy">
      <button type="button" class="card-button" onClick={() => void copy()}>
        {label}
      </button>
      <span class={`card-copy-status card-copy-${state}`} role="status">
        {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed: select the text' : ''}
      </span>
    </span>
  );
}
