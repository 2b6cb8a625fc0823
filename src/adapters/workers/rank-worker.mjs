// Worker entry point. Worker threads do not inherit the parent's TypeScript loader, so register tsx here
// (it caches what it compiles) and then load the worker itself.
import { register } from 'tsx/esm/api';

register();
await import('./rank-worker.ts');
