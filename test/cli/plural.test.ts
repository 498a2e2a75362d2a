import { describe, expect, it } from 'vitest';
import { plural } from '../../src/plural.js';

describe('plural (messages, the report, summaries)', () => {
  it('is singular for exactly one and plural otherwise, zero included', () => {
    expect(plural(1, 'replication')).toBe('1 replication');
    expect(plural(0, 'violation')).toBe('0 violations');
    expect(plural(8, 'shard')).toBe('8 shards');
  });

  it('groups thousands when asked, as the checker and the report print row counts', () => {
    expect(plural(26_436_956, 'row', true)).toBe('26,436,956 rows');
    expect(plural(1, 'row', true)).toBe('1 row');
  });
});
