/**
 * A whole-number option of a tool (`--errors 20000`). Anything else stops the tool with a
 * sentence saying so: a typo must not run a ten-minute suite on a number nobody asked for.
 */
export function wholeNumberOption(name: string, fallback: number, least = 1, most = Number.MAX_SAFE_INTEGER): number {
  const index = process.argv.indexOf(name);
  if (index < 0) return fallback;
  const given = process.argv[index + 1];
  const value = Number(given);
  if (given === undefined || !/^\d+$/.test(given) || !Number.isSafeInteger(value) || value < least || value > most) {
    const range = most === Number.MAX_SAFE_INTEGER ? `at least ${least}` : `from ${least} to ${most}`;
    process.stderr.write(`${name} takes a whole number ${range}, not ${given === undefined ? 'nothing' : JSON.stringify(given)}\n`);
    process.exit(2);
  }
  return value;
}
