/** Every problem found in a scenario, each naming the file and the field. */
export class ScenarioError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.length === 1 ? problems[0] : `${problems.length} problems:\n  ${problems.join('\n  ')}`);
    this.name = 'ScenarioError';
  }
}
