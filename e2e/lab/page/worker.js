// The lab page's dedicated worker: makes each request the page asks for, and
// answers on the port that came with it.
'use strict';
importScripts('/lab/lab.js');

self.onmessage = async (event) => {
  event.ports[0].postMessage(await self.corsLab.runLabRequest(event.data));
};
