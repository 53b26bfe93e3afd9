// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { copyText } from './clipboard';

function setClipboard(value: unknown) {
  Object.defineProperty(navigator, 'clipboard', { value, configurable: true });
}

function setExecCommand(impl: ((command: string) => boolean) | undefined) {
  Object.defineProperty(document, 'execCommand', { value: impl, configurable: true });
}

afterEach(() => {
  vi.restoreAllMocks();
  setExecCommand(undefined);
});

describe('copyText', () => {
  it('uses the Clipboard API', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    setClipboard({ writeText });
    await expect(copyText('Vary: Origin')).resolves.toBe(true);
    expect(writeText).toHaveBeenCalledWith('Vary: Origin');
  });

  it('falls back to a hidden textarea when the API refuses', async () => {
    setClipboard({ writeText: () => Promise.reject(new Error('NotAllowedError')) });
    let copied: string | undefined;
    const exec = vi.fn((command: string) => {
      copied = document.querySelector('textarea')?.value;
      return command === 'copy';
    });
    setExecCommand(exec);
    await expect(copyText('curl -i')).resolves.toBe(true);
    expect(exec).toHaveBeenCalledWith('copy');
    expect(copied).toBe('curl -i');
    expect(document.querySelector('textarea')).toBeNull();
  });

  it('falls back when there is no Clipboard API, and reports failure', async () => {
    setClipboard(undefined);
    setExecCommand(() => false);
    await expect(copyText('x')).resolves.toBe(false);
    setExecCommand(undefined);
    await expect(copyText('x')).resolves.toBe(false);
  });

  it('gives focus back after the textarea', async () => {
    setClipboard(undefined);
    setExecCommand(() => true);
    const button = document.createElement('button');
    document.body.appendChild(button);
    button.focus();
    await copyText('x');
    expect(document.activeElement).toBe(button);
    button.remove();
  });
});
