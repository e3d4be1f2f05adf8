import { pairEvents } from '../src/core/pairing/pairEvents.ts';
import { importCapture } from '../src/core/trace/importCapture.ts';
import { traceToHar } from '../src/core/trace/traceToHar.ts';
import { generateEvents } from './events.ts';
import { validateHar } from '../src/core/har/readHar.ts';
import { harToEvents } from '../src/core/har/harToEvents.ts';
const pages = [];
for (let seed = 1; seed <= 4; seed++) pages.push({ url: `https://a${seed}.test/`, transactions: pairEvents(generateEvents(20_000, seed).events).transactions });
const text = JSON.stringify(traceToHar({ pages }));
for (let i = 0; i < 2; i++) {
  let t = performance.now(); const json = JSON.parse(text); const a = performance.now() - t;
  t = performance.now(); const har = validateHar(json); const b = performance.now() - t;
  t = performance.now(); const events = harToEvents(har); const c = performance.now() - t;
  t = performance.now(); pairEvents(events); const d = performance.now() - t;
  console.log({ parse: Math.round(a), validate: Math.round(b), toEvents: Math.round(c), pair: Math.round(d), events: events.length });
}
