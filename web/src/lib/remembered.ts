/**
 * Choices this browser remembers (language, campaign). Storage may be disabled (private mode, a
 * policy): then nothing is remembered and the choice lasts until the page is reloaded.
 */
export function recall(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function remember(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // storage disabled: see above
  }
}
