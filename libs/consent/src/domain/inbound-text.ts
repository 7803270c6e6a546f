/** Opening quotes of the usual keyboards; closing ones are trailing punctuation already. */
const LEADING_QUOTES = /^["'`“”‘’„‚«»‹›]+/u;
const TRAILING_PUNCTUATION = /\p{P}+$/u;
/** Clauses end at sentence punctuation or a dash between spaces ("no - stop"). */
const CLAUSE_BREAK = /[.,;:!?…()[\]{}"“”]+| [-–—]+ /u;
/** Letters and digits, with inner apostrophes kept so that DON'T stays one word. */
const WORD = /[\p{L}\p{N}]+(?:'[\p{L}\p{N}]+)*/gu;

/**
 * The text as keywords are compared with it: compatibility forms folded (full-width ＳＴＯＰ is
 * STOP), whitespace collapsed, upper-cased, and trailing punctuation and surrounding quotes
 * removed, repeatedly, so `"Stop!"` and `STOP!!!` are both STOP.
 */
export function normaliseInboundText(text: string): string {
  let current = foldCase(text);
  for (;;) {
    const next = current.replace(TRAILING_PUNCTUATION, '').replace(LEADING_QUOTES, '').trim();
    if (next === current) return current;
    current = next;
  }
}

/** Profile keywords get the same folding as inbound texts, in case one was stored loosely. */
export function normaliseKeyword(keyword: string): string {
  return foldCase(keyword);
}

/** The words of each clause of a normalised text, apostrophes unified. */
export function clausesOf(normalised: string): string[][] {
  return normalised
    .replace(/[’‘`´]/gu, "'")
    .split(CLAUSE_BREAK)
    .map((clause) => clause.match(WORD) ?? [])
    .filter((words) => words.length > 0);
}

function foldCase(text: string): string {
  return text.normalize('NFKC').replace(/\s+/gu, ' ').trim().toUpperCase();
}
