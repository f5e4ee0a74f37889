/**
 * The test build of the web app: the production UI driving the in-memory FakeNetwork instead of
 * the real client core. `?captcha=pow` makes recipients ask for proof of work instead of a picture.
 * The network is exposed as `window.starbaseFake` so a test can play the other people.
 */
import { browserEnvironment } from '../../../src/adapters/web/browser-environment';
import { mountApp } from '../../../src/adapters/web/mount-app';
import { FakeNetwork } from '../../support/fake-messenger';

const captcha = new URLSearchParams(window.location.search).get('captcha') === 'pow' ? 'pow' : 'image';
const network = new FakeNetwork({ captcha, latencyMs: 30 });
(window as unknown as { starbaseFake: FakeNetwork }).starbaseFake = network;

const root = document.getElementById('app');
if (root === null) throw new Error('index.html has no #app element');
mountApp(root, network.messenger(), browserEnvironment(window));
