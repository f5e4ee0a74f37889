import { useId } from 'preact/hooks';

interface Props {
  readonly title: string;
  readonly text: string;
  /** Given, the banner has a Dismiss button: the user has read it and wants it gone. */
  readonly onDismiss?: () => void;
}

export function WarningBanner({ title, text, onDismiss }: Props) {
  const titleId = useId();
  const dismiss = (event: MouseEvent) => {
    // The button goes with the banner: focus moves on first, or it would drop to the page's body.
    const banner = (event.currentTarget as HTMLElement).closest('.banner');
    if (banner !== null) focusPast(banner);
    onDismiss?.();
  };
  return (
    <div class={onDismiss === undefined ? 'banner banner--warning' : 'banner banner--warning banner--dismissable'} role="alert">
      <div class="banner__body">
        <p class="banner__title" id={titleId}>
          {title}
        </p>
        <p class="banner__text">{text}</p>
      </div>
      {onDismiss !== undefined && (
        <button type="button" class="button banner__dismiss" aria-describedby={titleId} onClick={dismiss}>
          Dismiss
        </button>
      )}
    </div>
  );
}

/**
 * Where focus goes when a banner it is in goes: another banner's Dismiss, so several are dismissed one
 * after the other, else the heading of what the page shows (the contact list's, on a phone's home view).
 */
function focusPast(banner: Element): void {
  const nextDismiss = [...(banner.parentElement?.querySelectorAll<HTMLElement>('.banner__dismiss') ?? [])].find((button) => !banner.contains(button));
  const heading = [document.querySelector<HTMLElement>('main .screen-heading'), document.getElementById('friends-heading')].find((element) => element?.offsetParent != null);
  (nextDismiss ?? heading)?.focus();
}
