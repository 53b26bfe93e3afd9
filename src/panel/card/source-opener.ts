// How the card opens a call site in DevTools' Sources panel: given by the entry file
// (src/panel/main.tsx), null where the panel runs outside DevTools (its own window, tests).
import { createContext } from 'preact';
import type { SourceOpener } from '../../platform/devtools';

export const SourceOpenerContext = createContext<SourceOpener | null>(null);
