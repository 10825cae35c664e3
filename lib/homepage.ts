/**
 * The project's page: the manifest's `homepage_url` when WXT_HOMEPAGE_URL is unset (wxt.config.ts),
 * and where an invitation points when neither WXT_INVITE_URL nor WXT_HOMEPAGE_URL is set
 * (lib/config.ts). A module of its own because wxt.config.ts runs in Node, where `import.meta.env`
 * (read by lib/config.ts) does not exist.
 */
export const DEFAULT_HOMEPAGE_URL = 'https://github.com/cube-contacts/cube-contacts';
