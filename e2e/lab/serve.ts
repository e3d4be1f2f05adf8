// `npm run lab`: the CORS lab on its own, for trying CORS Lens by hand (open
// the page in Chromium with the extension: the panel's empty state links to
// it) or with `cors-lens record`. It listens on LAB_PORT (default 4780) and
// the three ports after it.
import { SCENARIOS } from './scenarios/index.ts';
import { startLab } from './server.ts';

/** Keep in step with LAB_URL in src/panel/EmptyState.tsx. */
const DEFAULT_PORT = 4780;
const firstPort = Number(process.env.LAB_PORT ?? DEFAULT_PORT);

const lab = await startLab(SCENARIOS, { firstPort }).catch((error: unknown) => {
  const inUse = error instanceof Error && 'code' in error && error.code === 'EADDRINUSE';
  console.error(
    inUse
      ? `cors-lens lab: a port from ${firstPort} to ${firstPort + 3} is in use; set LAB_PORT to another first port.`
      : `cors-lens lab: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
});
console.log(`CORS Lens lab: ${SCENARIOS.length} scenarios`);
console.log(`  page         ${lab.pageOrigin}/`);
console.log(`  API          ${lab.apiOrigin}/s/<scenario>/`);
console.log(`  run them all ${lab.pageOrigin}/?run=all`);
console.log(`Try: npx cors-lens record '${lab.pageOrigin}/?run=all' --wait-for 'body[data-lab-done]'`);
console.log('Ctrl-C stops the lab.');
process.on('SIGINT', () => void lab.close().then(() => process.exit(0)));
