import { Query } from '@nestjs/cqrs';
import { ConsentEntry, ConsentStatus } from '../../domain/consent.aggregate';

export interface ConsentHistoryView {
  number: string;
  recipient: string;
  status: ConsentStatus;
  events: ConsentEntry[];
}

/**
 * The audit trail of (number, recipient), replayed from the event log (never a read model), up to
 * `asOf` when given. The number must be the account's now (NumberNotFound otherwise).
 */
export class GetConsentHistory extends Query<ConsentHistoryView> {
  readonly accountId: string;
  /** E.164, already checked. */
  readonly number: string;
  readonly recipient: string;
  readonly asOf: Date | undefined;

  constructor(input: { accountId: string; number: string; recipient: string; asOf?: Date }) {
    super();
    Object.assign(this, input);
  }
}
