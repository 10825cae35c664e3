/**
 * What started a run. Stored with the run and shown in Activity: every trigger has a label there
 * (components/RunsTable.tsx maps this union, so a new trigger without a label does not compile).
 */
export type Trigger =
  | 'manual'
  | 'scheduled'
  | 'retry'
  | 'install'
  | 'startup'
  | 'consent'
  | 'settings'
  | 'google-connected'
  | 'signed-in'
  | 'reupload'
  | 'remove'
  | 'push'
  /** "Check and repair", clicked. */
  | 'repair'
  /** The daily check of the server's book. */
  | 'daily-check';

/**
 * Triggers older versions stored under other names: the periodic alarm ran as its alarm's name.
 * Runs recorded before an update still read as what they were.
 */
export const LEGACY_TRIGGERS: Record<string, Trigger> = {
  alarm: 'scheduled',
  sync: 'scheduled',
  'sync-retry': 'retry',
};
