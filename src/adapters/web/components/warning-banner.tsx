interface Props {
  readonly title: string;
  readonly text: string;
}

export function WarningBanner({ title, text }: Props) {
  return (
    <div class="banner banner--warning" role="alert">
      <p class="banner__title">{title}</p>
      <p class="banner__text">{text}</p>
    </div>
  );
}
