/** Deterministic, sortable IDs: J-000042, J-000042-D03, U-000007, P-000123, RP-000042. */
const pad = (n: number, w: number) => String(n).padStart(w, '0');

export const jobId = (n: number) => `J-${pad(n, 6)}`;
export const driveId = (job: string, n: number) => `${job}-D${pad(n, 2)}`;
export const extraDriveId = (job: string, n: number) => `${job}-X${pad(n, 2)}`;
export const orphanDriveId = (n: number) => `O-${pad(n, 6)}`;
export const noJobDriveId = (n: number) => `U-${pad(n, 6)}`;
export const packageId = (n: number) => `P-${pad(n, 6)}`;
// A regular expression per return shipment showed in the profile; job IDs start with J.
export const returnPackageId = (job: string) => (job.charCodeAt(0) === 74 /* J */ ? `RP${job.slice(1)}` : `R${job}`);

/** The job number of a job ID (J-000042 → 42), or NaN when it is not one. */
export const jobIndexOf = (id: string) => (/^J-\d+$/.test(id) ? Number(id.slice(2)) : NaN);
