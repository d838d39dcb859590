import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

import type { SecretCipher } from '../../core/secret-cipher.ts';

/**
 * Stands in for Electron's `safeStorage`, which exists only inside Electron: AES-256-GCM with a
 * key made per instance, so a second instance cannot decrypt, as on another machine.
 */
export function createTestCipher(options: { weakness?: string } = {}): SecretCipher {
  const key = randomBytes(32);
  return {
    async findWeakness() {
      return options.weakness;
    },
    async encrypt(plainText) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const encrypted = Buffer.concat([cipher.update(plainText, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), encrypted]).toString('base64');
    },
    async decrypt(cipherText) {
      const bytes = Buffer.from(cipherText, 'base64');
      const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12));
      decipher.setAuthTag(bytes.subarray(12, 28));
      return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString(
        'utf8',
      );
    },
  };
}
