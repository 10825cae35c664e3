// `/__control/*` of the ConnectyCube sandbox: register app users (phone-only ones too), inspect and fill books, expire
// sessions, flip app switches (maxBatch too), script faults, read the log. Same operations as
// CubeState's methods.

import { parseFlag } from './cube-books.ts';
import { CubeValidationError } from './cube-errors.ts';
import type { CubeApp, CubeAppSettings, CubeState } from './cube-state.ts';
import type { RegisterUserInput } from './cube-users.ts';
import { parseFaultRule } from './faults.ts';
import { CONTROL_PREFIX, controlError, controlJson, type SandboxRequest } from './pipeline.ts';
import { SESSION_IDLE_MS } from './cube-sessions.ts';
import { seedCube } from './seed.ts';
import { isRecord, parseJsonBody, type ApiResult } from './transport.ts';

export function cubeControl(
  state: CubeState,
  request: SandboxRequest,
  advanceClock?: (ms: number) => void,
): ApiResult {
  const route = request.url.pathname.slice(CONTROL_PREFIX.length);
  const query = request.url.searchParams;
  const body = parseJsonBody(request.bodyText);
  if (body instanceof Error) return controlError(400, `invalid JSON: ${body.message}`);
  const record = isRecord(body) ? body : {};
  const appId = /^apps\/([^/]+)$/.exec(route)?.[1];
  if (appId !== undefined && request.method === 'PATCH') {
    // Flip a dashboard switch of an existing app (e.g. "create users on the fly").
    const settings = appSettings(record);
    if (typeof settings === 'string') return controlError(400, settings);
    const app = state.updateApp(decodeURIComponent(appId), settings);
    return app ? controlJson({ app }) : controlError(404, `no application ${appId}`);
  }
  switch (`${request.method} ${route}`) {
    case 'POST users':
      try {
        return controlJson({ user: state.registerUser(userInput(record)) }, 201);
      } catch (error) {
        if (error instanceof CubeValidationError) return controlJson({ errors: error.errors }, 422);
        throw error;
      }
    case 'POST phone-users': {
      // A user of the mobile app who signed up with their phone (no login, no password).
      const phone = text(record.phone) ?? '';
      const fullName = text(record.full_name);
      const applicationId = record.application_id;
      try {
        const user = state.registerPhoneUser({
          phone,
          ...(fullName !== undefined ? { full_name: fullName } : {}),
          ...(typeof applicationId === 'string' || typeof applicationId === 'number'
            ? { applicationId: String(applicationId) }
            : {}),
        });
        return controlJson({ user }, 201);
      } catch (error) {
        if (error instanceof CubeValidationError) return controlJson({ errors: error.errors }, 422);
        throw error;
      }
    }
    case 'GET users':
      return controlJson({ users: state.listUsers(query.get('application_id') ?? undefined) });
    case 'GET address_book': {
      const userId = Number(query.get('user_id'));
      if (!state.users.get(userId)) return controlError(404, 'user_id: no such user');
      return controlJson({ contacts: state.book(userId, query.get('udid') ?? undefined) });
    }
    case 'POST address_book': {
      // The user's phone app uploading (the extension must leave these contacts alone).
      const userId = Number(record.user_id);
      if (!state.users.get(userId)) return controlError(404, 'user_id: no such user');
      if (!Array.isArray(record.contacts)) return controlError(400, 'contacts must be an array');
      const udid = typeof record.udid === 'string' && record.udid !== '' ? record.udid : undefined;
      const result = state.upload(userId, record.contacts, {
        force: parseFlag(record.force) ?? false,
        ...(udid ? { udid } : {}),
      });
      return controlJson(result);
    }
    case 'GET sessions':
      return controlJson({
        sessions: state.sessions.list().map((session) => ({
          token: session.token,
          user_id: session.userId,
          application_id: session.applicationId,
          last_used_at: session.lastUsedAt,
          expires_at: session.lastUsedAt + SESSION_IDLE_MS,
        })),
      });
    case 'POST expire-sessions':
      state.expireSessions();
      return controlJson({});
    case 'GET apps':
      return controlJson({ apps: state.apps });
    case 'POST apps': {
      const input = appInput(record);
      if (typeof input === 'string') return controlError(400, input);
      return controlJson({ app: state.addApp(input) }, 201);
    }
    case 'GET subscriptions': {
      const userId = query.get('user_id');
      return controlJson({
        subscriptions: state.subscriptions(userId === null ? undefined : Number(userId)),
      });
    }
    case 'GET push-events':
      return controlJson({ events: state.joinEvents });
    case 'POST faults': {
      const rule = parseFaultRule(body);
      if (typeof rule === 'string') return controlError(400, rule);
      state.injectFault(rule.path, rule.faults, rule.method);
      return controlJson({ pending: state.faults.list() });
    }
    case 'GET faults':
      return controlJson({ pending: state.faults.list() });
    case 'DELETE faults':
      state.faults.clear();
      return controlJson({});
    case 'GET log':
      return controlJson({ entries: state.log.entries });
    case 'DELETE log':
      state.log.clear();
      return controlJson({});
    case 'POST reset':
      state.reset();
      return controlJson({});
    case 'POST seed':
      try {
        return controlJson(seedCube(state), 201);
      } catch (error) {
        if (error instanceof CubeValidationError) return controlJson({ errors: error.errors }, 422);
        throw error;
      }
    case 'GET clock':
      return controlJson({ now: state.now() });
    case 'POST clock': {
      if (!advanceClock) return controlError(409, 'this sandbox was started with a fixed clock');
      const ms = record.advanceMs;
      if (typeof ms !== 'number' || ms < 0) return controlError(400, 'advanceMs must be >= 0');
      advanceClock(ms);
      return controlJson({ now: state.now() });
    }
    default:
      return controlError(404, `no control route ${request.method} ${route}`);
  }
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function userInput(record: Record<string, unknown>): RegisterUserInput {
  const input: RegisterUserInput = { password: text(record.password) ?? '' };
  for (const key of [
    'login',
    'email',
    'full_name',
    'phone',
    'website',
    'custom_data',
    'avatar',
  ] as const) {
    const value = text(record[key]);
    if (value !== undefined) input[key] = value;
  }
  const applicationId = record.application_id;
  if (typeof applicationId === 'string' || typeof applicationId === 'number') {
    input.applicationId = String(applicationId);
  }
  if (Array.isArray(record.user_tags)) input.user_tags = record.user_tags.map(String);
  if (typeof record.external_user_id === 'number') input.external_user_id = record.external_user_id;
  return input;
}

function appInput(record: Record<string, unknown>): Partial<CubeApp> | string {
  const settings = appSettings(record);
  if (typeof settings === 'string') return settings;
  const app: Partial<CubeApp> = settings;
  const id = record.applicationId;
  if (typeof id === 'string' || typeof id === 'number') app.applicationId = String(id);
  if (typeof record.authKey === 'string') app.authKey = record.authKey;
  if (typeof record.authSecret === 'string') app.authSecret = record.authSecret;
  return app;
}

/** The switches in a control body; a string is the error (a 400). */
function appSettings(record: Record<string, unknown>): CubeAppSettings | string {
  const settings: CubeAppSettings = {};
  if (typeof record.createUsersOnSession === 'boolean') {
    settings.createUsersOnSession = record.createUsersOnSession;
  }
  if (typeof record.pushOnContactJoined === 'boolean') {
    settings.pushOnContactJoined = record.pushOnContactJoined;
  }
  // Checked strictly, unlike the booleans above: a limit silently ignored would make a test pass
  // for the wrong reason.
  const { maxBatch } = record;
  if (maxBatch !== undefined) {
    if (maxBatch !== null && !(Number.isSafeInteger(maxBatch) && Number(maxBatch) >= 0)) {
      return 'maxBatch must be a non-negative integer, or null for no limit';
    }
    settings.maxBatch = typeof maxBatch === 'number' ? maxBatch : null;
  }
  return settings;
}
