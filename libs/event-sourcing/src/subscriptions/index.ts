import { CreateSubscriptionCheckpoints1733500000000 } from './migrations/1733500000000-create-subscription-checkpoints';
import { CreateAdvanceCheckpoint1733740000000 } from './migrations/1733740000000-create-advance-checkpoint';

export * from './checkpoints';
export * from './event-envelope';
export * from './subscription-locks';
export * from './subscription-progress';
export * from './subscription-runner';
export * from './subscription-metrics';
export * from './subscription-host';

/** The checkpoint table of subscriptions and projections, and its conditional move. */
export const subscriptionMigrations = [
  CreateSubscriptionCheckpoints1733500000000,
  CreateAdvanceCheckpoint1733740000000,
];
