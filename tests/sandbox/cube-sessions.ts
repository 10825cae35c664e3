// ConnectyCube session tokens: a token lives 2 hours after its last request (sliding window).

import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { isRecord } from './transport.ts';

export const SESSION_IDLE_MS = 2 * 60 * 60 * 1000;

export interface CubeSession {
  id: number;
  token: string;
  applicationId: string;
  /** null for an application session (no user). */
  userId: number | null;
  createdAt: number;
  updatedAt: number;
  lastUsedAt: number;
  nonce: number;
  ts: number;
}

export class SessionStore {
  private byToken = new Map<string, CubeSession>();
  private nextId = 31001;

  create(applicationId: string, userId: number | null, now: number, nonce?: number): CubeSession {
    const id = this.nextId++;
    // 40 hex digits like the real tokens; deterministic for a given clock and history.
    const token = createHash('sha1').update(`${applicationId}:${id}:${now}`).digest('hex');
    const session: CubeSession = {
      id,
      token,
      applicationId,
      userId,
      createdAt: now,
      updatedAt: now,
      lastUsedAt: now,
      nonce: nonce ?? id,
      ts: Math.floor(now / 1000),
    };
    this.byToken.set(token, session);
    return session;
  }

  /** The live session for a token, its lifetime prolonged; expired ones are forgotten. */
  touch(token: string, now: number): CubeSession | undefined {
    const session = this.byToken.get(token);
    if (!session) return undefined;
    if (now - session.lastUsedAt >= SESSION_IDLE_MS) {
      this.byToken.delete(token);
      return undefined;
    }
    session.lastUsedAt = now;
    return session;
  }

  destroy(token: string): void {
    this.byToken.delete(token);
  }

  /** Ends every session of a user (their account is gone). */
  destroyUser(userId: number): void {
    for (const [token, session] of this.byToken) {
      if (session.userId === userId) this.byToken.delete(token);
    }
  }

  list(): CubeSession[] {
    return [...this.byToken.values()];
  }

  clear(): void {
    this.byToken.clear();
  }
}

/**
 * The string the legacy signed form signs: every parameter but `signature`, nested objects
 * flattened as `user[login]`, sorted by key, joined as `k=v&…` without URL-encoding — what
 * ConnectyCube's own `create-session-example` computes (HMAC-SHA1, hex, with the auth secret).
 */
export function signatureBase(body: Record<string, unknown>): string {
  const pairs: [string, string][] = [];
  const walk = (value: unknown, key: string): void => {
    if (isRecord(value)) {
      for (const [inner, innerValue] of Object.entries(value)) walk(innerValue, `${key}[${inner}]`);
    } else if (value !== undefined && value !== null) {
      pairs.push([key, String(value)]);
    }
  };
  for (const [key, value] of Object.entries(body)) if (key !== 'signature') walk(value, key);
  pairs.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return pairs.map(([key, value]) => `${key}=${value}`).join('&');
}

export function signSession(body: Record<string, unknown>, authSecret: string): string {
  return createHmac('sha1', authSecret).update(signatureBase(body)).digest('hex');
}

export function verifySignature(body: Record<string, unknown>, authSecret: string): boolean {
  const given = body.signature;
  if (typeof given !== 'string') return false;
  const expected = Buffer.from(signSession(body, authSecret));
  const actual = Buffer.from(given.toLowerCase());
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
