import { SealedText } from './sealed-text';

const box = new SealedText('a-secret-shared-by-identity-and-notifications');

describe('sealed text', () => {
  it('opens with the same secret, and looks different each time it is sealed', () => {
    const once = box.seal('tok-123');
    expect(box.unseal(once)).toBe('tok-123');
    expect(box.seal('tok-123')).not.toBe(once);
    expect(once).not.toContain('tok-123');
  });

  it('does not open with another secret, nor once changed', () => {
    const sealed = box.seal('tok-123');
    expect(() => new SealedText('another-secret-of-some-length-here').unseal(sealed)).toThrow();
    const flipped = Buffer.from(sealed, 'base64url');
    flipped[flipped.length - 1] ^= 1;
    expect(() => box.unseal(flipped.toString('base64url'))).toThrow();
  });
});
