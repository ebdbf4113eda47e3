/**
 * How many cases a property test generates. Under mutation testing (`npm run mutation`, which
 * sets GALA_MUTATION) every mutant reruns the tests that cover it, so properties run a tenth as
 * many cases there: enough to kill what they kill, in minutes rather than hours.
 */
export function runs(cases: number): number {
  return process.env.GALA_MUTATION ? Math.max(20, Math.round(cases / 10)) : cases;
}
