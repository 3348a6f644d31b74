import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Where the pacts other teams use are committed, from the repository's root. */
const PACTS_DIR = path.resolve(__dirname, '../../../contracts/pacts');

/**
 * A consumer pact test writes its pact to a fresh folder; `checkCommitted` then fails while the
 * committed copy in contracts/pacts/ differs (`npm run pacts:refresh` sets
 * FAULTLINE_REFRESH_PACTS=1 and writes it instead). Tests never write the committed file while
 * other tests read it.
 */
export function pactWorkspace(file: string): { dir: string; committedPath: string; checkCommitted: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'faultline-pacts-'));
  const committedPath = path.join(PACTS_DIR, file);
  const checkCommitted = () => {
    const written = fs.readFileSync(path.join(dir, file), 'utf8');
    if (process.env.FAULTLINE_REFRESH_PACTS === '1') fs.writeFileSync(committedPath, written);
    const committed = fs.existsSync(committedPath) ? JSON.parse(fs.readFileSync(committedPath, 'utf8')) : null;
    if (JSON.stringify(JSON.parse(written)) !== JSON.stringify(committed)) {
      throw new Error(`contracts/pacts/${file} is stale: run \`npm run pacts:refresh\` and commit it`);
    }
  };
  return { dir, committedPath, checkCommitted };
}
