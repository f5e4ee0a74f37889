import { assertServerPackagesInstalled } from './server-packages';

// Imported first by ./server, so the check runs before any server package is required.
assertServerPackagesInstalled();
