import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'accounts' })
export class AccountEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  name: string;

  /** SHA-256 of the API key, hex; the key itself is never stored. */
  @Column('text', { name: 'api_key_hash', unique: true })
  apiKeyHash: string;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;
}
