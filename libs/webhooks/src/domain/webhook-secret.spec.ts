import { randomBytes } from 'node:crypto';
import { generateWebhookSecret, SecretCipher, signingKey } from './webhook-secret';

describe('webhook secrets', () => {
  it('are whsec_ and 32 random bytes in base64', () => {
    const secret = generateWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(signingKey(secret)).toHaveLength(32);
    expect(generateWebhookSecret()).not.toBe(secret);
  });

  describe('SecretCipher', () => {
    const cipher = new SecretCipher(randomBytes(32));

    it('round-trips and never stores the plain secret', () => {
      const secret = generateWebhookSecret();
      const stored = cipher.encrypt(secret);
      expect(stored).not.toContain(secret.slice(6));
      expect(cipher.decrypt(stored)).toBe(secret);
      expect(cipher.encrypt(secret)).not.toBe(stored); // a fresh IV each time
    });

    it('refuses tampered ciphertext and another key', () => {
      const stored = cipher.encrypt('whsec_abc');
      const [version, iv, tag, sealed] = stored.split(':');
      const flipped = Buffer.from(sealed, 'base64');
      flipped[0] ^= 1;
      expect(() =>
        cipher.decrypt([version, iv, tag, flipped.toString('base64')].join(':')),
      ).toThrow();
      expect(() => new SecretCipher(randomBytes(32)).decrypt(stored)).toThrow();
      expect(() => cipher.decrypt('plain')).toThrow(/Unknown secret format/);
    });

    it('needs a 32-byte key', () => {
      expect(() => new SecretCipher(randomBytes(16))).toThrow();
    });
  });
});
