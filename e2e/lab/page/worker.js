// A dedicated worker of the lab page: makes one request, as the page asks.
'use strict';
importScripts('/lab/lab.js');

self.onmessage = async (event) => {
  self.postMessage(await self.corsLab.runLabRequest(event.data));
};
