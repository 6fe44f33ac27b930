import * as assert from 'node:assert/strict';
import { Coalescer, type Timers } from '../../../src/webview/coalesce';

/** Timers under the test's control: nothing fires unless the test says time has passed. */
function manualTimers() {
  let now = 0;
  const pending = new Map<number, { at: number; fn: () => void }>();
  let next = 1;
  const timers: Timers = {
    set(fn, ms) {
      pending.set(next, { at: now + ms, fn });
      return next++;
    },
    clear(h) {
      pending.delete(h as number);
    },
  };
  return {
    timers,
    advance(ms: number) {
      now += ms;
      for (const [id, t] of [...pending]) if (t.at <= now) {
        pending.delete(id);
        t.fn();
      }
    },
    get pending() {
      return pending.size;
    },
  };
}

describe('webview: Coalescer (render at once, coalesce while one is in flight)', () => {
  it('sends the first request at once, with no wait', () => {
    const t = manualTimers();
    const sent: number[] = [];
    let state = 0;
    const c = new Coalescer(() => (sent.push(state), true), 1000, t.timers);
    state = 1;
    c.request();
    assert.deepEqual(sent, [1], 'sent synchronously, before any time passes');
  });

  it('coalesces requests made while one is in flight into one, sent with the newest state when the answer arrives', () => {
    const t = manualTimers();
    const sent: number[] = [];
    let state = 0;
    const c = new Coalescer(() => (sent.push(state), true), 1000, t.timers);
    state = 1;
    c.request();
    for (state = 2; state <= 9; state++) c.request();
    state = 9;
    assert.deepEqual(sent, [1], 'nothing queued while the first is in flight');
    c.answered();
    assert.deepEqual(sent, [1, 9], 'one request, with the state as it is now');
    c.answered();
    assert.deepEqual(sent, [1, 9], 'nothing more was asked for');
    assert.equal(c.busy, false);
  });

  it('a request after the answer is sent at once again', () => {
    const t = manualTimers();
    let n = 0;
    const c = new Coalescer(() => (n++, true), 1000, t.timers);
    c.request();
    c.answered();
    c.request();
    assert.equal(n, 2);
  });

  it('an answer that never comes stops holding requests after maxWaitMs', () => {
    const t = manualTimers();
    let n = 0;
    const c = new Coalescer(() => (n++, true), 1000, t.timers);
    c.request();
    c.request();
    t.advance(999);
    assert.equal(n, 1);
    t.advance(1);
    assert.equal(n, 2, 'the held request went out');
    assert.equal(c.busy, true, 'and is itself in flight');
  });

  it('a send that sent nothing is not in flight, and leaves no timer behind', () => {
    const t = manualTimers();
    let ready = false;
    let n = 0;
    const c = new Coalescer(() => (ready ? (n++, true) : false), 1000, t.timers);
    c.request();
    assert.equal(c.busy, false);
    assert.equal(t.pending, 0);
    ready = true;
    c.request();
    assert.equal(n, 1);
    c.answered();
    assert.equal(t.pending, 0, 'the answer cleared the timer');
  });
});
