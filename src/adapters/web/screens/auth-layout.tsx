import type { ComponentChildren } from 'preact';

interface Props {
  readonly children: ComponentChildren;
}

/** The frame around log-in and account creation: brand, a one-line promise, the form. */
export function AuthLayout({ children }: Props) {
  return (
    <div class="auth">
      <header class="auth__brand">
        <p class="brand">
          <span class="brand__mark" aria-hidden="true">
            ✦
          </span>{' '}
          starbase
        </p>
        <p class="auth__tagline">End-to-end encrypted messages. Your server keeps only what it cannot read.</p>
      </header>
      <main class="auth__card" id="main">
        {children}
      </main>
    </div>
  );
}
