// `npm run sandbox [-- --seed --google-port 8081 --cube-port 8082 --firebase-port 9099
// --phone-page-port 8083 --without-phone]`: the Google and ConnectyCube servers, the Firebase Auth
// emulator and the hosted phone sign-in page built against it (`.output/sandbox/phone-sign-in/`),
// until SIGINT or SIGTERM. Prints one JSON line with the URLs and credentials, for scripts to read.

import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEMO_USER, startSandbox } from './index.ts';

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
    'firebase-port': { type: 'string' },
    'phone-page-port': { type: 'string' },
    host: { type: 'string' },
    seed: { type: 'boolean', default: false },
    // Without the Firebase Auth emulator (and so without phone sign-in): starts faster.
    'without-phone': { type: 'boolean', default: false },
  },
});

const sandbox = await startSandbox({
  googlePort: port(values['google-port'] ?? process.env.GOOGLE_PORT, 'google port'),
  cubePort: port(values['cube-port'] ?? process.env.CUBE_PORT, 'cube port'),
  ...(values.host ? { host: values.host } : {}),
  seed: values.seed ?? false,
  ...(values['without-phone']
    ? {}
    : {
        phoneSignIn: {
          outDir: resolve('.output/sandbox/phone-sign-in'),
          emulatorPort: port(
            values['firebase-port'] ?? process.env.FIREBASE_AUTH_PORT,
            'firebase port',
          ),
          pagePort: port(values['phone-page-port'] ?? process.env.PHONE_PAGE_PORT, 'page port'),
          ...(values.host ? { host: values.host } : {}),
        },
      }),
}).catch((error: unknown) => {
  // A Firebase CLI that would not start says why (AuthEmulatorStartError carries its output).
  console.error(error instanceof Error ? error.message : error);
  console.error('(`npm run sandbox -- --without-phone` starts the servers without it.)');
  process.exit(1);
});

const phone = sandbox.phone;
console.log(
  JSON.stringify({
    google: sandbox.googleUrl,
    cube: sandbox.cubeUrl,
    cubeApp: sandbox.cubeApp,
    cubeUser: sandbox.cubeUser
      ? {
          login: sandbox.cubeUser.login,
          password: sandbox.cubeUser.password,
          // The same user signs in by phone (the code is in `phone.codes`).
          phone: `+${DEMO_USER.phone}`,
        }
      : null,
    phone: phone
      ? {
          page: phone.pageUrl,
          authEmulator: phone.emulator.url,
          projectId: phone.emulator.projectId,
          apiKey: phone.emulator.apiKey,
          codes: `${phone.emulator.url}/emulator/v1/projects/${phone.emulator.projectId}/verificationCodes`,
        }
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
