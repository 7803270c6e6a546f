import { MESSAGES_PROJECTION } from './messages.projection';
import { REPORT_PROJECTION } from './message-report.projection';

/** What a write of this context waits for before it answers (read-your-writes). */
export const MESSAGING_READ_MODELS = [MESSAGES_PROJECTION, REPORT_PROJECTION];
