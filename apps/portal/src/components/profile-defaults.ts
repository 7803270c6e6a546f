import { ProfileSettings, WEBHOOK_EVENTS } from '../api/types';

/**
 * What the API fills in when a create leaves a field out (docs/api.md), shown in the New profile
 * form so people see and can edit them. The browser suite checks these against the API's own.
 */
export const PROFILE_DEFAULTS: ProfileSettings = {
  name: '',
  webhook_url: null,
  webhook_failover_url: null,
  webhook_events: [...WEBHOOK_EVENTS],
  allowed_countries: ['US'],
  opt_out: {
    keywords: ['STOP'],
    message:
      'You have been unsubscribed and will receive no more messages from this number. Reply START to opt back in.',
  },
  opt_in: {
    keywords: ['START'],
    message:
      'You have been resubscribed and will receive messages from this number again. Reply STOP to opt out.',
  },
  help: {
    keywords: ['HELP'],
    message:
      'For help, contact the sender of these messages. Reply STOP to stop receiving messages, START to resume.',
  },
};
