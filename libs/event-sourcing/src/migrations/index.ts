import { CreateEventStore1733400000000 } from './1733400000000-create-event-store';
import { PlanAppendFunctionPerCall1733750000000 } from './1733750000000-plan-append-function-per-call';

/** The event store schema; register with the other migrations of the composition root. */
export const eventSourcingMigrations = [
  CreateEventStore1733400000000,
  PlanAppendFunctionPerCall1733750000000,
];
