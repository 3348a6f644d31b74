/**
 * A whole-number option of a tool (`--errors 20000`). Anything else stops the tool with a
 * sentence saying so: a typo must not run a ten-minute suite on a number nobody asked for.
 */
export function wholeNumberOption(name: string, fallback: number, least = 1): number {
  const index = process.argv.indexOf(name);
  if (index < 0) return fallback;
  const given = process.argv[index + 1];
  const value = Number(given);
  if (given === undefined || !/^\d+$/.test(given) || !Number.isSafeInteger(value) || value < least) {
    process.stderr.write(`${name} takes a whole number of at least ${least}, not ${given === undefined ? 'nothing' : JSON.stringify(given)}\n`);
    process.exit(2);
  }
  return value;
}
