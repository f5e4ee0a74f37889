import { ScreenHeading } from '../components/screen-heading';

interface Props {
  readonly address: string;
  readonly friendCount: number;
}

export function HomePane({ address, friendCount }: Props) {
  return (
    <section class="home">
      <ScreenHeading level={2}>Welcome</ScreenHeading>
      <p>
        Your address is <strong class="home__address">{address}</strong>. Give it to people you want to hear from: they
        add you by this address.
      </p>
      <p>
        {friendCount === 0
          ? 'You have no friends here yet. Use “Add friend” to send a request.'
          : 'Pick a conversation from your contacts.'}
      </p>
    </section>
  );
}
