/**
 * Legal lifecycles, one per kind of story docs/timeline.md tells (normal
 * import, missing drive, overdue with a late package, no response, export
 * with a lost return and a re-export, Creating expiry, extra and orphan
 * drives, cancels, refusals, faults, early arrivals, bad address, drives of
 * no job). Each returns CSV lines with ISO times for a job `j` starting at
 * day `s`. A timeline built from any mix of them must check clean; tests of
 * single rules start from one and break it.
 *
 * Inside a block, a line's first field is a day offset from `s`; `{+x}` in
 * the rest is replaced by the ISO instant of day s + x.
 */
import { DAY } from '../../src/sim/time.js';
import { START } from './helpers.js';

function iso(s: number, x: number): string {
  return new Date(START + Math.round(s * DAY) + Math.round(x * DAY)).toISOString();
}

export function block(s: number, text: string): string[] {
  const out: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    const comma = line.indexOf(',');
    const rest = line.slice(comma).replace(/\{\+([\d.]+)\}/g, (_, x: string) => iso(s, Number(x)));
    out.push(`${iso(s, Number(line.slice(0, comma)))}${rest}`);
  }
  return out;
}

/** Put Job of an import job with `n` listed drives `${j}-D01…`. */
function putImport(j: string, n: number, at = 0): string {
  let rows = `${at},put,job,${j},${j},,,,,type=import;drives=${n}\n${at},state,job,${j},${j},,Creating,,,\n`;
  for (let i = 1; i <= n; i++) rows += `${at},state,drive,${drive(j, i)},${j},,Specified,,,\n`;
  return rows;
}

export const drive = (j: string, i: number) => `${j}-D${String(i).padStart(2, '0')}`;

/** Update that sets Shipping (accepted). */
const toShipping = (j: string, at: number) =>
  `${at},update,job,${j},${j},,,R-CREATING-RESET,,\n${at},state,job,${j},${j},Creating,Shipping,R-SHIP-REQUIRES,,\n`;

/** Normal import, 2 drives: a refused Shipping request first (both fields missing, a quoted detail), one copy with warnings; Completed, deleted after 90 days. */
export function normalImport(j: string, s: number): string[] {
  const [a, b] = [drive(j, 1), drive(j, 2)];
  return block(s, `${putImport(j, 2)}
1,update,job,${j},${j},,,R-CREATING-RESET,,
1,refuse,job,${j},${j},,,R-SHIP-REQUIRES,,"missing=ReturnAddress,DeliveryPackage"
2,update,job,${j},${j},,,R-CREATING-RESET,,"set=ReturnAddress,DeliveryPackage"
${toShipping(j, 2)}
2,ship,job,${j},${j},,,,P-${j},
4,arrive,drive,${a},${j},,,,P-${j},
4,arrive,drive,${b},${j},,,,P-${j},
5,state,drive,${a},${j},Specified,Received,,,
5,state,drive,${b},${j},Specified,Received,,,
5,state,job,${j},${j},Shipping,Received,R-RECEIVED,,
6,state,drive,${a},${j},Received,Transferring,,,
6,state,job,${j},${j},Received,Transferring,R-TRANSFER-START,,
6.5,state,drive,${b},${j},Received,Transferring,,,
9,state,drive,${a},${j},Transferring,Completed,,,
9.5,state,drive,${b},${j},Transferring,CompletedMoreInfo,,,outcome=warnings
9.5,state,job,${j},${j},Transferring,Packaging,R-PACKAGING,,
11,ship,job,${j},${j},,,R-FINISH,RP-${j},
11,state,drive,${a},${j},Completed,ShippedBack,R-FINISH,,
11,state,drive,${b},${j},CompletedMoreInfo,ShippedBack,R-FINISH,,
11,state,job,${j},${j},Packaging,Completed,R-FINISH,,
13,deliver,job,${j},${j},,,,RP-${j},
101,delete,job,${j},${j},Completed,,R-RETENTION,,
`);
}

/** The first 9.5 days of a one-drive import, up to Packaging (for tests that continue it). */
export function importToPackaging(j: string, s: number): string[] {
  const a = drive(j, 1);
  return block(s, `${putImport(j, 1)}
${toShipping(j, 1)}
1,ship,job,${j},${j},,,,P-${j},
3,arrive,drive,${a},${j},,,,P-${j},
4,state,drive,${a},${j},Specified,Received,,,
4,state,job,${j},${j},Shipping,Received,R-RECEIVED,,
5,state,drive,${a},${j},Received,Transferring,,,
5,state,job,${j},${j},Received,Transferring,R-TRANSFER-START,,
8,state,drive,${a},${j},Transferring,Completed,,,
8,state,job,${j},${j},Transferring,Packaging,R-PACKAGING,,
`);
}

/** One-drive import from Packaging (day 8) to Completed (day 10) and retention (day 100). */
export function oneDriveFinish(j: string, s: number): string[] {
  return block(s, `
10,ship,job,${j},${j},,,R-FINISH,RP-${j},
10,state,drive,${drive(j, 1)},${j},Completed,ShippedBack,R-FINISH,,
10,state,job,${j},${j},Packaging,Completed,R-FINISH,,
12,deliver,job,${j},${j},,,,RP-${j},
100,delete,job,${j},${j},Completed,,R-RETENTION,,
`);
}

/** The package lacks one of two drives: it is NeverReceived at the dock, and the job ends Closed. */
export function missingDrive(j: string, s: number): string[] {
  const [a, b] = [drive(j, 1), drive(j, 2)];
  return block(s, `${putImport(j, 2)}
${toShipping(j, 1)}
1,ship,job,${j},${j},,,,P-${j},
3,arrive,drive,${a},${j},,,,P-${j},
4,state,drive,${a},${j},Specified,Received,,,
4,state,drive,${b},${j},Specified,NeverReceived,R-NEVER-RECEIVED,,
4,state,job,${j},${j},Shipping,Received,R-RECEIVED,,
5,state,drive,${a},${j},Received,Transferring,,,
5,state,job,${j},${j},Received,Transferring,R-TRANSFER-START,,
8,state,drive,${a},${j},Transferring,Completed,,,
8,state,job,${j},${j},Transferring,Packaging,R-PACKAGING,,
10,ship,job,${j},${j},,,R-FINISH,RP-${j},
10,state,drive,${a},${j},Completed,ShippedBack,R-FINISH,,
10,state,job,${j},${j},Packaging,Closed,R-FINISH,,
12,deliver,job,${j},${j},,,,RP-${j},
100,delete,job,${j},${j},Closed,,R-RETENTION,,
`);
}

/** No package by day 14 of Shipping: NeverReceived and an alert; the customer answers, the wait is extended, the package comes late. */
export function overdueThenLate(j: string, s: number): string[] {
  const [a, b] = [drive(j, 1), drive(j, 2)];
  return block(s, `${putImport(j, 2)}
${toShipping(j, 1)}
15,state,drive,${a},${j},Specified,NeverReceived,R-NEVER-RECEIVED,,timer=job.shipping.never-received
15,state,drive,${b},${j},Specified,NeverReceived,R-NEVER-RECEIVED,,timer=job.shipping.never-received
15,alert,job,${j},${j},,,R-SHIP-OVERDUE,,timer=job.shipping.overdue
16,contact,job,${j},${j},,,R-SHIP-OVERDUE,,
18,reply,job,${j},${j},,,R-SHIP-RESOLVE,,
18,extend,job,${j},${j},,,R-SHIP-RESOLVE,,until={+30}
20,ship,job,${j},${j},,,,P-${j},
22,arrive,drive,${a},${j},,,,P-${j},
22,arrive,drive,${b},${j},,,,P-${j},
23,state,drive,${a},${j},NeverReceived,Received,R-LATE-DRIVE,,
23,state,drive,${b},${j},NeverReceived,Received,R-LATE-DRIVE,,
23,state,job,${j},${j},Shipping,Received,R-RECEIVED,,
24,state,drive,${a},${j},Received,Transferring,,,
24,state,job,${j},${j},Received,Transferring,R-TRANSFER-START,,
24,state,drive,${b},${j},Received,Transferring,,,
27,state,drive,${a},${j},Transferring,Completed,,,
27,state,drive,${b},${j},Transferring,Completed,,,
27,state,job,${j},${j},Transferring,Packaging,R-PACKAGING,,
29,ship,job,${j},${j},,,R-FINISH,RP-${j},
29,state,drive,${a},${j},Completed,ShippedBack,R-FINISH,,
29,state,drive,${b},${j},Completed,ShippedBack,R-FINISH,,
29,state,job,${j},${j},Packaging,Completed,R-FINISH,,
119,delete,job,${j},${j},Completed,,R-RETENTION,,
`);
}

/** The customer never answers the overdue contact: Closed 30 days after it. */
export function noResponse(j: string, s: number): string[] {
  return block(s, `${putImport(j, 1)}
${toShipping(j, 1)}
15,state,drive,${drive(j, 1)},${j},Specified,NeverReceived,R-NEVER-RECEIVED,,
15,alert,job,${j},${j},,,R-SHIP-OVERDUE,,
16.25,contact,job,${j},${j},,,R-SHIP-OVERDUE,,
46.25,state,job,${j},${j},Shipping,Closed,R-SHIP-NORESPONSE,,
136.25,delete,job,${j},${j},Closed,,R-RETENTION,,
`);
}

/** Export job whose return is damaged; the customer re-creates it (reexport-of), then cancels and deletes the new job. */
export function exportLost(j: string, s: number): string[] {
  const a = drive(j, 1);
  const k = `${j}R`;
  return block(s, `
0,put,job,${j},${j},,,,,type=export;drives=1
0,state,job,${j},${j},,Creating,,,
0,state,drive,${a},${j},,Received,,,
${toShipping(j, 1)}
1,ship,job,${j},${j},,,,P-${j},
3,arrive,drive,${a},${j},,,,P-${j},
4,state,job,${j},${j},Shipping,Received,R-RECEIVED,,
5,state,drive,${a},${j},Received,Transferring,,,
5,state,job,${j},${j},Received,Transferring,R-TRANSFER-START,,
7,state,drive,${a},${j},Transferring,Completed,,,
7,state,job,${j},${j},Transferring,Packaging,R-PACKAGING,,
8,ship,job,${j},${j},,,R-FINISH,RP-${j},
8,state,drive,${a},${j},Completed,ShippedBack,R-FINISH,,
8,state,job,${j},${j},Packaging,Completed,R-FINISH,,
12,lost,job,${j},${j},,,R-RETURN-LOST,RP-${j},outcome=damaged
13,put,job,${k},${k},,,,,type=export;drives=1;reexport-of=${j}
13,state,job,${k},${k},,Creating,,,
13,state,drive,${drive(k, 1)},${k},,Received,,,
14,cancel,job,${k},${k},,,R-CANCEL,,
14,state,job,${k},${k},Creating,Completed,R-CANCEL,,
15,delete,job,${k},${k},Completed,,R-DELETE,,
98,delete,job,${j},${j},Completed,,R-RETENTION,,
`);
}

/** Never set to Shipping: an update restarts the timer at day 3, deleted at day 17. */
export function creatingExpiry(j: string, s: number): string[] {
  return block(s, `${putImport(j, 1)}
3,update,job,${j},${j},,,R-CREATING-RESET,,set=DeliveryPackage
17,delete,job,${j},${j},Creating,,R-CREATING-EXPIRE,,timer=job.creating.expire
`);
}

/** A package with the listed drive, an extra drive and an orphan (a drive of no job): both returned at the finish. */
export function extraAndOrphan(j: string, s: number, orphan: string): string[] {
  const a = drive(j, 1);
  const x = `${j}-X01`;
  return block(s, `${putImport(j, 1)}
${toShipping(j, 1)}
1,ship,job,${j},${j},,,,P-${j},
3,arrive,drive,${a},${j},,,,P-${j},
3,arrive,drive,${x},${j},,,,P-${j},
3,arrive,drive,${orphan},,,,,P-${j},
4,state,drive,${a},${j},Specified,Received,,,
4,state,job,${j},${j},Shipping,Received,R-RECEIVED,,
5,state,drive,${a},${j},Received,Transferring,,,
5,state,job,${j},${j},Received,Transferring,R-TRANSFER-START,,
8,state,drive,${a},${j},Transferring,Completed,,,
8,state,job,${j},${j},Transferring,Packaging,R-PACKAGING,,
9,ship,job,${j},${j},,,R-FINISH,RP-${j},
9,state,drive,${a},${j},Completed,ShippedBack,R-FINISH,,
9,return,drive,${x},${j},,,R-EXTRA-DRIVE,,
9,return,drive,${orphan},,,,R-ORPHAN-DRIVE,,with=${j}
9,state,job,${j},${j},Packaging,Completed,R-FINISH,,
99,delete,job,${j},${j},Completed,,R-RETENTION,,
`);
}

/** Cancelled in Received: passes through Transferring and Packaging at once, no copy, drives go back Received → ShippedBack. */
export function cancelInReceived(j: string, s: number): string[] {
  const [a, b] = [drive(j, 1), drive(j, 2)];
  return block(s, `${putImport(j, 2)}
${toShipping(j, 1)}
1,ship,job,${j},${j},,,,P-${j},
3,arrive,drive,${a},${j},,,,P-${j},
3,arrive,drive,${b},${j},,,,P-${j},
4,state,drive,${a},${j},Specified,Received,,,
4,state,drive,${b},${j},Specified,Received,,,
4,state,job,${j},${j},Shipping,Received,R-RECEIVED,,
4.5,cancel,job,${j},${j},,,R-CANCEL,,
4.5,state,job,${j},${j},Received,Transferring,R-TRANSFER-START,,
4.5,state,job,${j},${j},Transferring,Packaging,R-PACKAGING,,
6,ship,job,${j},${j},,,R-FINISH,RP-${j},
6,state,drive,${a},${j},Received,ShippedBack,R-FINISH,,
6,state,drive,${b},${j},Received,ShippedBack,R-FINISH,,
6,state,job,${j},${j},Packaging,Completed,R-FINISH,,
96,delete,job,${j},${j},Completed,,R-RETENTION,,
`);
}

/** Cancelled while Shipping (accepted, no state change); the package still comes; no copy. */
export function cancelInShipping(j: string, s: number): string[] {
  const a = drive(j, 1);
  return block(s, `${putImport(j, 1)}
${toShipping(j, 1)}
1,ship,job,${j},${j},,,,P-${j},
2,cancel,job,${j},${j},,,R-CANCEL,,
3,arrive,drive,${a},${j},,,,P-${j},
4,state,drive,${a},${j},Specified,Received,,,
4,state,job,${j},${j},Shipping,Received,R-RECEIVED,,
4,state,job,${j},${j},Received,Transferring,R-TRANSFER-START,,
4,state,job,${j},${j},Transferring,Packaging,R-PACKAGING,,
5,ship,job,${j},${j},,,R-FINISH,RP-${j},
5,state,drive,${a},${j},Received,ShippedBack,R-FINISH,,
5,state,job,${j},${j},Packaging,Completed,R-FINISH,,
95,delete,job,${j},${j},Completed,,R-RETENTION,,
`);
}

/** Refusals leave the state unchanged: a delete in Shipping, a cancel in Packaging; the customer deletes the Completed job. */
export function refusals(j: string, s: number): string[] {
  const a = drive(j, 1);
  return block(s, `${putImport(j, 1)}
${toShipping(j, 1)}
1,ship,job,${j},${j},,,,P-${j},
2,refuse,job,${j},${j},,,R-DELETE,,state=Shipping
3,arrive,drive,${a},${j},,,,P-${j},
4,state,drive,${a},${j},Specified,Received,,,
4,state,job,${j},${j},Shipping,Received,R-RECEIVED,,
5,state,drive,${a},${j},Received,Transferring,,,
5,state,job,${j},${j},Received,Transferring,R-TRANSFER-START,,
8,state,drive,${a},${j},Transferring,Completed,,,
8,state,job,${j},${j},Transferring,Packaging,R-PACKAGING,,
8.5,cancel,job,${j},${j},,,R-CANCEL,,
8.5,refuse,job,${j},${j},,,R-CANCEL,,state=Packaging
10,ship,job,${j},${j},,,R-FINISH,RP-${j},
10,state,drive,${a},${j},Completed,ShippedBack,R-FINISH,,
10,state,job,${j},${j},Packaging,Completed,R-FINISH,,
20,delete,job,${j},${j},Completed,,R-DELETE,,
`);
}

/** A drive faults while copying and is resolved (copy restarts); another stays unresolved: CompletedMoreInfo with errors, Closed. */
export function driveFaults(j: string, s: number): string[] {
  const [a, b] = [drive(j, 1), drive(j, 2)];
  return block(s, `${putImport(j, 2)}
${toShipping(j, 1)}
1,ship,job,${j},${j},,,,P-${j},
3,arrive,drive,${a},${j},,,,P-${j},
3,arrive,drive,${b},${j},,,,P-${j},
4,state,drive,${a},${j},Specified,Received,,,
4,state,drive,${b},${j},Specified,Received,,,
4,state,job,${j},${j},Shipping,Received,R-RECEIVED,,
5,state,drive,${a},${j},Received,Transferring,,,
5,state,job,${j},${j},Received,Transferring,R-TRANSFER-START,,
5,state,drive,${b},${j},Received,Transferring,,,
6,state,drive,${a},${j},Transferring,Faulted,R-FAULT,,
6,state,drive,${b},${j},Transferring,Faulted,R-FAULT,,
6.5,contact,drive,${a},${j},,,R-FAULT,,
6.5,contact,job,${j},${j},,,R-FAULT,,
7,state,drive,${a},${j},Faulted,Received,R-FAULT,,
7,state,drive,${a},${j},Received,Transferring,,,
8,state,drive,${b},${j},Faulted,CompletedMoreInfo,R-FAULT,,outcome=errors;fault=unresolved
9,state,drive,${a},${j},Transferring,Completed,,,
9,state,job,${j},${j},Transferring,Packaging,R-PACKAGING,,
10,ship,job,${j},${j},,,R-FINISH,RP-${j},
10,state,drive,${a},${j},Completed,ShippedBack,R-FINISH,,
10,state,drive,${b},${j},CompletedMoreInfo,ShippedBack,R-FINISH,,
10,state,job,${j},${j},Packaging,Closed,R-FINISH,,
100,delete,job,${j},${j},Closed,,R-RETENTION,,
`);
}

/** The job faults in Received, before its copies start, and returns to Received. */
export function jobFault(j: string, s: number): string[] {
  const a = drive(j, 1);
  return block(s, `${putImport(j, 1)}
${toShipping(j, 1)}
1,ship,job,${j},${j},,,,P-${j},
3,arrive,drive,${a},${j},,,,P-${j},
4,state,drive,${a},${j},Specified,Received,,,
4,state,job,${j},${j},Shipping,Received,R-RECEIVED,,
4.2,state,job,${j},${j},Received,Faulted,R-FAULT,,
4.3,contact,job,${j},${j},,,R-FAULT,,
4.5,state,job,${j},${j},Faulted,Received,R-FAULT,,
5,state,drive,${a},${j},Received,Transferring,,,
5,state,job,${j},${j},Received,Transferring,R-TRANSFER-START,,
8,state,drive,${a},${j},Transferring,Completed,,,
8,state,job,${j},${j},Transferring,Packaging,R-PACKAGING,,
`).concat(oneDriveFinish(j, s));
}

/** Drives arrive while the job is Creating; the customer answers and sets Shipping; the dock processes them. */
export function earlyArrival(j: string, s: number): string[] {
  const a = drive(j, 1);
  return block(s, `${putImport(j, 1)}
0.5,ship,job,${j},${j},,,,P-${j},
2,arrive,drive,${a},${j},,,R-EARLY-ARRIVAL,P-${j},
3,contact,job,${j},${j},,,R-EARLY-ARRIVAL,,
4,reply,job,${j},${j},,,R-EARLY-ARRIVAL,,
${toShipping(j, 4)}
6,state,drive,${a},${j},Specified,Received,,,
6,state,job,${j},${j},Shipping,Received,R-RECEIVED,,
7,state,drive,${a},${j},Received,Transferring,,,
7,state,job,${j},${j},Received,Transferring,R-TRANSFER-START,,
8,state,drive,${a},${j},Transferring,Completed,,,
8,state,job,${j},${j},Transferring,Packaging,R-PACKAGING,,
`).concat(oneDriveFinish(j, s));
}

/** Early drives whose customer never answers: returned at day 14 of the arrival; the job expires. */
export function earlyUnanswered(j: string, s: number): string[] {
  const a = drive(j, 1);
  return block(s, `${putImport(j, 1)}
1,ship,job,${j},${j},,,,P-${j},
2,arrive,drive,${a},${j},,,R-EARLY-ARRIVAL,P-${j},
2.5,contact,job,${j},${j},,,R-EARLY-ARRIVAL,,
14,delete,job,${j},${j},Creating,,R-CREATING-EXPIRE,,
16,return,drive,${a},${j},,,R-EARLY-RETURN,,
`);
}

/** The return address is bad and the customer never answers: drives destroyed 90 days after the contact, Closed. */
export function badAddress(j: string, s: number): string[] {
  return importToPackaging(j, s).concat(block(s, `
9,contact,job,${j},${j},,,R-BAD-RETURN-ADDRESS,,
99,destroy,drive,${drive(j, 1)},${j},,,R-BAD-RETURN-ADDRESS,,
99,state,job,${j},${j},Packaging,Closed,R-FINISH,,
189,delete,job,${j},${j},Closed,,R-RETENTION,,
`));
}

/** The return address is bad; the customer answers, and the return proceeds. */
export function badAddressAnswered(j: string, s: number): string[] {
  return importToPackaging(j, s).concat(block(s, `
9,contact,job,${j},${j},,,R-BAD-RETURN-ADDRESS,,
9.5,reply,job,${j},${j},,,R-BAD-RETURN-ADDRESS,,
9.5,update,job,${j},${j},,,,,set=ReturnAddress
`), oneDriveFinish(j, s));
}

/** Cancelled in Creating (Completed at once), deleted by retention. */
export function cancelInCreating(j: string, s: number): string[] {
  return block(s, `${putImport(j, 1)}
1,cancel,job,${j},${j},,,R-CANCEL,,
1,state,job,${j},${j},Creating,Completed,R-CANCEL,,
91,delete,job,${j},${j},Completed,,R-RETENTION,,
`);
}

/** Overdue, the customer answers, operations cancel: Shipping → Completed. */
export function resolveCancel(j: string, s: number): string[] {
  return block(s, `${putImport(j, 1)}
${toShipping(j, 1)}
15,state,drive,${drive(j, 1)},${j},Specified,NeverReceived,R-NEVER-RECEIVED,,
15,alert,job,${j},${j},,,R-SHIP-OVERDUE,,
16,contact,job,${j},${j},,,R-SHIP-OVERDUE,,
17,reply,job,${j},${j},,,R-SHIP-RESOLVE,,
17,cancel,job,${j},${j},,,R-SHIP-RESOLVE,,
17,state,job,${j},${j},Shipping,Completed,R-SHIP-RESOLVE,,
107,delete,job,${j},${j},Completed,,R-RETENTION,,
`);
}

/** Drives of no job: one returned at day 14, one destroyed at day 90 (no address), one returned at the customer's reply. */
export function noJobDrives(u: string, s: number): string[] {
  const [a, b, c] = [`${u}a`, `${u}b`, `${u}c`];
  return block(s, `
0,arrive,drive,${a},,,,R-EARLY-ARRIVAL,UP-${u}a,
0,arrive,drive,${b},,,,R-EARLY-ARRIVAL,UP-${u}b,
0,arrive,drive,${c},,,,R-EARLY-ARRIVAL,UP-${u}c,
1,contact,drive,${a},,,,R-EARLY-ARRIVAL,,
1,contact,drive,${b},,,,R-EARLY-ARRIVAL,,
1,contact,drive,${c},,,,R-EARLY-ARRIVAL,,
2,reply,drive,${c},,,,R-EARLY-ARRIVAL,,
2,return,drive,${c},,,,R-EARLY-ARRIVAL,,
14,return,drive,${a},,,,R-EARLY-RETURN,,
90,destroy,drive,${b},,,,R-EARLY-DESTROY,,
`);
}

/** The package comes after operations cancelled the overdue job: the late drives (and an extra) go back at once (R-LATE-DRIVE). */
export function lateAfterFinish(j: string, s: number): string[] {
  const a = drive(j, 1);
  return resolveCancel(j, s).filter((r) => !r.includes('R-RETENTION')).concat(block(s, `
17.5,ship,job,${j},${j},,,,P-${j},
19,arrive,drive,${a},${j},,,,P-${j},
19,arrive,drive,${j}-X01,${j},,,,P-${j},
21,state,drive,${a},${j},NeverReceived,Received,R-LATE-DRIVE,,
21,return,drive,${a},${j},,,R-LATE-DRIVE,,
21,return,drive,${j}-X01,${j},,,R-LATE-DRIVE,,
107,delete,job,${j},${j},Completed,,R-RETENTION,,
`));
}

/** Cancelled in Creating while its early drives are on site: Completed, and the drives go back at once (R-CANCEL). */
export function cancelWithEarlyDrives(j: string, s: number): string[] {
  const a = drive(j, 1);
  return block(s, `${putImport(j, 1)}
0.5,ship,job,${j},${j},,,,P-${j},
2,arrive,drive,${a},${j},,,R-EARLY-ARRIVAL,P-${j},
3,contact,job,${j},${j},,,R-EARLY-ARRIVAL,,
5,cancel,job,${j},${j},,,R-CANCEL,,
5,state,job,${j},${j},Creating,Completed,R-CANCEL,,
5,return,drive,${a},${j},,,R-CANCEL,,
95,delete,job,${j},${j},Completed,,R-RETENTION,,
`);
}

/** The customer deletes the Completed job while its return package is still in transit; the delivery row follows. */
export function deleteBeforeDelivery(j: string, s: number): string[] {
  return importToPackaging(j, s).concat(block(s, `
10,ship,job,${j},${j},,,R-FINISH,RP-${j},
10,state,drive,${drive(j, 1)},${j},Completed,ShippedBack,R-FINISH,,
10,state,job,${j},${j},Packaging,Completed,R-FINISH,,
11,delete,job,${j},${j},Completed,,R-DELETE,,
13,deliver,job,${j},${j},,,,RP-${j},
`));
}

/** Two packages; the second one overtakes the first in transit. Only the first-shipped package's absentees are NeverReceived: here none. */
export function overtakenPackage(j: string, s: number): string[] {
  const [a, b] = [drive(j, 1), drive(j, 2)];
  return block(s, `${putImport(j, 2)}
${toShipping(j, 1)}
1,ship,job,${j},${j},,,,P-${j}a,
2,ship,job,${j},${j},,,,P-${j}b,
4,arrive,drive,${b},${j},,,,P-${j}b,
5,state,drive,${b},${j},Specified,Received,,,
7,arrive,drive,${a},${j},,,,P-${j}a,
8,state,drive,${a},${j},Specified,Received,,,
8,state,job,${j},${j},Shipping,Received,R-RECEIVED,,
9,state,drive,${a},${j},Received,Transferring,,,
9,state,job,${j},${j},Received,Transferring,R-TRANSFER-START,,
9,state,drive,${b},${j},Received,Transferring,,,
11,state,drive,${a},${j},Transferring,Completed,,,
11,state,drive,${b},${j},Transferring,Completed,,,
11,state,job,${j},${j},Transferring,Packaging,R-PACKAGING,,
12,ship,job,${j},${j},,,R-FINISH,RP-${j},
12,state,drive,${a},${j},Completed,ShippedBack,R-FINISH,,
12,state,drive,${b},${j},Completed,ShippedBack,R-FINISH,,
12,state,job,${j},${j},Packaging,Completed,R-FINISH,,
102,delete,job,${j},${j},Completed,,R-RETENTION,,
`);
}

/** An early package holding an extra drive and an orphan (each citing its own rule); answered, Shipping, both returned at the finish. */
export function earlyExtraAndOrphan(j: string, s: number, orphan: string): string[] {
  const a = drive(j, 1);
  return block(s, `${putImport(j, 1)}
0.5,ship,job,${j},${j},,,,P-${j},
2,arrive,drive,${a},${j},,,R-EARLY-ARRIVAL,P-${j},
2,arrive,drive,${j}-X01,${j},,,R-EXTRA-DRIVE,P-${j},
2,arrive,drive,${orphan},,,,R-ORPHAN-DRIVE,P-${j},with=${j}
3,contact,job,${j},${j},,,R-EARLY-ARRIVAL,,
4,reply,job,${j},${j},,,R-EARLY-ARRIVAL,,
${toShipping(j, 4)}
6,state,drive,${a},${j},Specified,Received,,,
6,state,job,${j},${j},Shipping,Received,R-RECEIVED,,
7,state,drive,${a},${j},Received,Transferring,,,
7,state,job,${j},${j},Received,Transferring,R-TRANSFER-START,,
8,state,drive,${a},${j},Transferring,Completed,,,
8,state,job,${j},${j},Transferring,Packaging,R-PACKAGING,,
10,ship,job,${j},${j},,,R-FINISH,RP-${j},
10,state,drive,${a},${j},Completed,ShippedBack,R-FINISH,,
10,return,drive,${j}-X01,${j},,,R-EXTRA-DRIVE,,
10,return,drive,${orphan},,,,R-ORPHAN-DRIVE,,with=${j}
10,state,job,${j},${j},Packaging,Completed,R-FINISH,,
100,delete,job,${j},${j},Completed,,R-RETENTION,,
`);
}

/** The job faults in Received and the fault is not resolved (fault=unresolved): an error, so the job ends Closed. */
export function unresolvedJobFault(j: string, s: number): string[] {
  return jobFault(j, s)
    .map((r) => (r.includes('Faulted,Received') ? `${r}fault=unresolved` : r))
    .map((r) => r.replace('Packaging,Completed', 'Packaging,Closed').replace('Completed,,R-RETENTION', 'Closed,,R-RETENTION'));
}

/** Cancelled in Creating after shipping; the package arrives after the job is Completed: its drives (never missing) go back at once. */
export function cancelThenPackage(j: string, s: number): string[] {
  const [a, b] = [drive(j, 1), drive(j, 2)];
  return block(s, `${putImport(j, 2)}
1,ship,job,${j},${j},,,,P-${j},
3,cancel,job,${j},${j},,,R-CANCEL,,
3,state,job,${j},${j},Creating,Completed,R-CANCEL,,
5,arrive,drive,${a},${j},,,,P-${j},
5,arrive,drive,${b},${j},,,,P-${j},
7,return,drive,${a},${j},,,R-LATE-DRIVE,,
7,return,drive,${b},${j},,,R-LATE-DRIVE,,
93,delete,job,${j},${j},Completed,,R-RETENTION,,
`);
}

/** Every story above, for job `j` at day `s`; `k` picks one (cyclic). */
export const STORIES: ((j: string, s: number) => string[])[] = [
  normalImport, missingDrive, overdueThenLate, noResponse, exportLost, creatingExpiry,
  (j, s) => extraAndOrphan(j, s, `O-${j.slice(2)}`), cancelInReceived, cancelInShipping, refusals, driveFaults, jobFault,
  earlyArrival, earlyUnanswered, badAddress, badAddressAnswered, cancelInCreating, resolveCancel,
  (j, s) => noJobDrives(`U-${j.slice(2)}`, s),
  lateAfterFinish, cancelWithEarlyDrives, deleteBeforeDelivery, overtakenPackage,
  (j, s) => earlyExtraAndOrphan(j, s, `O-${j.slice(2)}`), unresolvedJobFault, cancelThenPackage,
];

/** Merges stories' rows into one time-ordered timeline (stable: a story's rows at one instant keep their order). */
export function merge(stories: string[][]): string[] {
  const all = stories.flat();
  // ISO strings of one shape sort as times; Array#sort is stable.
  return all.sort((a, b) => (a.slice(0, 24) < b.slice(0, 24) ? -1 : a.slice(0, 24) > b.slice(0, 24) ? 1 : 0));
}

/** A timeline of `n` jobs, one story each (cycling through STORIES), one starting every `everyHours`. */
export function manyStories(n: number, everyHours: number): string[] {
  const stories: string[][] = [];
  for (let i = 0; i < n; i++) {
    const j = `J-${String(i + 1).padStart(6, '0')}`;
    stories.push(STORIES[i % STORIES.length](j, (i * everyHours) / 24));
  }
  return merge(stories);
}
