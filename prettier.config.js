// Prettier: `npm run format` writes, `npm run lint` checks. The code's own
// style: single quotes, semicolons, trailing commas, and one expression to a
// line, which makes long lines: 160 columns keep most as they are written and
// wrap the few 200-character ones.
/** @type {import('prettier').Config} */
export default { singleQuote: true, printWidth: 160 };
