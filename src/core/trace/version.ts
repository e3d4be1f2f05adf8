/** This build's version, as written into traces and HAR files (package.json and manifest.json agree: see version.test.ts). */
export const CORS_LENS_VERSION = '0.1.0';
