/**
 * Opt-out requests in plain words, beyond the one-word keywords. Each intent is one phrase
 * pattern over a clause's words; a match counts only when no negation or question word comes
 * before it in the same clause ("don't stop the deliveries", "why did you stop texting me").
 */
export type OptOutIntentName =
  | 'stop_contact'
  | 'said_stop'
  | 'unsubscribe'
  | 'remove_me'
  | 'no_more_contact'
  | 'do_not_contact'
  | 'leave_me_alone';

export interface OptOutIntentMatch {
  intent: OptOutIntentName;
  /** The words that matched, e.g. `STOP TEXTING`. */
  phrase: string;
}

/** Longer texts are conversations: a person reads them, and the sender can still text STOP. */
export const MAX_INTENT_WORDS = 12;

const CONTACT =
  '(?:TEXTING|TEXTS?|TXTING|TXTS?|MESSAGING|MSGING|MESSAGES?|MSGS?|SMS|SENDING|CONTACTING|' +
  'CALLING|EMAILING|SPAMMING|SPAM|BOTHERING|HARASSING|NOTIFICATIONS?|ALERTS?|REMINDERS?|' +
  'PROMOS?|PROMOTIONS?|ADS)';
/** Only small words may sit between the verb and its object, so "stop here and text me" fails. */
const DETERMINERS = '(?:(?:ALL|THE|THESE|THOSE|THIS|THAT|YOUR|ANY|SO|MANY|OF|WITH) ){0,3}';
const SELF = '(?:ME|MY(?: PHONE| CELL| MOBILE)? NUMBER|THIS NUMBER)';
const LIST_LIKE = `(?:(?:MAILING |TEXT |TEXTING |CONTACT )?LISTS?|${CONTACT}|DATABASE|SYSTEM)`;
/** Courtesy words that may close a request without changing it. */
const COURTESY = '(?: (?:PLEASE|PLS|PLZ|NOW|THANKS|THANK YOU|THX|TY|ASAP|IMMEDIATELY|ALREADY))*';

const NOT_A_REQUEST = new Set([
  ...['NOT', 'NEVER', 'NOR', 'CANNOT', "DON'T", 'DONT', "DOESN'T", 'DOESNT', "DIDN'T", 'DIDNT'],
  ...["CAN'T", 'CANT', "WON'T", 'WONT', "WOULDN'T", "SHOULDN'T", "COULDN'T", "ISN'T", "AREN'T"],
  // Questions about the sending rather than requests to end it.
  ...['WHY', 'WHEN', 'DID', 'DOES'],
]);

interface IntentPattern {
  intent: OptOutIntentName;
  pattern: RegExp;
}

/** `body` as whole words; `untilEnd` when only courtesy words may follow it in the clause. */
function phrase(body: string, untilEnd: boolean): RegExp {
  const after = untilEnd ? `(?=${COURTESY}$)` : '(?= |$)';
  return new RegExp(`(?:^| )(${body})${after}`, 'u');
}

const INTENTS: readonly IntentPattern[] = [
  {
    intent: 'stop_contact',
    pattern: phrase(
      `(?:STOP|QUIT|CEASE|END) (?:(?:RECEIVING|GETTING) )?${DETERMINERS}${CONTACT}`,
      false,
    ),
  },
  { intent: 'said_stop', pattern: phrase('(?:I )?(?:SAID|SAY) (?:TO )?STOP(?: IT)?', true) },
  {
    intent: 'unsubscribe',
    pattern: phrase('UNSUBSCRIBE|UNSUB|OPTOUT|OPT(?: ME)? OUT|STOPALL', false),
  },
  {
    intent: 'remove_me',
    pattern: phrase(
      `(?:REMOVE|DELETE|UNENROLL) ${SELF}(?: FROM (?:\\S+ ){0,2}${LIST_LIKE})?|` +
        `TAKE ${SELF} OFF(?: (?:OF )?(?:\\S+ ){0,2}${LIST_LIKE})?`,
      true,
    ),
  },
  { intent: 'no_more_contact', pattern: phrase(`NO MORE ${CONTACT}`, false) },
  {
    intent: 'do_not_contact',
    pattern: phrase(
      `(?:DON'T|DONT|DO NOT|NEVER) (?:EVER )?(?:TEXT|MESSAGE|CONTACT|CALL|EMAIL|SMS|SEND|SPAM) ` +
        `${SELF}(?: AGAIN| ANYMORE| ANY MORE(?: ${CONTACT})?| EVER AGAIN)?`,
      true,
    ),
  },
  { intent: 'leave_me_alone', pattern: phrase('LEAVE ME ALONE', false) },
];

/** The first opt-out intent found in a short text's clauses, if any. */
export function findOptOutIntent(clauses: readonly string[][]): OptOutIntentMatch | undefined {
  if (wordCountOf(clauses) > MAX_INTENT_WORDS) return undefined;
  for (const words of clauses) {
    const match = matchClause(words.join(' '));
    if (match) return match;
  }
  return undefined;
}

export function wordCountOf(clauses: readonly string[][]): number {
  return clauses.reduce((sum, words) => sum + words.length, 0);
}

function matchClause(clause: string): OptOutIntentMatch | undefined {
  for (const { intent, pattern } of INTENTS) {
    const match = pattern.exec(clause);
    if (match && !isNegated(clause.slice(0, match.index))) return { intent, phrase: match[1] };
  }
  return undefined;
}

function isNegated(wordsBefore: string): boolean {
  return wordsBefore.split(' ').some((word) => NOT_A_REQUEST.has(word));
}
