/** SMS encodings as the message object reports them. */
export type MessageEncoding = 'GSM-7' | 'UCS-2';

export interface MessageTextSize {
  encoding: MessageEncoding;
  /** How many SMS parts the carrier sends; an empty text still goes out as one. */
  parts: number;
  /** GSM-7 septets or UCS-2 (UTF-16) code units. */
  units: number;
  /** More than MAX_MESSAGE_PARTS parts: the send is refused with `text_too_long`. */
  tooLong: boolean;
}

export const GSM7_SINGLE_PART_SEPTETS = 160;
/** A multipart message spends 7 septets of each part on the concatenation header. */
export const GSM7_MULTIPART_SEPTETS = 153;
export const UCS2_SINGLE_PART_UNITS = 70;
/** A multipart message spends 3 UCS-2 units of each part on the concatenation header. */
export const UCS2_MULTIPART_UNITS = 67;
export const MAX_MESSAGE_PARTS = 10;
/** The longest plain GSM-7 text; extension characters at part boundaries can make it less. */
export const GSM7_MAX_SEPTETS = GSM7_MULTIPART_SEPTETS * MAX_MESSAGE_PARTS;
/** The longest plain UCS-2 text; surrogate pairs at part boundaries can make it less. */
export const UCS2_MAX_UNITS = UCS2_MULTIPART_UNITS * MAX_MESSAGE_PARTS;

/**
 * GSM 03.38 default alphabet, row by row of the 3GPP TS 23.038 table, without 0x1B (the escape
 * to the extension table). 0x09 is the capital Ç as 3GPP draws it, so a small ç forces UCS-2.
 */
const GSM7_BASIC_TABLE =
  '@£$¥èéùìòÇ\nØø\rÅå' +
  '\u0394_\u03a6\u0393\u039b\u03a9\u03a0\u03a8\u03a3\u0398\u039eÆæßÉ' +
  ' !"#¤%&\'()*+,-./' +
  '0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNO' +
  'PQRSTUVWXYZÄÖÑÜ§' +
  '¿abcdefghijklmno' +
  'pqrstuvwxyzäöñüà';

/** Reached through the escape septet, so each costs two septets. */
const GSM7_EXTENSION_TABLE = '\f^{}\\[~]|€';

export const GSM7_BASIC_CHARACTERS: ReadonlySet<string> = new Set(GSM7_BASIC_TABLE);
export const GSM7_EXTENSION_CHARACTERS: ReadonlySet<string> = new Set(GSM7_EXTENSION_TABLE);

/** Decides a text's encoding, its size in that encoding and how many SMS parts it takes. */
export function measureMessageText(text: string): MessageTextSize {
  const septets = gsm7CharacterSizes(text);
  if (septets) {
    return sizeOf('GSM-7', septets, GSM7_SINGLE_PART_SEPTETS, GSM7_MULTIPART_SEPTETS);
  }
  return sizeOf('UCS-2', ucs2CharacterSizes(text), UCS2_SINGLE_PART_UNITS, UCS2_MULTIPART_UNITS);
}

/** Septets per character, or undefined as soon as one character is outside GSM-7. */
function gsm7CharacterSizes(text: string): number[] | undefined {
  const sizes: number[] = [];
  for (const character of text) {
    if (GSM7_BASIC_CHARACTERS.has(character)) sizes.push(1);
    else if (GSM7_EXTENSION_CHARACTERS.has(character)) sizes.push(2);
    else return undefined;
  }
  return sizes;
}

/** Iterating by code point keeps a surrogate pair together as one character of two units. */
function ucs2CharacterSizes(text: string): number[] {
  return Array.from(text, (character) => character.length);
}

function sizeOf(
  encoding: MessageEncoding,
  sizes: readonly number[],
  singlePartCapacity: number,
  multipartCapacity: number,
): MessageTextSize {
  const units = sizes.reduce((sum, size) => sum + size, 0);
  const parts = units <= singlePartCapacity ? 1 : countMultipartParts(sizes, multipartCapacity);
  return { encoding, parts, units, tooLong: parts > MAX_MESSAGE_PARTS };
}

/**
 * Fills parts character by character: an escape sequence or a surrogate pair split across two
 * parts would arrive as garbage on handsets that decode each part alone, so a character that does
 * not fit whole starts the next part.
 */
function countMultipartParts(sizes: readonly number[], capacity: number): number {
  let parts = 1;
  let used = 0;
  for (const size of sizes) {
    if (used + size > capacity) {
      parts += 1;
      used = 0;
    }
    used += size;
  }
  return parts;
}
