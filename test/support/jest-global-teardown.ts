import { tearDown } from './web-builds';

export default tearDown;
