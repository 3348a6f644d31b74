import { RequestValidationError } from '@faultline/platform';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The 10,000 most used passwords and every longer one of zxcvbn-ts's list (MIT, see
 * common-passwords.NOTICE), lower-cased.
 */
const COMMON = new Set(fs.readFileSync(path.join(__dirname, 'common-passwords.txt'), 'utf8').split('\n').filter(Boolean));

export const MIN_PASSWORD_LENGTH = 12;

/**
 * Why a new password is refused, or undefined when it is acceptable: at least 12 characters
 * that are not all spaces, and neither a well-known password nor one padded with digits or
 * symbols ("dragon123456", "!!password2024").
 */
export function passwordWeakness(password: string): string | undefined {
  if ([...password].length < MIN_PASSWORD_LENGTH) return `must be at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.trim() === '') return 'must not be only spaces';
  const lower = password.toLowerCase();
  const core = lower.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  if (COMMON.has(lower) || (core.length > 0 && COMMON.has(core))) return 'is one of the most common passwords, and among the first an attacker tries: choose another';
  return undefined;
}

/** A weak new password is a 400 naming the field. */
export function requireStrongPassword(password: string, pointer: string): void {
  const weakness = passwordWeakness(password);
  if (weakness) throw new RequestValidationError([{ pointer, detail: weakness }]);
}
