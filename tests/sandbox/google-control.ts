// `/__control/*` of the Google sandbox: how tests over HTTP edit contacts, shape the consent and
// the signed-in account, break things and read the traffic log. Same operations as the GoogleState methods.

import { parseFaultRule } from './faults.ts';
import type { AuthMode, GoogleState } from './google-state.ts';
import { UnknownPersonError } from './google-people.ts';
import { parsePersonInput, parsePersonPatch } from './person-input.ts';
import { seedGoogle } from './seed.ts';
import { CONTROL_PREFIX, controlError, controlJson, type SandboxRequest } from './pipeline.ts';
import { isRecord, parseJsonBody, type ApiResult } from './transport.ts';

const AUTH_MODES: readonly AuthMode[] = ['approve', 'deny', 'deny-silent'];

export function googleControl(
  state: GoogleState,
  request: SandboxRequest,
  advanceClock?: (ms: number) => void,
): ApiResult {
  const route = request.url.pathname.slice(CONTROL_PREFIX.length);
  const body = parseJsonBody(request.bodyText);
  if (body instanceof Error) return controlError(400, `invalid JSON: ${body.message}`);
  const key = `${request.method} ${route}`;
  try {
    const collection = /^(people|other-contacts)(?:\/(.+))?$/.exec(route);
    if (collection?.[1]) return contacts(state, request.method, collection[1], collection[2], body);
    switch (key) {
      case 'POST expire-sync-tokens':
        state.expireSyncTokens();
        return controlJson({});
      case 'POST auth-mode': {
        const mode = isRecord(body) ? body.mode : undefined;
        const known = AUTH_MODES.find((candidate) => candidate === mode);
        if (!known) return controlError(400, `mode must be one of ${AUTH_MODES.join(', ')}`);
        state.setAuthMode(known);
        return controlJson({ mode: known });
      }
      case 'POST revoke-tokens':
        state.revokeTokens();
        return controlJson({});
      case 'GET grant':
        return controlJson(state.auth.grantRule);
      case 'POST grant': {
        // The consent screen's unticked boxes: `refuse: []` grants everything again.
        const refuse = isRecord(body) ? body.refuse : undefined;
        const once = isRecord(body) ? (body.once ?? false) : false;
        if (!isStringArray(refuse)) return controlError(400, 'refuse must be an array of strings');
        if (typeof once !== 'boolean') return controlError(400, 'once must be a boolean');
        return controlJson(state.refuseScopes(refuse, { once }));
      }
      case 'GET account':
        return controlJson(accountJson(state));
      case 'POST account': {
        const email = isRecord(body) ? body.email : undefined;
        if (typeof email !== 'string' || !email.includes('@')) {
          return controlError(400, 'email must be an email address');
        }
        state.setAccountEmail(email);
        return controlJson(accountJson(state));
      }
      case 'POST tokens': {
        // A token without the OAuth dance, for clients tested outside a browser.
        const scopes = isRecord(body) ? body.scopes : undefined;
        if (!isStringArray(scopes)) {
          return controlError(400, 'scopes must be an array of strings');
        }
        return controlJson(state.issueToken(scopes));
      }
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
        seedGoogle(state);
        return controlJson({}, 201);
      case 'GET clock':
        return controlJson({ now: state.now() });
      case 'POST clock': {
        const ms = isRecord(body) ? body.advanceMs : undefined;
        if (!advanceClock) return controlError(409, 'this sandbox was started with a fixed clock');
        if (typeof ms !== 'number' || ms < 0) return controlError(400, 'advanceMs must be >= 0');
        advanceClock(ms);
        return controlJson({ now: state.now() });
      }
      default:
        return controlError(404, `no control route ${key}`);
    }
  } catch (error) {
    if (error instanceof UnknownPersonError) return controlError(404, error.message);
    throw error;
  }
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function accountJson(state: GoogleState): { email: string; id: string } {
  return { email: state.auth.accountEmail, id: state.auth.accountId };
}

function contacts(
  state: GoogleState,
  method: string,
  kind: string,
  ref: string | undefined,
  body: unknown,
): ApiResult {
  const other = kind === 'other-contacts';
  const id = ref === undefined ? undefined : decodeURIComponent(ref);
  if (id === undefined && method === 'GET') {
    return controlJson({ people: other ? state.listOtherContacts() : state.listPeople() });
  }
  if (id === undefined && method === 'POST') {
    const list = isRecord(body) ? body.people : undefined;
    if (!Array.isArray(list)) return controlError(400, 'people must be an array');
    const inputs = [];
    for (const [index, item] of list.entries()) {
      const input = parsePersonInput(item);
      if (typeof input === 'string') return controlError(400, `people[${index}]: ${input}`);
      inputs.push(input);
    }
    const resourceNames = inputs.map((input) =>
      other ? state.addOtherContact(input) : state.addPerson(input),
    );
    return controlJson({ resourceNames }, 201);
  }
  if (id !== undefined && method === 'PATCH') {
    const patch = parsePersonPatch(body);
    if (typeof patch === 'string') return controlError(400, patch);
    if (other) state.updateOtherContact(id, patch);
    else state.updatePerson(id, patch);
    return controlJson({});
  }
  if (id !== undefined && method === 'DELETE') {
    if (other) state.deleteOtherContact(id);
    else state.deletePerson(id);
    return controlJson({});
  }
  return controlError(404, `no control route ${method} ${kind}${id ? `/${id}` : ''}`);
}
