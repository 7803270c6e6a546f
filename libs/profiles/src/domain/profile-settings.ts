/** The webhook events a profile can subscribe to (api.md). */
export const WEBHOOK_EVENTS = [
  'message.sent',
  'message.delivered',
  'message.failed',
  'message.received',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** The keywords that trigger an automatic reply, and that reply. Keywords are stored upper-case. */
export interface KeywordHandling {
  keywords: string[];
  message: string;
}

/** Everything a customer configures on a profile: the fields of its API object, in camelCase. */
export interface ProfileSettings {
  name: string;
  webhookUrl: string | null;
  webhookFailoverUrl: string | null;
  webhookEvents: WebhookEvent[];
  allowedCountries: string[];
  optOut: KeywordHandling;
  optIn: KeywordHandling;
  help: KeywordHandling;
}

export type KeywordList = 'optOut' | 'optIn' | 'help';
export const KEYWORD_LISTS: readonly KeywordList[] = ['optOut', 'optIn', 'help'];

/** What a create may leave out; the defaults fill the rest. */
export type ProfileDraft = Pick<ProfileSettings, 'name'> &
  Partial<Omit<ProfileSettings, 'name' | KeywordList>> &
  Partial<Record<KeywordList, Partial<KeywordHandling>>>;

/** A PATCH: a field left out stays; `null` clears a URL. Keyword handling may change in part. */
export type ProfilePatch = Partial<Omit<ProfileSettings, KeywordList>> &
  Partial<Record<KeywordList, Partial<KeywordHandling>>>;

/** Defaults from the product page: US only, STOP / START / HELP with real replies, every event. */
export const DEFAULT_SETTINGS: Omit<ProfileSettings, 'name'> = {
  webhookUrl: null,
  webhookFailoverUrl: null,
  webhookEvents: [...WEBHOOK_EVENTS],
  allowedCountries: ['US'],
  optOut: {
    keywords: ['STOP'],
    message:
      'You have been unsubscribed and will receive no more messages from this number. Reply START to opt back in.',
  },
  optIn: {
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

/** The API (snake_case) name of a settings field, for error pointers. */
export const FIELD_NAMES: Record<keyof ProfileSettings, string> = {
  name: 'name',
  webhookUrl: 'webhook_url',
  webhookFailoverUrl: 'webhook_failover_url',
  webhookEvents: 'webhook_events',
  allowedCountries: 'allowed_countries',
  optOut: 'opt_out',
  optIn: 'opt_in',
  help: 'help',
};

/** The draft with the defaults filled in (before validation). */
export function withDefaults(draft: ProfileDraft): ProfileSettings {
  return {
    ...DEFAULT_SETTINGS,
    ...definedFields(draft),
    name: draft.name,
    optOut: { ...DEFAULT_SETTINGS.optOut, ...definedFields(draft.optOut ?? {}) },
    optIn: { ...DEFAULT_SETTINGS.optIn, ...definedFields(draft.optIn ?? {}) },
    help: { ...DEFAULT_SETTINGS.help, ...definedFields(draft.help ?? {}) },
  };
}

/** The settings with the patch laid over them (before validation). */
export function patched(current: ProfileSettings, patch: ProfilePatch): ProfileSettings {
  return {
    ...current,
    ...definedFields(patch),
    optOut: { ...current.optOut, ...definedFields(patch.optOut ?? {}) },
    optIn: { ...current.optIn, ...definedFields(patch.optIn ?? {}) },
    help: { ...current.help, ...definedFields(patch.help ?? {}) },
  };
}

/** The fields a patch or draft sets (`undefined` means "left out", not "set to undefined"). */
function definedFields<T extends object>(input: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(input).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}
