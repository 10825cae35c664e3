// The ConnectyCube answers the client reads, checked: nothing a server sends reaches the database
// unchecked (lib/net/shape.ts).
import {
  isId,
  isOptionalText,
  isRecord,
  isString,
  MalformedAnswerError,
  record,
} from '../net/shape.ts';
import type { CubeUser, RegisteredItem, UploadResult } from '../sync/ports.ts';
import type { UploadContact } from '../domain/upload.ts';
import type { CubeProfile, SessionAnswer } from './types.ts';

export const CUBE = 'ConnectyCube';

/** An entry of `POST /address_book` as the server spells it: a removal is `destroy: 1`. */
export type WireContact =
  { phone: string; name: string; destroy?: never } | { phone: string; destroy: 1 };

export function wireContact(contact: UploadContact): WireContact {
  return contact.destroy
    ? { phone: contact.phone, destroy: 1 }
    : { phone: contact.phone, name: contact.name };
}

/** `{user: {id, phone, address_book_name}}`, or null when it is not one. */
export function readRegistered(item: unknown): RegisteredItem | null {
  const user = isRecord(item) ? item.user : undefined;
  if (!isRecord(user) || !isId(user.id) || !isString(user.phone) || user.phone === '') return null;
  if (!isOptionalText(user.address_book_name)) return null;
  return { id: user.id, phone: user.phone, addressBookName: user.address_book_name ?? '' };
}

/** A profile of `/users/v2`: text fields that are text (or absent), or null. */
export function readProfile(item: unknown): CubeUser | null {
  if (!isRecord(item) || !isId(item.id)) return null;
  const { id, full_name, login, avatar, created_at } = item;
  if (![full_name, login, avatar, created_at].every(isOptionalText)) return null;
  return {
    id,
    fullName: full_name as string | null | undefined,
    login: login as string | null | undefined,
    avatar: avatar as string | null | undefined,
    createdAt: created_at as string | null | undefined,
  };
}

/**
 * One of `GET /subscriptions`: `{subscription: {id, device: {udid}}}`. Its id goes into the path of
 * `DELETE /subscriptions/{id}`, so only a positive safe integer is one: a string such as
 * `1/../../users/81` would resolve to `DELETE /users/81`. Null when it is not one.
 */
export function readSubscription(item: unknown): { id: number; udid: string | null } | null {
  const subscription = isRecord(item) ? item.subscription : undefined;
  if (!isRecord(subscription) || !isId(subscription.id)) return null;
  const udid = isRecord(subscription.device) ? subscription.device.udid : undefined;
  return { id: subscription.id, udid: isString(udid) ? udid : null };
}

export function readBookEntry(item: unknown): { phone: string; name: string } | null {
  if (!isRecord(item) || !isString(item.phone) || !isString(item.name)) return null;
  return { phone: item.phone, name: item.name };
}

/**
 * The counts and refusals of an upload. `rejected` must map indexes of the request to lists of
 * reasons: a refusal of an index the request does not have, or of the wrong shape, fails the answer
 * (trusting it could mark entries refused, or sent, that were not).
 */
export function readUploadAnswer(answer: unknown, sent: number): UploadResult {
  const body = answer === null ? {} : record(CUBE, 'upload', answer);
  const count = (field: 'created' | 'updated' | 'deleted'): number => {
    const value = body[field] ?? 0;
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0)
      throw new MalformedAnswerError(CUBE, field, 'is not a count');
    return value;
  };
  const rejected: Record<string, string[]> = {};
  const refusals = body.rejected ?? {};
  if (!isRecord(refusals)) throw new MalformedAnswerError(CUBE, 'rejected', 'is not an object');
  for (const [index, reasons] of Object.entries(refusals)) {
    const at = Number(index);
    if (!Number.isInteger(at) || at < 0 || at >= sent)
      throw new MalformedAnswerError(CUBE, `rejected.${index}`, 'names no contact of the request');
    if (!Array.isArray(reasons) || !reasons.every(isString))
      throw new MalformedAnswerError(CUBE, `rejected.${index}`, 'is not a list of reasons');
    rejected[index] = reasons;
  }
  return {
    created: count('created'),
    updated: count('updated'),
    deleted: count('deleted'),
    rejected,
  };
}

/** A session answer: a token, the user's id, and the profile's text fields as text. */
export function readSession(body: unknown): SessionAnswer['session'] {
  const session = record(CUBE, 'session', isRecord(body) ? body.session : undefined);
  if (!isString(session.token) || session.token === '')
    throw new MalformedAnswerError(CUBE, 'session.token', 'is not a token');
  if (!isId(session.user_id))
    throw new MalformedAnswerError(CUBE, 'session.user_id', 'is not a user id');
  const user = isRecord(session.user) ? session.user : undefined;
  const text = ['full_name', 'email', 'login', 'phone', 'avatar', 'created_at'] as const;
  if (user && (user.id !== session.user_id || !text.every((f) => isOptionalText(user[f]))))
    throw new MalformedAnswerError(CUBE, 'session.user', 'is not the profile of session.user_id');
  return {
    token: session.token,
    user_id: session.user_id,
    ...(user ? { user: user as unknown as CubeProfile } : {}),
    ...(isString(session.created_at) ? { created_at: session.created_at } : {}),
  };
}
