import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Backoff, backoffSchedule } from '../backoff.js';

test('doubles from 0.5 s up to 8 s, then stays', () => {
  assert.deepEqual(backoffSchedule(8), [500, 1000, 2000, 4000, 8000, 8000, 8000, 8000]);
});

test('reset starts over', () => {
  const b = new Backoff();
  b.next();
  b.next();
  b.reset();
  assert.equal(b.next(), 500);
});

test('jitter stays within ±jitter of the base', () => {
  const lo = new Backoff({ jitter: 0.2, random: () => 0 });
  const hi = new Backoff({ jitter: 0.2, random: () => 1 });
  assert.equal(lo.next(), 400);
  assert.equal(hi.next(), 600);
});
