import { setUp } from './web-builds';

export default setUp;
