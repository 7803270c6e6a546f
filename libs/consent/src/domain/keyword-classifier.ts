import { clausesOf, normaliseInboundText, normaliseKeyword } from './inbound-text';
import {
  findOptOutIntent,
  MAX_INTENT_WORDS,
  OptOutIntentName,
  wordCountOf,
} from './opt-out-intent';

/** A profile's keyword lists, as stored (upper-case). */
export interface KeywordLists {
  optOut: readonly string[];
  optIn: readonly string[];
  help: readonly string[];
}

export type InboundKind = 'opt_out' | 'opt_in' | 'help' | 'none';

/**
 * - `profile_keyword` / `baseline_keyword`: the whole normalised text is that keyword;
 * - `loose_keyword`: the text is one keyword once courtesy words ("please", "now"), repeats,
 *   inner punctuation and emoji are set aside ("Stop please", "HELP ME", "stop. stop. 🛑");
 * - `keyword_sentence`: one sentence of a short text is an opt-out keyword ("Stop. Wrong number");
 * - `intent_phrase`: a short text that plainly asks to stop ("please stop texting me");
 * - `no_match`: none of these; the text is an ordinary message.
 */
export type KeywordRule =
  | 'profile_keyword'
  | 'baseline_keyword'
  | 'loose_keyword'
  | 'keyword_sentence'
  | 'intent_phrase'
  | 'no_match';

export interface KeywordClassification {
  kind: InboundKind;
  /** The keyword as listed, or the matched words of an intent phrase. */
  keyword: string | undefined;
  rule: KeywordRule;
  /** Which opt-out intent matched, for `intent_phrase`. */
  intent?: OptOutIntentName;
}

/** What US rules make every profile honour; never copied into a profile's own lists. */
export const BASELINE_KEYWORDS: KeywordLists = {
  optOut: [
    ...['STOP', 'STOPALL', 'STOP ALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'REVOKE'],
    ...['OPTOUT', 'OPT OUT'],
  ],
  optIn: ['START', 'UNSTOP'],
  help: ['HELP', 'INFO'],
};

/** Words that may surround a keyword without changing what the sender asks for. */
const COURTESY_WORDS = new Set([
  ...['PLEASE', 'PLS', 'PLZ', 'PLEASEE', 'NOW', 'THANKS', 'THANK', 'YOU', 'THX', 'TY', 'ASAP'],
  ...['ALREADY', 'JUST', 'OK', 'OKAY', 'IT', 'ME', 'IMMEDIATELY'],
]);

/**
 * Everyday words ("cancel my 3pm", "end of the day") count as opt-outs only alone, as US rules
 * require, never loosened: "Cancel please" most likely means an appointment.
 */
const WHOLE_TEXT_ONLY = new Set(['CANCEL', 'END']);

const KINDS: ReadonlyArray<[Exclude<InboundKind, 'none'>, keyof KeywordLists]> = [
  ['opt_out', 'optOut'],
  ['opt_in', 'optIn'],
  ['help', 'help'],
];

const NO_MATCH: KeywordClassification = { kind: 'none', keyword: undefined, rule: 'no_match' };

/** Decides whether an inbound text is an opt-out, an opt-in, a help request or none of these. */
export function classifyInboundText(text: string, profile: KeywordLists): KeywordClassification {
  const normalised = normaliseInboundText(text);
  if (normalised === '') return NO_MATCH;
  const clauses = clausesOf(normalised);
  return (
    matchWholeText(normalised, profile) ??
    matchLoosely(looseCandidate(clauses), profile, 'loose_keyword') ??
    matchKeywordSentence(clauses, profile) ??
    matchIntent(clauses) ??
    NO_MATCH
  );
}

interface ListedKeyword {
  kind: Exclude<InboundKind, 'none'>;
  keyword: string;
  listedBy: 'profile' | 'baseline';
}

function matchWholeText(
  normalised: string,
  profile: KeywordLists,
): KeywordClassification | undefined {
  const found = findKeyword(normalised, profile);
  if (!found) return undefined;
  const rule = found.listedBy === 'profile' ? 'profile_keyword' : 'baseline_keyword';
  return { kind: found.kind, keyword: found.keyword, rule };
}

function matchLoosely(
  candidate: string,
  profile: KeywordLists,
  rule: KeywordRule,
): KeywordClassification | undefined {
  if (WHOLE_TEXT_ONLY.has(candidate)) return undefined;
  const found = findKeyword(candidate, profile);
  return found && { kind: found.kind, keyword: found.keyword, rule };
}

/** "Stop. Wrong number": one sentence of a short text is an opt-out keyword on its own. */
function matchKeywordSentence(
  clauses: readonly string[][],
  profile: KeywordLists,
): KeywordClassification | undefined {
  if (clauses.length < 2 || wordCountOf(clauses) > MAX_INTENT_WORDS) return undefined;
  for (const clause of clauses) {
    const found = matchLoosely(looseCandidate([clause]), profile, 'keyword_sentence');
    if (found?.kind === 'opt_out') return found;
  }
  return undefined;
}

function findKeyword(candidate: string, profile: KeywordLists): ListedKeyword | undefined {
  if (candidate === '') return undefined;
  const own = lookUp(candidate, profile, 'profile');
  const baseline = lookUp(candidate, BASELINE_KEYWORDS, 'baseline');
  // The baseline opt-out is a floor: a profile may claim other baseline words for itself,
  // but no profile can make STOP mean anything but stop.
  if (baseline?.kind === 'opt_out' && own?.kind !== 'opt_out') return baseline;
  return own ?? baseline;
}

/** Opt-out first: when lists overlap, the reading that sends nothing more is the safe one. */
function lookUp(
  candidate: string,
  lists: KeywordLists,
  listedBy: ListedKeyword['listedBy'],
): ListedKeyword | undefined {
  for (const [kind, list] of KINDS) {
    const keyword = lists[list].map(normaliseKeyword).find((listed) => listed === candidate);
    if (keyword !== undefined) return { kind, keyword, listedBy };
  }
  return undefined;
}

/** The text's words without courtesy words and without a word repeated right after itself. */
function looseCandidate(clauses: readonly string[][]): string {
  return clauses
    .flat()
    .filter((word) => !COURTESY_WORDS.has(word))
    .filter((word, index, words) => word !== words[index - 1])
    .join(' ');
}

function matchIntent(clauses: readonly string[][]): KeywordClassification | undefined {
  const found = findOptOutIntent(clauses);
  if (!found) return undefined;
  return { kind: 'opt_out', keyword: found.phrase, rule: 'intent_phrase', intent: found.intent };
}
