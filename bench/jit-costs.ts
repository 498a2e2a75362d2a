/**
 * A callgrind profile's self costs by JavaScript function: `npm run
 * bench:jit-costs -- <callgrind.out> <perf-PID.map> [event] [rows]`.
 *
 * Callgrind counts every instruction and (with --cache-sim=yes) every cache
 * miss alike on every run, which this host's noisy seconds do not; but it
 * sees V8's compiled code as nameless addresses. V8 names them in a perf map
 * (`node --perf-basic-prof` writes /tmp/perf-PID.map), so this reads the
 * profile's per-instruction costs (--dump-instr=yes) and charges each
 * nameless address to the function the map names there (the latest entry,
 * code being reused after a function is thrown away). Named functions (V8's
 * builtins, the collector, libc) keep their names. The recipe:
 *
 *   valgrind --tool=callgrind --cache-sim=yes --dump-instr=yes \
 *     --D1=1048576,16,64 --LL=8388608,16,64 --smc-check=all-non-file \
 *     --callgrind-out-file=/tmp/cg.out \
 *     node --single-threaded --perf-basic-prof dist/bench/case.js model 36.5d
 *
 * (`--single-threaded`: the compiler and the collector run on the main
 * thread, where callgrind counts them without racing the model.) Events:
 * Ir instructions, Dr/Dw data reads/writes, D1mr/D1mw misses of the 1 MB
 * cache standing in for the L2, DLmr/DLmw of the 8 MB one standing in for
 * the L3 (on this VM nearly every such miss goes to memory).
 */
import { createReadStream, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

interface MapEntry { start: number; end: number; name: string; order: number }

/** The perf map's entries by start address (an address may be named more than once: the latest wins). */
function readPerfMap(file: string): MapEntry[] {
  const entries: MapEntry[] = [];
  readFileSync(file, 'utf8').split('\n').forEach((line, order) => {
    const m = /^([0-9a-f]+) ([0-9a-f]+) (.*)$/.exec(line);
    if (m) entries.push({ start: parseInt(m[1], 16), end: parseInt(m[1], 16) + parseInt(m[2], 16), name: m[3], order });
  });
  return entries.sort((a, b) => a.start - b.start || a.order - b.order);
}

/** The name the map gives `address` (null if none): the latest of the entries that cover it. */
function nameAt(entries: MapEntry[], address: number): string | null {
  let lo = 0, hi = entries.length - 1, last = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (entries[mid].start <= address) { last = mid; lo = mid + 1; } else hi = mid - 1;
  }
  let best: MapEntry | null = null;
  // Code objects are small: an entry starting more than 64 entries before cannot reach this far in practice.
  for (let j = last; j >= 0 && j > last - 64; j--) {
    const e = entries[j];
    if (e.start <= address && address < e.end && (best === null || e.order > best.order)) best = e;
  }
  return best === null ? null : best.name.replace(/^(LazyCompile|Function|JS|Builtin|Stub):?\s*/, '');
}

/** A position field of callgrind's compressed format: absolute (0x…), relative (+n, -n) or the same (*). */
function position(field: string, last: number): number {
  if (field === '*') return last;
  if (field.startsWith('+')) return last + parseInt(field.slice(1), 16);
  if (field.startsWith('-')) return last - parseInt(field.slice(1), 16);
  return parseInt(field, 16);
}

async function main(): Promise<void> {
  const [profile, perfMap, sortBy = 'DLmr', rows = '40'] = process.argv.slice(2);
  if (!profile || !perfMap) throw new Error('usage: jit-costs <callgrind.out> <perf-PID.map> [event] [rows]');
  const entries = readPerfMap(perfMap);
  const fnNames = new Map<string, string>(), obNames = new Map<string, string>();
  let events: string[] = [], totals: number[] = [], fn = '', ob = '', address = 0, skipCallCost = false;
  const costs = new Map<string, number[]>();
  // A name is given once, at its first use (fn=, cfn=, ob=, cob=), then referred to by its number.
  const named = (names: Map<string, string>, rest: string): string => {
    const m = /^\((\d+)\)(?: (.*))?$/.exec(rest);
    if (!m) return rest;
    if (m[2] !== undefined) names.set(m[1], m[2]);
    return names.get(m[1]) ?? m[1];
  };
  for await (const line of createInterface({ input: createReadStream(profile) })) {
    if (line.startsWith('events:')) {
      events = line.slice(7).trim().split(/\s+/);
      totals = new Array(events.length).fill(0);
    } else if (line.startsWith('positions:') && line.trim() !== 'positions: instr line') {
      throw new Error(`${profile}: expected "positions: instr line" (callgrind --dump-instr=yes), got "${line}"`);
    } else if (line.startsWith('fn=')) fn = named(fnNames, line.slice(3));
    else if (line.startsWith('ob=')) ob = named(obNames, line.slice(3));
    else if (line.startsWith('cfn=')) named(fnNames, line.slice(4));
    else if (line.startsWith('cob=')) named(obNames, line.slice(4));
    else if (line.startsWith('calls=')) skipCallCost = true; // the next cost line is the call's inclusive cost
    else if (/^(0x|[+*-])/.test(line)) {
      const fields = line.split(' ');
      address = position(fields[0], address);
      if (skipCallCost) {
        skipCallCost = false;
        continue;
      }
      // A nameless function is named by its address (0x…): compiled JavaScript if the map knows the address.
      const key = fn.startsWith('0x') ? nameAt(entries, address) ?? `${ob} ${fn}` : fn;
      let c = costs.get(key);
      if (c === undefined) costs.set(key, (c = new Array(events.length).fill(0)));
      for (let i = 2; i < fields.length && i - 2 < events.length; i++) {
        const v = Number(fields[i]);
        c[i - 2] += v;
        totals[i - 2] += v;
      }
    }
  }
  const k = events.indexOf(sortBy);
  if (k < 0) throw new Error(`no event ${sortBy}: the profile has ${events.join(', ')}`);
  console.log(`${events.join('\t')}\tfunction (% of each event's total)`);
  console.log(`${totals.map((t) => `${(t / 1e6).toFixed(1)}M`).join('\t')}\ttotal`);
  for (const [name, c] of [...costs].sort((a, b) => b[1][k] - a[1][k]).slice(0, Number(rows))) {
    console.log(`${c.map((v, i) => (totals[i] > 0 ? ((100 * v) / totals[i]).toFixed(1) : '0')).join('\t')}\t${name.slice(0, 120)}`);
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
