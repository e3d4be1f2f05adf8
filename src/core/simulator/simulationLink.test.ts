import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SIMULATION_PRESETS } from './presets.ts';
import { readSimulationFragment, simulationFragment } from './simulationLink.ts';

describe('simulation links', () => {
  it.each(SIMULATION_PRESETS.map((preset) => [preset.id, preset.simulation] as const))('%s reopens the same simulation', (_id, simulation) => {
    expect(readSimulationFragment(`#${simulationFragment(simulation)}`)).toEqual({ ok: true, simulation });
  });

  it('keeps any header value, however hostile, through the link', () => {
    const base = SIMULATION_PRESETS[0]!.simulation;
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.string({ minLength: 1, maxLength: 40 }), (value, name) => {
        const simulation = { ...base, request: { ...base.request, headers: [{ name, value }] } };
        expect(readSimulationFragment(simulationFragment(simulation))).toEqual({ ok: true, simulation });
      }),
    );
  });

  it('says there is no simulation when the fragment holds none', () => {
    expect(readSimulationFragment('')).toEqual({ ok: false, error: null });
    expect(readSimulationFragment('#other=1')).toEqual({ ok: false, error: null });
  });

  it.each([
    ['not JSON', 'simulation=%7Bnope', /not valid JSON/],
    ['a broken escape', 'simulation=%E0%A4%A', /not valid JSON/],
    ['another version', `simulation=${encodeURIComponent(JSON.stringify({ version: 99, simulation: {} }))}`, /version/],
    [
      'a missing field',
      `simulation=${encodeURIComponent(JSON.stringify({ version: 1, simulation: { ...SIMULATION_PRESETS[0]!.simulation, server: undefined } }))}`,
      /simulation\.server/,
    ],
    [
      'a mistyped field',
      `simulation=${encodeURIComponent(JSON.stringify({ version: 1, simulation: { ...SIMULATION_PRESETS[0]!.simulation, sends: ['soon'] } }))}`,
      /simulation\.sends\[0\]/,
    ],
    [
      'too many sends',
      `simulation=${encodeURIComponent(JSON.stringify({ version: 1, simulation: { ...SIMULATION_PRESETS[0]!.simulation, sends: Array.from({ length: 100 }, () => 0) } }))}`,
      /simulation\.sends/,
    ],
    ['a huge link', `simulation=${'x'.repeat(70_000)}`, /characters long/],
    ['deep nesting', `simulation=${encodeURIComponent('['.repeat(5000) + ']'.repeat(5000))}`, /not one CORS Lens can open/],
  ])('explains a link with %s', (_what, fragment, message) => {
    const reading = readSimulationFragment(fragment);
    expect(reading.ok).toBe(false);
    if (!reading.ok) expect(reading.error).toMatch(message);
  });
});
