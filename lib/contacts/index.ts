export type * from './types.ts';
export { buildEntries, hasPhones, mergeEntry, projectPhones } from './entries.ts';
export type { BuiltEntries, PersonProjection, ProjectedPhone } from './entries.ts';
export { defaultCountryFromLocale, FALLBACK_COUNTRY } from './locale.ts';
export { chooseName, cleanName, compareStrings, NAME_MAX_LENGTH, truncateName } from './name.ts';
export {
  formatForDisplay,
  normalizePhone,
  PHONE_MAX_LENGTH,
  PHONE_MIN_LENGTH,
  supportedCountry,
} from './normalize.ts';
