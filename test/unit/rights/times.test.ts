import assert from 'node:assert/strict';
import { localTime } from '../../../client/src/rights/times';

describe('rights/times', () => {
  it('shows an ISO time in the given zone and locale', () => {
    assert.equal(localTime('2026-12-07T12:08:00.000Z', { locale: 'en-GB', timeZone: 'Europe/Moscow' }), '7 Dec 2026, 15:08');
    assert.equal(localTime('2026-12-07T12:08:00.000Z', { locale: 'en-US', timeZone: 'America/New_York' }), 'Dec 7, 2026, 07:08 AM');
  });

  it("uses the machine's zone when none is given", () => {
    const shown = localTime('2026-07-01T00:30:00.000Z', { locale: 'en-GB' });
    const d = new Date('2026-07-01T00:30:00.000Z');
    assert.match(shown, new RegExp(`${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}$`));
  });

  it('leaves text that is not a time, and survives an unknown zone', () => {
    assert.equal(localTime('yesterday'), 'yesterday');
    assert.equal(localTime('2026-12-07T12:08:00.000Z', { timeZone: 'Nowhere/Else' }), '2026-12-07T12:08:00.000Z');
  });
});
