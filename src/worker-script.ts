/**
 * The compiled script of a worker thread. Under a TypeScript test runner the
 * calling module is a .ts file, and a worker cannot load TypeScript on
 * Node 20: the build (dist/) is used then.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * `caller` is the calling module's import.meta.url; `script` the worker's
 * path relative to it without extension (`./worker`); `srcDir` the caller's
 * folder under src (`experiments`); `what` names the threads in the error.
 */
export function workerScript(caller: string, script: string, srcDir: string, what: string): URL {
  if (caller.endsWith('.js')) return new URL(`${script}.js`, caller);
  const built = new URL(`../../dist/src/${srcDir}/${script.replace(/^\.\//, '')}.js`, caller);
  if (!existsSync(fileURLToPath(built))) throw new Error(`${what} need the build: run \`npm run build\` first`);
  return built;
}
