// A client of the Firebase Auth emulator's REST API: what a test, the demo or the sandbox needs to
// sign a phone in with no browser (the same calls the Firebase JS SDK makes) and to read what the
// emulator "sent" by SMS. Any API key works against the emulator.

/** An SMS the emulator did not send: `GET /emulator/v1/projects/{project}/verificationCodes`. */
export interface VerificationCode {
  phoneNumber: string;
  code: string;
  sessionInfo: string;
}

/** `accounts:signInWithPhoneNumber`'s answer (the fields used here). */
export interface PhoneSignInResult {
  idToken: string;
  refreshToken: string;
  /** Seconds, as a string: "3600". */
  expiresIn: string;
  /** The Firebase uid. */
  localId: string;
  /** E.164, with `+`. */
  phoneNumber: string;
  isNewUser: boolean;
}

/** The secure token endpoint's answer to `grant_type=refresh_token`. */
export interface RefreshedToken {
  id_token: string;
  refresh_token: string;
  expires_in: string;
  user_id: string;
  project_id: string;
}

/** The emulator accepts any key; a real project's Web API key is public too (it names the project). */
export const EMULATOR_API_KEY = 'demo-api-key';

export class AuthEmulatorClient {
  constructor(
    /** `http://127.0.0.1:<port>`, no trailing slash. */
    readonly url: string,
    readonly projectId: string,
    readonly apiKey: string = EMULATOR_API_KEY,
  ) {}

  /** Every code the emulator has "sent" since it started (or since accounts were cleared), oldest first. */
  async verificationCodes(): Promise<VerificationCode[]> {
    const answer = await this.call<{ verificationCodes?: VerificationCode[] }>(
      'GET',
      `/emulator/v1/projects/${this.projectId}/verificationCodes`,
    );
    return answer.verificationCodes ?? [];
  }

  /** The newest code sent to this number (E.164); throws when none was sent. */
  async latestCode(phoneNumber: string): Promise<string> {
    const codes = (await this.verificationCodes()).filter(
      (item) => item.phoneNumber === phoneNumber,
    );
    const last = codes.at(-1);
    if (!last) throw new Error(`the Auth emulator sent no code to ${phoneNumber}`);
    return last.code;
  }

  /** Forgets every account of the project (and the codes sent). */
  async clearAccounts(): Promise<void> {
    await this.call('DELETE', `/emulator/v1/projects/${this.projectId}/accounts`);
  }

  /** Step 1 of a phone sign-in: "sends" an SMS; the answer's sessionInfo names the attempt. */
  async sendVerificationCode(phoneNumber: string): Promise<string> {
    const answer = await this.call<{ sessionInfo: string }>(
      'POST',
      `/identitytoolkit.googleapis.com/v1/accounts:sendVerificationCode?key=${this.apiKey}`,
      // The emulator checks no reCAPTCHA token; the real service needs one.
      { phoneNumber, recaptchaToken: 'emulator' },
    );
    return answer.sessionInfo;
  }

  /** Step 2: the code from the SMS for that attempt. */
  signInWithPhoneNumber(sessionInfo: string, code: string): Promise<PhoneSignInResult> {
    return this.call<PhoneSignInResult>(
      'POST',
      `/identitytoolkit.googleapis.com/v1/accounts:signInWithPhoneNumber?key=${this.apiKey}`,
      { sessionInfo, code },
    );
  }

  /** Both steps, with the code read from the emulator: a person who typed the right code. */
  async signInWithPhone(phoneNumber: string): Promise<PhoneSignInResult> {
    const sessionInfo = await this.sendVerificationCode(phoneNumber);
    const sent = (await this.verificationCodes()).find((item) => item.sessionInfo === sessionInfo);
    if (!sent) throw new Error(`the Auth emulator lists no code for ${phoneNumber}`);
    return this.signInWithPhoneNumber(sessionInfo, sent.code);
  }

  /** A new ID token (and refresh token) from a refresh token, as a client renews with no window. */
  refresh(refreshToken: string): Promise<RefreshedToken> {
    return this.call<RefreshedToken>(
      'POST',
      `/securetoken.googleapis.com/v1/token?key=${this.apiKey}`,
      new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken }),
    );
  }

  private async call<T>(
    method: string,
    path: string,
    body?: Record<string, unknown> | URLSearchParams,
  ): Promise<T> {
    const response = await fetch(`${this.url}${path}`, {
      method,
      ...(body instanceof URLSearchParams
        ? { body }
        : body
          ? { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } }
          : {}),
    });
    const text = await response.text();
    if (!response.ok) {
      // The API's error names the reason (`INVALID_CODE`); the URL is the emulator's, no secret.
      const reason = /"message":\s*"([^"]*)"/.exec(text)?.[1] ?? text.slice(0, 200);
      throw new Error(
        `Auth emulator ${method} ${path.split('?')[0]}: ${response.status} ${reason}`,
      );
    }
    return (text === '' ? {} : JSON.parse(text)) as T;
  }
}
