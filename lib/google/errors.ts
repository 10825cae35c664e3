import {
  ListingExpiredError,
  ListingQuotaError,
  NeedsUserError,
  PageTokenRejectedError,
  ServiceRefusedError,
} from '../sync/ports.ts';

/**
 * Google answered a sync token with the reason EXPIRED_SYNC_TOKEN: HTTP 400 FAILED_PRECONDITION
 * (what the API sends), or 410 (what Google's client library docs describe).
 */
export class ExpiredSyncTokenError extends ListingExpiredError {
  override name = 'ExpiredSyncTokenError';
  constructor() {
    super('Google sync token expired');
  }
}

/** A page token Google no longer accepts (400 INVALID_ARGUMENT on a paged call): restart the listing. */
export class InvalidPageTokenError extends PageTokenRejectedError {
  override name = 'InvalidPageTokenError';
}

/** Google access could not be renewed without the user: the account needs reconnecting. */
export class NeedsReconnectError extends NeedsUserError {
  override name = 'NeedsReconnectError';
  constructor(detail = 'Google access expired and could not be renewed silently') {
    super('google-reconnect', detail);
  }
}

/** Any other answer from Google that is not a success. Never carries the token or the query. */
export class GoogleApiError extends ServiceRefusedError {
  override name = 'GoogleApiError';
  override readonly code = 'google-refused';
  constructor(
    status: number,
    readonly reason: string | undefined,
    message: string,
  ) {
    super(status, message);
  }
}

/**
 * The People API answered 429: its read quotas are per minute (the first page of a full listing
 * draws on an extra, fixed one), so the listing is not retried within the run.
 */
export class PeopleQuotaError extends ListingQuotaError {
  override name = 'PeopleQuotaError';
  constructor() {
    super(
      'Google People API: the quota of contact reads is used up for now (HTTP 429); the next sync tries again in a minute or more',
    );
  }
}
