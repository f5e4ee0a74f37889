/** Choices this browser remembers for whoever uses it (not part of the encrypted account). */
export type ThemeChoice = 'system' | 'light' | 'dark';

export interface Preferences {
  readonly theme: ThemeChoice;
  /** Desktop notifications for messages that arrive while the tab is in the background. */
  readonly notifications: boolean;
  /** Put the message text into the notification (off: only who wrote). */
  readonly notificationText: boolean;
}

export const DEFAULT_PREFERENCES: Preferences = { theme: 'system', notifications: false, notificationText: false };

const THEMES: readonly ThemeChoice[] = ['system', 'light', 'dark'];

/** Whatever localStorage holds is untrusted text: keep only the fields that make sense. */
export function parsePreferences(stored: string | null): Preferences {
  if (stored === null) return DEFAULT_PREFERENCES;
  try {
    const value = JSON.parse(stored) as Partial<Record<keyof Preferences, unknown>> | null;
    if (typeof value !== 'object' || value === null) return DEFAULT_PREFERENCES;
    return {
      theme: THEMES.find((theme) => theme === value.theme) ?? DEFAULT_PREFERENCES.theme,
      notifications: value.notifications === true,
      notificationText: value.notificationText === true,
    };
  } catch {
    return DEFAULT_PREFERENCES;
  }
}

/** `data-theme` on the root element overrides the system's light or dark choice in the stylesheet. */
export function applyTheme(root: HTMLElement, theme: ThemeChoice): void {
  if (theme === 'system') delete root.dataset['theme'];
  else root.dataset['theme'] = theme;
}
