import { Inject, Injectable } from '@nestjs/common';
import { Pool } from 'pg';
import { PG_POOL, SETTINGS, Settings } from '@blocx/platform';
import { generateWebhookSecret, SecretCipher } from '../domain/webhook-secret';

const ROTATION_OVERLAP_MS = 24 * 60 * 60 * 1000;

/**
 * Signing secrets, one per profile, encrypted at rest under SECRET_KEY. They are not events: a
 * secret must never sit in the log. A rotation keeps the previous secret signing for 24 hours.
 */
@Injectable()
export class WebhookSecrets {
  private readonly cipher: SecretCipher;

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(SETTINGS) settings: Settings,
  ) {
    this.cipher = new SecretCipher(settings.secretKey);
  }

  /** The profile's secret, made on first use (concurrent first uses agree on one). */
  async current(accountId: string, profileId: string, now: Date): Promise<string> {
    await this.pool.query(
      `INSERT INTO webhook_secrets (messaging_profile_id, account_id, current_secret, created_at)
       VALUES ($1, $2, $3, $4) ON CONFLICT (messaging_profile_id) DO NOTHING`,
      [profileId, accountId, this.cipher.encrypt(generateWebhookSecret()), now],
    );
    const { rows } = await this.pool.query(
      'SELECT current_secret FROM webhook_secrets WHERE messaging_profile_id = $1 AND account_id = $2',
      [profileId, accountId],
    );
    return this.cipher.decrypt(rows[0].current_secret);
  }

  async rotate(accountId: string, profileId: string, now: Date): Promise<string> {
    await this.current(accountId, profileId, now);
    const fresh = generateWebhookSecret();
    await this.pool.query(
      `UPDATE webhook_secrets
       SET previous_secret = current_secret, previous_valid_until = $3, current_secret = $4, rotated_at = $5
       WHERE messaging_profile_id = $1 AND account_id = $2`,
      [
        profileId,
        accountId,
        new Date(now.getTime() + ROTATION_OVERLAP_MS),
        this.cipher.encrypt(fresh),
        now,
      ],
    );
    return fresh;
  }

  /** The secrets a delivery is signed under now: the current one, and the previous one during its overlap. */
  async signing(accountId: string, profileId: string, now: Date): Promise<string[]> {
    const { rows } = await this.pool.query(
      `SELECT current_secret, CASE WHEN previous_valid_until > $2 THEN previous_secret END AS previous
       FROM webhook_secrets WHERE messaging_profile_id = $1`,
      [profileId, now],
    );
    if (rows.length === 0) return [await this.current(accountId, profileId, now)];
    const secrets: string[] = [rows[0].current_secret, rows[0].previous].filter(Boolean);
    return secrets.map((stored) => this.cipher.decrypt(stored));
  }
}
