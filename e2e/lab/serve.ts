// `npm run lab`: the CORS lab on its own, for trying CORS Lens by hand (open
// the page in Chromium with the extension) or with `cors-lens record`.
import { SCENARIOS } from './scenarios/index.ts';
import { startLab } from './server.ts';

const lab = await startLab(SCENARIOS);
console.log(`CORS Lens lab: ${SCENARIOS.length} scenarios`);
console.log(`  page         ${lab.pageOrigin}/`);
console.log(`  API          ${lab.apiOrigin}/s/<scenario>/`);
console.log(`  run them all ${lab.pageOrigin}/?run=all`);
console.log(`Try: npx cors-lens record '${lab.pageOrigin}/?run=all'`);
console.log('Ctrl-C stops the lab.');
process.on('SIGINT', () => void lab.close().then(() => process.exit(0)));
