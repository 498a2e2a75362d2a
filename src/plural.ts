/** "1 row", "2 rows", "0 rows"; with `grouped`, thousands grouped ("26,436,956 rows"). English plurals in -s only. */
export function plural(n: number, word: string, grouped = false): string {
  return `${grouped ? n.toLocaleString('en-US') : n} ${word}${n === 1 ? '' : 's'}`;
}
