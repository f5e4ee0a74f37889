import { browserEnvironment } from './browser-environment';
import { composeMessenger } from './compose';
import { mountApp } from './mount-app';

const root = document.getElementById('app');
if (root === null) throw new Error('index.html has no #app element');
mountApp(root, composeMessenger(window), browserEnvironment(window));
