import { getAlpha2Codes } from 'i18n-iso-countries';
import { InvalidFields, Problem } from '@blocx/platform';
import {
  FIELD_NAMES,
  KEYWORD_LISTS,
  KeywordList,
  ProfileSettings,
  WEBHOOK_EVENTS,
  WebhookEvent,
} from './profile-settings';

export const LIMITS = {
  name: 100,
  url: 2048,
  keyword: 30,
  message: 480,
} as const;

/** ISO 3166-1 alpha-2, from the maintained i18n-iso-countries list. */
const COUNTRY_CODES: ReadonlySet<string> = new Set(Object.keys(getAlpha2Codes()));

/** Words of visible characters separated by single spaces: `STOP`, `OPT OUT`. */
const KEYWORD = /^[^\s\p{C}]+( [^\s\p{C}]+)*$/u;

/** 422: settings that break the rules; one problem per field at fault, each with its pointer. */
export class InvalidProfileSettings extends InvalidFields {}

/** Length as people count it: an emoji is one character, not two UTF-16 units. */
function length(text: string): number {
  return [...text].length;
}

function problem(code: string, pointer: string, detail: string): Problem {
  return { code, title: 'Invalid field', detail, source: { pointer } };
}

function checkText(text: string, max: number, pointer: string, what: string): Problem[] {
  if (text.trim() === '' || length(text) > max) {
    return [problem('invalid_field', pointer, `${what} must be 1 to ${max} characters, not blank`)];
  }
  return [];
}

function checkUrl(url: string | null, pointer: string): Problem[] {
  if (url === null) return [];
  if (length(url) > LIMITS.url) {
    return [problem('invalid_url', pointer, `The URL is longer than ${LIMITS.url} characters`)];
  }
  let parsed: URL | undefined;
  try {
    parsed = /[\s\p{C}]/u.test(url) ? undefined : new URL(url);
  } catch {
    parsed = undefined;
  }
  if (parsed === undefined || !['http:', 'https:'].includes(parsed.protocol) || !parsed.hostname) {
    return [problem('invalid_url', pointer, 'Must be an absolute http or https URL')];
  }
  return [];
}

/** The index of each value already seen earlier in the list (after `key`), as duplicate problems. */
function duplicates(values: string[], pointer: string, key = (v: string) => v): Problem[] {
  const seen = new Set<string>();
  return values.flatMap((value, index) => {
    const k = key(value);
    if (!seen.has(k)) {
      seen.add(k);
      return [];
    }
    return [problem('duplicate_value', `${pointer}/${index}`, `"${value}" appears more than once`)];
  });
}

function checkCountries(countries: string[]): Problem[] {
  const pointer = `/${FIELD_NAMES.allowedCountries}`;
  if (countries.length === 0) {
    return [problem('invalid_field', pointer, 'List at least one country')];
  }
  const unknown = countries.flatMap((code, index) =>
    COUNTRY_CODES.has(code)
      ? []
      : [
          problem(
            'invalid_country',
            `${pointer}/${index}`,
            `"${code}" is not an ISO 3166-1 alpha-2 country code`,
          ),
        ],
  );
  return [...unknown, ...duplicates(countries, pointer)];
}

function checkWebhookEvents(events: string[]): Problem[] {
  const pointer = `/${FIELD_NAMES.webhookEvents}`;
  const unknown = events.flatMap((event, index) =>
    (WEBHOOK_EVENTS as readonly string[]).includes(event)
      ? []
      : [
          problem(
            'invalid_webhook_event',
            `${pointer}/${index}`,
            `"${event}" is not one of ${WEBHOOK_EVENTS.join(', ')}`,
          ),
        ],
  );
  return [...unknown, ...duplicates(events, pointer)];
}

function checkKeywordList(settings: ProfileSettings, list: KeywordList): Problem[] {
  const base = `/${FIELD_NAMES[list]}`;
  const { keywords, message } = settings[list];
  const listProblems =
    keywords.length === 0
      ? [problem('invalid_field', `${base}/keywords`, 'List at least one keyword')]
      : keywords.flatMap((keyword, index) =>
          KEYWORD.test(keyword) && length(keyword) <= LIMITS.keyword
            ? []
            : [
                problem(
                  'invalid_keyword',
                  `${base}/keywords/${index}`,
                  `A keyword is 1 to ${LIMITS.keyword} characters: words separated by single spaces`,
                ),
              ],
        );
  return [
    ...listProblems,
    ...duplicates(keywords, `${base}/keywords`, (k) => k.toUpperCase()),
    ...checkText(message, LIMITS.message, `${base}/message`, 'The message'),
  ];
}

/**
 * A keyword in two lists would make an inbound text mean two things. The problem points into the
 * list this change touched (a PATCH may clash with a list it left as it was).
 */
function checkKeywordClashes(settings: ProfileSettings, touched: ReadonlySet<string>): Problem[] {
  const owner = new Map<string, KeywordList>();
  const problems: Problem[] = [];
  for (const list of KEYWORD_LISTS) {
    settings[list].keywords.forEach((keyword, index) => {
      const upper = keyword.toUpperCase();
      const earlier = owner.get(upper);
      if (earlier === undefined) owner.set(upper, list);
      if (earlier === undefined || earlier === list) return;
      const at = touched.has(list) || !touched.has(earlier) ? list : earlier;
      const position = at === list ? index : settings[earlier].keywords.indexOf(keyword);
      problems.push(
        problem(
          'keyword_conflict',
          `/${FIELD_NAMES[at]}/keywords/${position}`,
          `"${upper}" is already a keyword of ${FIELD_NAMES[at === list ? earlier : list]}`,
        ),
      );
    });
  }
  return problems;
}

/** Keywords upper-case (they match case-insensitively), countries upper-case. */
function normalized(settings: ProfileSettings): ProfileSettings {
  const upper = (list: KeywordList) => ({
    ...settings[list],
    keywords: settings[list].keywords.map((keyword) => keyword.toUpperCase()),
  });
  return {
    ...settings,
    allowedCountries: settings.allowedCountries.map((code) => code.toUpperCase()),
    webhookEvents: [...settings.webhookEvents] as WebhookEvent[],
    optOut: upper('optOut'),
    optIn: upper('optIn'),
    help: upper('help'),
  };
}

/**
 * The settings, normalised, when they keep every rule; otherwise InvalidProfileSettings listing
 * every problem. `touched` names the fields the request set (camelCase), for clash pointers.
 */
export function validSettings(
  candidate: ProfileSettings,
  touched: ReadonlySet<string> = new Set(Object.keys(FIELD_NAMES)),
): ProfileSettings {
  const settings = normalized(candidate);
  const problems = [
    ...checkText(settings.name, LIMITS.name, '/name', 'The name'),
    ...checkUrl(settings.webhookUrl, `/${FIELD_NAMES.webhookUrl}`),
    ...checkUrl(settings.webhookFailoverUrl, `/${FIELD_NAMES.webhookFailoverUrl}`),
    ...checkWebhookEvents(settings.webhookEvents),
    ...checkCountries(settings.allowedCountries),
    ...KEYWORD_LISTS.flatMap((list) => checkKeywordList(settings, list)),
  ];
  // Clashes only mean something once each list is valid on its own.
  if (problems.length === 0) problems.push(...checkKeywordClashes(settings, touched));
  if (problems.length > 0) throw new InvalidProfileSettings(problems);
  return settings;
}
