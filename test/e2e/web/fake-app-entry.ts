/**
 * The test build of the web app: the production UI driving the in-memory FakeNetwork instead of
 * the real client core. `?captcha=pow` makes recipients ask for proof of work instead of a picture;
 * `?registration=invite|closed` plays a server that takes new accounts by invite or not at all, and
 * `&probe=off` one the app cannot ask about that beforehand; `?pageEntries=20` makes a login show 20 messages per chat until
 * the user scrolls back. The network is exposed as
 * `window.starbaseFake` so a test can play the other people.
 */
import { browserEnvironment } from '../../../src/adapters/web/browser-environment';
import type { RegistrationMode } from '../../../src/adapters/web/environment';
import { mountApp } from '../../../src/adapters/web/mount-app';
import { FakeNetwork } from '../../support/fake-messenger';
import { withRegistration } from './fake-registration';

const params = new URLSearchParams(window.location.search);
const captcha = params.get('captcha') === 'pow' ? 'pow' : 'image';
const registrationParam = params.get('registration');
const registration: RegistrationMode = registrationParam === 'invite' || registrationParam === 'closed' ? registrationParam : 'open';
const pageEntries = Number(params.get('pageEntries') ?? '');
const network = new FakeNetwork({ captcha, latencyMs: 30, ...(pageEntries > 0 ? { pageEntries } : {}) });
(window as unknown as { starbaseFake: FakeNetwork }).starbaseFake = network;

const environment = {
  ...browserEnvironment(window),
  // Fake servers have no well-known endpoint to ask.
  registrationMode: () => Promise.resolve(params.get('probe') === 'off' ? null : registration),
};
const root = document.getElementById('app');
if (root === null) throw new Error('index.html has no #app element');
mountApp(root, withRegistration(network.messenger(), registration), environment);
