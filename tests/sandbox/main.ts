// `npm run sandbox [-- --seed --google-port 8081 --cube-port 8082]`: both servers until SIGINT or
// SIGTERM. Prints one JSON line with the URLs and credentials, for scripts to read.

import { parseArgs } from 'node:util';
import { startSandbox } from './index.ts';

function port(value: string | undefined, name: string): number {
  if (value === undefined || value === '') return 0;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65535) {
    throw new Error(`${name} must be a port number (0 = any free port), got "${value}"`);
  }
  return parsed;
}

const { values } = parseArgs({
  options: {
    'google-port': { type: 'string' },
    'cube-port': { type: 'string' },
    host: { type: 'string' },
    seed: { type: 'boolean', default: false },
  },
});

const sandbox = await startSandbox({
  googlePort: port(values['google-port'] ?? process.env.GOOGLE_PORT, 'google port'),
  cubePort: port(values['cube-port'] ?? process.env.CUBE_PORT, 'cube port'),
  ...(values.host ? { host: values.host } : {}),
  seed: values.seed ?? false,
});

console.log(
  JSON.stringify({
    google: sandbox.googleUrl,
    cube: sandbox.cubeUrl,
    cubeApp: sandbox.cubeApp,
    cubeUser: sandbox.cubeUser
      ? { login: sandbox.cubeUser.login, password: sandbox.cubeUser.password }
      : null,
  }),
);

let stopping = false;
const stop = (): void => {
  if (stopping) return;
  stopping = true;
  sandbox.close().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
