import { describe, expect, it } from 'vitest';
import { playSimulation, type SimulatedSend } from '../simulator/playSimulation.ts';
import { presetById, SIMULATION_PRESETS } from '../simulator/presets.ts';
import type { Simulation } from '../simulator/simulation.ts';
import { clock } from '../simulator/simulationStep.ts';
import { simulationSteps } from '../simulator/simulationSteps.ts';
import { diagramText, type NegotiationDiagram } from './diagram.ts';
import { sendDiagramInput } from './diagramInput.ts';
import { diagramUpTo, withSteps } from './diagramSteps.ts';
import { negotiationDiagram } from './negotiationDiagram.ts';
import { shapeOf } from './testShapes.ts';
import { corsErrorOf } from '../cors/verdictFacts.ts';

function diagramOf(send: SimulatedSend): NegotiationDiagram {
  return withSteps(negotiationDiagram(sendDiagramInput(send), { time: clock }), simulationSteps(send));
}

function sendsOf(id: string, sends: readonly number[] = [0, 0]): SimulatedSend[] {
  const preset = presetById(id);
  if (!preset) throw new Error(`no preset ${id}`);
  return [...playSimulation({ ...preset.simulation, sends }).sends];
}

// Each preset sent twice at t = 0: the arrows of each send, in order, the marked one with its CorsError.
const PRESET_SHAPES: Readonly<Record<string, readonly [string, string]>> = {
  'object-store-403': [
    'call > preflight > preflight-answer[PreflightMissingAllowOriginHeader] > outcome',
    'call > preflight > preflight-answer[PreflightMissingAllowOriginHeader] > outcome',
  ],
  'delete-x-requested-with-max-age': [
    'call > preflight > preflight-answer > cache-store > request > answer > outcome',
    'call > cache-lookup > request > answer > outcome',
  ],
  'messaging-json-post': [
    'call > preflight > preflight-answer[HeaderDisallowedByPreflightResponse] > outcome',
    'call > preflight > preflight-answer[HeaderDisallowedByPreflightResponse] > outcome',
  ],
  'delete-with-credentials': [
    'call > preflight > preflight-answer[PreflightInvalidAllowCredentials] > outcome',
    'call > preflight > preflight-answer[PreflightInvalidAllowCredentials] > outcome',
  ],
  'put-with-dnt': ['call > preflight > preflight-answer > cache-store > request > answer > outcome', 'call > cache-lookup > request > answer > outcome'],
  'allow-origin-without-scheme': ['call > request > answer[InvalidAllowOriginValue] > outcome', 'call > request > answer[InvalidAllowOriginValue] > outcome'],
  'allow-origin-null': ['call > request > answer[AllowOriginMismatch] > outcome', 'call > request > answer[AllowOriginMismatch] > outcome'],
  'wildcard-with-credentials': ['call > request > answer[WildcardOriginNotAllowed] > outcome', 'call > request > answer[WildcardOriginNotAllowed] > outcome'],
  'simple-get': ['call > request > answer > outcome', 'call > request > answer > outcome'],
};

describe('the negotiation diagram of each simulator preset', () => {
  it('covers every preset', () => {
    expect(Object.keys(PRESET_SHAPES).sort()).toEqual(SIMULATION_PRESETS.map((preset) => preset.id).sort());
  });

  for (const preset of SIMULATION_PRESETS) {
    it(`${preset.id}: the arrows of a first and a second send, in order, the failing check marked`, () => {
      const shapes = sendsOf(preset.id).map((send) => shapeOf(diagramOf(send)));
      expect(shapes).toEqual(PRESET_SHAPES[preset.id]);
    });

    it(`${preset.id}: each arrow and the mark are drawn by a step of the simulation, in the steps' order`, () => {
      for (const send of sendsOf(preset.id)) {
        const steps = simulationSteps(send).map((step) => step.id);
        const diagram = diagramOf(send);
        const drawnBy = diagram.arrows.map((arrow) => steps.indexOf(arrow.step ?? ''));
        expect(drawnBy).not.toContain(-1);
        expect(drawnBy).toEqual([...drawnBy].sort((a, b) => a - b));
        for (const arrow of diagram.arrows)
          if (arrow.mark) expect(simulationSteps(send).find((step) => step.id === arrow.mark?.step)?.corsError).toBe(corsErrorOf(send.verdict));
      }
    });
  }

  it("delete-x-requested-with-max-age: every label, Chromium's lifetime beside Firefox's; the second send draws the cache lookup instead of the OPTIONS", () => {
    const [first, second] = sendsOf('delete-x-requested-with-max-age').map((send) => diagramText(diagramOf(send)));
    expect(first).toMatchInlineSnapshot(`
      "1. Page to browser: fetch(): DELETE /items/1. X-Requested-With: XMLHttpRequest.
      2. Browser to server: Preflight: OPTIONS /items/1. Origin: https://app.example; Access-Control-Request-Method: DELETE; Access-Control-Request-Headers: x-requested-with.
      3. Server to browser: Preflight answer: 204. Access-Control-Allow-Origin: https://app.example; Access-Control-Allow-Methods: GET, POST, DELETE; Access-Control-Allow-Headers: X-Requested-With; Access-Control-Max-Age: 86400.
      4. Browser to its preflight cache: Result cached for 7200 s. Chromium: kept 7200 s (Access-Control-Max-Age: 86400, capped); Firefox: kept 86400 s (Access-Control-Max-Age: 86400); Expires: t = 7200 s.
      5. Browser to server: Request: DELETE /items/1. Origin: https://app.example; X-Requested-With: XMLHttpRequest.
      6. Server to browser: Answer: 200. Access-Control-Allow-Origin: https://app.example.
      7. Browser to page: Script reads the response: 200. Readable headers: content-type; Hidden from script: access-control-allow-origin, vary."
    `);
    expect(second).toMatchInlineSnapshot(`
      "1. Page to browser: fetch(): DELETE /items/1. X-Requested-With: XMLHttpRequest.
      2. Browser to its preflight cache: Cache hit: no preflight. Stored: t = 0 s; Expires: t = 7200 s; Methods: GET, POST, DELETE; Headers: x-requested-with; No preflight is sent.
      3. Browser to server: Request: DELETE /items/1. Origin: https://app.example; X-Requested-With: XMLHttpRequest.
      4. Server to browser: Answer: 200. Access-Control-Allow-Origin: https://app.example.
      5. Browser to page: Script reads the response: 200. Readable headers: content-type; Hidden from script: access-control-allow-origin, vary."
    `);
  });

  it("object-store-403: the mark names the header, what the server sent and what the browser needed, and Firefox's reason for the same failure", () => {
    const [send] = sendsOf('object-store-403');
    const marked = diagramOf(send as SimulatedSend).arrows.find((arrow) => arrow.mark);
    expect(marked?.mark).toEqual({
      corsError: 'PreflightMissingAllowOriginHeader',
      failedParameter: '',
      header: 'Access-Control-Allow-Origin',
      received: null,
      needed: 'https://app.example',
      firefoxReason: 'CORSMissingAllowOrigin',
      step: 'hop1.preflight.allow-origin',
    });
    expect(marked?.text).toBe(
      'Server to browser: Preflight answer: 403. No Access-Control-* header. Failed check: PreflightMissingAllowOriginHeader. Access-Control-Allow-Origin: the server sent (absent), the browser needed https://app.example. Firefox: CORSMissingAllowOrigin.',
    );
  });
});

describe('stepping through', () => {
  it('draws the diagram message by message as the steps are shown, and the mark with the failing check', () => {
    const [send] = sendsOf('object-store-403');
    const steps = simulationSteps(send as SimulatedSend);
    const diagram = diagramOf(send as SimulatedSend);
    const shown = steps.map((_, count) => shapeOf(diagramUpTo(diagram, new Set(steps.slice(0, count + 1).map((step) => step.id)))));
    expect(steps.map((step, index) => `${step.id}: ${shown[index]}`)).toEqual([
      'cors-request: call',
      'hop1.needs-preflight: call',
      'hop1.cache-lookup: call',
      'hop1.preflight-request: call > preflight',
      'hop1.preflight-response: call > preflight > preflight-answer',
      'hop1.preflight.no-redirect: call > preflight > preflight-answer',
      'hop1.preflight.allow-origin: call > preflight > preflight-answer[PreflightMissingAllowOriginHeader]',
      'hop1.preflight.allow-credentials: call > preflight > preflight-answer[PreflightMissingAllowOriginHeader]',
      'hop1.preflight.ok-status: call > preflight > preflight-answer[PreflightMissingAllowOriginHeader]',
      'hop1.preflight.allow-methods-syntax: call > preflight > preflight-answer[PreflightMissingAllowOriginHeader]',
      'hop1.preflight.allow-headers-syntax: call > preflight > preflight-answer[PreflightMissingAllowOriginHeader]',
      'hop1.preflight.method-allowed: call > preflight > preflight-answer[PreflightMissingAllowOriginHeader]',
      'hop1.preflight.headers-allowed: call > preflight > preflight-answer[PreflightMissingAllowOriginHeader]',
      'hop1.request: call > preflight > preflight-answer[PreflightMissingAllowOriginHeader]',
      'result: call > preflight > preflight-answer[PreflightMissingAllowOriginHeader] > outcome',
    ]);
    expect(diagramUpTo(diagram, null)).toBe(diagram);
  });

  it("hides the mark's words too until its step is shown", () => {
    const [send] = sendsOf('object-store-403');
    const upToAnswer = diagramUpTo(diagramOf(send as SimulatedSend), new Set(['cors-request', 'hop1.preflight-request', 'hop1.preflight-response']));
    expect(upToAnswer.arrows.map((arrow) => arrow.text).join(' ')).not.toContain('PreflightMissingAllowOriginHeader');
    expect(upToAnswer.arrows.every((arrow) => arrow.tone !== 'bad')).toBe(true);
  });
});

describe('the clock', () => {
  it('a send after the entry expired draws the OPTIONS again and says why', () => {
    const sends = sendsOf('delete-x-requested-with-max-age', [0, 10, 7200]);
    expect(sends.map((send) => shapeOf(diagramOf(send)))).toEqual([
      'call > preflight > preflight-answer > cache-store > request > answer > outcome',
      'call > cache-lookup > request > answer > outcome',
      'call > preflight > preflight-answer > cache-store > request > answer > outcome',
    ]);
    const third = diagramOf(sends[2] as SimulatedSend);
    expect(third.arrows.find((arrow) => arrow.kind === 'preflight')?.lines).toContainEqual({ value: 'The cache entry for this URL has expired.' });
    expect(third.arrows.find((arrow) => arrow.kind === 'cache-store')?.lines).toContainEqual({ name: 'Expires', value: 't = 14400 s' });
  });
});

describe('the lanes', () => {
  it('are the page with its origin, the browser with its cache, and each server origin the request reached', () => {
    const simulation: Simulation = {
      ...(presetById('simple-get')?.simulation as Simulation),
      server: {
        ...(presetById('simple-get')?.simulation.server as Extract<Simulation['server'], { kind: 'policy' }>),
        allowOrigin: { kind: 'any' },
        redirect: { status: 302, location: 'https://cdn.example/items/1' },
      },
    };
    const [send] = playSimulation(simulation).sends;
    const diagram = diagramOf(send as SimulatedSend);
    expect(diagram.lanes).toEqual([
      { lane: 'page', title: 'Page', subtitle: 'https://app.example' },
      { lane: 'browser', title: 'Browser', subtitle: 'and its preflight cache' },
      { lane: 'server', title: 'Server', subtitle: 'https://api.example, then https://cdn.example' },
    ]);
    expect(shapeOf(diagram)).toBe('call > request > redirect > request > answer > outcome');
    expect(diagram.arrows.map((arrow) => arrow.title)).toEqual([
      'fetch(): GET /items/1',
      'Request: GET /items/1',
      'Redirect: 302 to https://cdn.example/items/1',
      'Request: GET https://cdn.example/items/1',
      'Answer: 200',
      'Script reads the response: 200',
    ]);
  });
});
