/**
 * What memory a process has never touched costs on this machine (the bench's
 * `machine: first touch of memory` row). Every 4 KiB page a process writes
 * for the first time is a page fault: the kernel finds and zeroes a page,
 * and on a VM whose host hands out memory lazily (this one reclaims idle
 * guest pages: DAMON `pageout`) the host may have to back it first. On the
 * reference VM (2026-11-27) that cost 7–17 µs a page, against ~0.5–1 µs on
 * bare metal: ~400 MB/s, so the model's 240 MB at 100k jobs (57k faults)
 * costs ~0.6 s of CPU before any of it is used. A slow row of a memory-heavy
 * case next to a slow first touch here is the machine, not the code.
 *
 * Fresh arrays are written one number a page (the first touch), then once
 * more the same way (the pages now mapped: what the writes alone cost).
 */
import { performance } from 'node:perf_hooks';

const PAGE = 4096;
/** 4 MiB chunks: large enough that the allocator maps each afresh (not recycled from its own free lists). */
const CHUNK = (4 << 20) / Float64Array.BYTES_PER_ELEMENT;

export interface FirstTouch {
  mib: number;
  pages: number;
  /** Microseconds a page written for the first time. */
  firstUsPerPage: number;
  /** Microseconds a page written again (mapped already). */
  againUsPerPage: number;
}

function touch(chunks: Float64Array[], value: number): number {
  const t0 = performance.now();
  const step = PAGE / Float64Array.BYTES_PER_ELEMENT;
  for (const a of chunks) for (let i = 0; i < a.length; i += step) a[i] = value;
  return performance.now() - t0;
}

/** Touches `mib` MiB of fresh memory, one write a page, then again. */
export function firstTouch(mib: number): FirstTouch {
  const chunks: Float64Array[] = [];
  for (let m = 0; m < mib; m += 4) chunks.push(new Float64Array(CHUNK));
  const pages = (mib << 20) / PAGE;
  const first = touch(chunks, 1);
  const again = touch(chunks, 2);
  return { mib, pages, firstUsPerPage: (first * 1000) / pages, againUsPerPage: (again * 1000) / pages };
}
