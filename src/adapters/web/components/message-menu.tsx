import { useEffect, useId, useRef, useState } from 'preact/hooks';

export interface MenuAction {
  readonly label: string;
  readonly run: () => void;
  readonly danger?: boolean;
}

interface Props {
  /** Names the button for screen readers: "Actions for your message of 10:42". */
  readonly label: string;
  readonly actions: readonly MenuAction[];
}

/**
 * A "⋯" button that opens a menu of a message's actions: a focusable control on every message, so
 * replying, reacting, editing and deleting never need a mouse. Arrow keys move, Escape closes.
 */
export function MessageMenu({ label, actions }: Props) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLUListElement>(null);

  useEffect(() => {
    if (!open) return undefined;
    menuRef.current?.scrollIntoView({ block: 'nearest' });
    menuRef.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus({ preventScroll: true });
    const closeOutside = (event: PointerEvent) => {
      const target = event.target as Node | null;
      if (target !== null && !menuRef.current?.contains(target) && !buttonRef.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('pointerdown', closeOutside);
    return () => document.removeEventListener('pointerdown', closeOutside);
  }, [open]);

  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) buttonRef.current?.focus();
  };

  const moveFocus = (step: number) => {
    const items = [...(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLElement);
    items[(at + step + items.length) % items.length]?.focus();
  };

  if (actions.length === 0) return null;
  return (
    <div class="message-menu">
      <button
        ref={buttonRef}
        type="button"
        class="message-menu__button"
        aria-label={label}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? `${id}-menu` : undefined}
        onClick={() => setOpen(!open)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown') {
            event.preventDefault();
            setOpen(true);
          }
        }}
      >
        ⋯
      </button>
      {open && (
        <ul
          ref={menuRef}
          id={`${id}-menu`}
          class="message-menu__list"
          role="menu"
          aria-label={label}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.preventDefault();
              event.stopPropagation();
              close(true);
            } else if (event.key === 'ArrowDown') {
              event.preventDefault();
              moveFocus(1);
            } else if (event.key === 'ArrowUp') {
              event.preventDefault();
              moveFocus(-1);
            } else if (event.key === 'Tab') {
              close(false);
            }
          }}
        >
          {actions.map((action) => (
            <li key={action.label} role="none">
              <button
                type="button"
                role="menuitem"
                tabIndex={-1}
                class={`message-menu__item${action.danger === true ? ' message-menu__item--danger' : ''}`}
                onClick={() => {
                  // Focus back on ⋯ before the action: the item is about to go, and a dialog the action
                  // opens gives focus back to whatever had it when it opened.
                  close(true);
                  action.run();
                }}
              >
                {action.label}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
