import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenarios/read.js';
import { Model } from '../../src/model/model.js';
import type { ModelSink } from '../../src/model/sink.js';
import { DAY } from '../../src/sim/time.js';

/** A sink that keeps everything the model hands out, as text, and may pause the model every `every` calls. */
function recorder(every = 0): { sink: ModelSink; out: string[]; attach(m: Model): void } {
  const out: string[] = [];
  let model: Model | undefined;
  let calls = 0;
  const tick = () => { if (every > 0 && ++calls % every === 0) model!.pause(); };
  return {
    out,
    attach: (m) => { model = m; },
    sink: {
      row: (...cells) => { out.push(cells.join(',')); tick(); },
      job: ({ job: j, finalState }) => {
        out.push(JSON.stringify([j.id, j.type, j.driveCount, j.totalBytes, j.created, j.entered, j.deleted, j.deleteRule, j.returnShipped, j.firstDelivery, j.cancelRequested, j.escalations, j.faults, j.errors, finalState]));
        tick();
      },
      drive: ({ drive: d }) => {
        out.push(JSON.stringify([d.id, d.job?.id, d.role, d.bytes, d.entered, d.state, d.outcome, d.returned, d.destroyed, d.copyWait, d.copyStart, d.copyEnd]));
        tick();
      },
      day: (r) => { out.push(JSON.stringify({ ...r, jobs: [...r.jobs], drives: [...r.drives] })); tick(); },
    },
  };
}

describe('pausing the model (the CSV writers\' backpressure)', () => {
  const scenario = loadScenario('scenarios/default.yaml', ['horizon=120d']).scenario;

  it('never changes what the model hands out or its summary, and the records open at the horizon go out in steps', () => {
    const whole = recorder();
    const summary = new Model(scenario, whole.sink).finish();

    const paused = recorder(997);
    const model = new Model(scenario, paused.sink);
    paused.attach(model);
    let slices = 0;
    while (!model.done) {
      model.advance(model.now + DAY);
      slices++;
    }
    const steps = model.finishing();
    let step = steps.next();
    let yields = 0;
    for (; !step.done; step = steps.next()) yields++;

    expect(slices).toBeGreaterThan(120); // paused inside days, not only at their ends
    expect(yields).toBeGreaterThan(0); // the open jobs' and drives' records were handed out in steps
    expect(paused.out.length).toBe(whole.out.length);
    expect(paused.out).toEqual(whole.out);
    expect(step.value).toEqual(summary);
  });
});
