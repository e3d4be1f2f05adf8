/**
 * The extension's add-on id in Firefox (`browser_specific_settings.gecko.id`,
 * which scripts/firefoxManifest.ts writes): Firefox keys the extension's
 * storage by it, and `cors-lens record` gives the extension a fixed address
 * in the profiles it starts by it (src/cli/record/launchFirefox.ts).
 */
export const GECKO_ID = 'cors-lens@cors-lens.dev';
