// What the phone sign-in journeys share in both browsers: the user of the mobile app who signed up
// with their phone, and the contacts synced.
import { ACCOUNT_AGE_MS } from '../tools/build-env.ts';
import { cube, google } from './setup-account.ts';

export const PHONE_USER = {
  e164: '+14155550100',
  digits: '14155550100',
  /** As typed in the page with the US preselected. */
  national: '4155550100',
  shown: '+1 415 555 0100',
  name: 'Pat Phone',
};

/** Never the emulator's code: a six-digit code it did not send. */
export const WRONG_CODE = '000000';

export const PHONE_PEOPLE = [
  { givenName: 'Phoebe', familyName: 'Caller', phones: ['+1 646 555 0181'] },
  { givenName: 'Dial', familyName: 'Tone', phones: ['+1 646 555 0182'] },
];

/** The servers for a journey (after resetServers): the contacts and the phone user; its id. */
export async function phoneSetup(): Promise<number> {
  await google().addPeople(PHONE_PEOPLE);
  const user = await cube().registerPhoneUser(PHONE_USER.digits, { fullName: PHONE_USER.name });
  // A user of the app for a while: the sign-in did not create it.
  await cube().advanceClock(ACCOUNT_AGE_MS);
  return user.id;
}
