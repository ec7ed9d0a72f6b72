// Loaded with `node --import`: registers resolve hooks that append every resolved module URL to the file named by
// MODULE_LOAD_LOG, so a test can see what importing an entry really pulled in.
import { register } from 'node:module';

register(new URL('./module-load-hooks.mjs', import.meta.url));
