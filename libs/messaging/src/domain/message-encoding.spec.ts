import {
  GSM7_BASIC_CHARACTERS,
  GSM7_EXTENSION_CHARACTERS,
  GSM7_MAX_SEPTETS,
  MAX_MESSAGE_PARTS,
  UCS2_MAX_UNITS,
  measureMessageText,
} from './message-encoding';

/** Real message copy, repeated and cut to an exact number of characters. */
function textOf(copy: string, length: number): string {
  const characters = Array.from(copy.repeat(Math.ceil(length / copy.length) + 1));
  return characters.slice(0, length).join('');
}

const APPOINTMENT =
  'Reminder: your appointment with Dr. Patel is on Tue 14 May at 09:30. ' +
  'Reply C to confirm or R to reschedule. ';
const CYRILLIC = 'Ваш код подтверждения 482913. Никому его не сообщайте. ';
const CHINESE = '您的验证码是482913，五分钟内有效，请勿泄露给他人。';

describe('measureMessageText', () => {
  describe('GSM-7', () => {
    it.each([
      [
        'Your Acme code is 482913. It expires in 10 minutes.',
        { encoding: 'GSM-7', parts: 1, units: 51 },
      ],
      ['Ça va? Où êtes-vous?', { encoding: 'UCS-2', parts: 1, units: 20 }],
      ['Ça coûte 5€', { encoding: 'UCS-2', parts: 1, units: 11 }],
      ['Ça coute 5€ à Zürich', { encoding: 'GSM-7', parts: 1, units: 21 }],
      ['Total: 12,50€ (incl. VAT)', { encoding: 'GSM-7', parts: 1, units: 26 }],
      ['Use code {SPRING} at checkout', { encoding: 'GSM-7', parts: 1, units: 31 }],
      ['Line one\nLine two\r\nΔ Ω Σ ¿¡ §', { encoding: 'GSM-7', parts: 1, units: 29 }],
    ])('measures %p', (text, expected) => {
      expect(measureMessageText(text)).toEqual({ ...expected, tooLong: false });
    });

    it('fits 160 septets in one part and needs two for 161', () => {
      expect(measureMessageText(textOf(APPOINTMENT, 160))).toMatchObject({
        encoding: 'GSM-7',
        parts: 1,
        units: 160,
      });
      expect(measureMessageText(textOf(APPOINTMENT, 161))).toMatchObject({ parts: 2, units: 161 });
    });

    it.each([2, 3, 5, 9, 10])(
      'fits 153 × %i septets in that many parts and not one more',
      (parts) => {
        expect(measureMessageText(textOf(APPOINTMENT, 153 * parts)).parts).toBe(parts);
        expect(measureMessageText(textOf(APPOINTMENT, 153 * parts + 1)).parts).toBe(parts + 1);
      },
    );

    it('counts extension characters as two septets', () => {
      const text = '[alert] ~|^\\€{}';
      expect(measureMessageText(text)).toMatchObject({ encoding: 'GSM-7', units: 6 + 2 * 9 });
    });

    it('counts a form feed as two septets', () => {
      expect(measureMessageText('page 1\fpage 2')).toMatchObject({ encoding: 'GSM-7', units: 14 });
    });

    it('keeps one part when an extension character brings the text to exactly 160 septets', () => {
      const text = textOf(APPOINTMENT, 158) + '€';
      expect(measureMessageText(text)).toMatchObject({ parts: 1, units: 160 });
      expect(measureMessageText(textOf(APPOINTMENT, 159) + '€')).toMatchObject({
        parts: 2,
        units: 161,
      });
    });

    it('never splits an extension character across two parts', () => {
      // 306 septets would fill exactly two parts, but the € would straddle them.
      const straddling = textOf(APPOINTMENT, 152) + '€' + textOf(APPOINTMENT, 152);
      expect(measureMessageText(straddling)).toMatchObject({ units: 306, parts: 3 });
      const aligned = textOf(APPOINTMENT, 151) + '€' + textOf(APPOINTMENT, 153);
      expect(measureMessageText(aligned)).toMatchObject({ units: 306, parts: 2 });
    });

    it('accepts 1,530 septets and refuses 1,531', () => {
      expect(measureMessageText(textOf(APPOINTMENT, GSM7_MAX_SEPTETS))).toEqual({
        encoding: 'GSM-7',
        parts: 10,
        units: 1530,
        tooLong: false,
      });
      expect(measureMessageText(textOf(APPOINTMENT, GSM7_MAX_SEPTETS + 1))).toEqual({
        encoding: 'GSM-7',
        parts: 11,
        units: 1531,
        tooLong: true,
      });
    });

    it('is too long at 1,530 septets of extension characters that 10 parts cannot hold', () => {
      // 76 euro signs fill 152 of a part's 153 septets, so 765 of them need 11 parts.
      expect(measureMessageText('€'.repeat(765))).toMatchObject({
        units: 1530,
        parts: 11,
        tooLong: true,
      });
      expect(measureMessageText('€'.repeat(760))).toMatchObject({ parts: 10, tooLong: false });
    });
  });

  describe('UCS-2', () => {
    it('switches the whole text to UCS-2 for one character outside GSM-7', () => {
      const text = textOf(APPOINTMENT, 100) + 'We’ll see you then.';
      expect(measureMessageText(text)).toMatchObject({ encoding: 'UCS-2', units: 119, parts: 2 });
    });

    it.each([
      ['a small c cedilla (3GPP draws 0x09 as Ç)', 'Garçon'],
      ['a tab', 'Name:\tAlice'],
      ['a non-breaking space', 'Total:\u00a010 USD'],
      ['an escape character', 'raw \u001b byte'],
    ])('treats %s as UCS-2', (_, text) => {
      expect(measureMessageText(text).encoding).toBe('UCS-2');
    });

    it('fits 70 units in one part and needs two for 71', () => {
      expect(measureMessageText(textOf(CYRILLIC, 70))).toMatchObject({
        encoding: 'UCS-2',
        parts: 1,
        units: 70,
      });
      expect(measureMessageText(textOf(CYRILLIC, 71))).toMatchObject({ parts: 2, units: 71 });
    });

    it.each([2, 4, 7, 10])('fits 67 × %i units in that many parts and not one more', (parts) => {
      expect(measureMessageText(textOf(CHINESE, 67 * parts)).parts).toBe(parts);
      expect(measureMessageText(textOf(CHINESE, 67 * parts + 1)).parts).toBe(parts + 1);
    });

    it('counts an emoji outside the BMP as two units', () => {
      expect(measureMessageText('Happy birthday! 🎉')).toEqual({
        encoding: 'UCS-2',
        parts: 1,
        units: 18,
        tooLong: false,
      });
      expect(measureMessageText('👍'.repeat(35))).toMatchObject({ parts: 1, units: 70 });
      expect(measureMessageText('👍'.repeat(36))).toMatchObject({ parts: 2, units: 72 });
    });

    it('never splits a surrogate pair across two parts', () => {
      const straddling = textOf(CYRILLIC, 66) + '🎉' + textOf(CYRILLIC, 66);
      expect(measureMessageText(straddling)).toMatchObject({ units: 134, parts: 3 });
      const aligned = textOf(CYRILLIC, 65) + '🎉' + textOf(CYRILLIC, 67);
      expect(measureMessageText(aligned)).toMatchObject({ units: 134, parts: 2 });
    });

    it('accepts 670 units and refuses 671', () => {
      expect(measureMessageText(textOf(CYRILLIC, UCS2_MAX_UNITS))).toEqual({
        encoding: 'UCS-2',
        parts: 10,
        units: 670,
        tooLong: false,
      });
      expect(measureMessageText(textOf(CYRILLIC, UCS2_MAX_UNITS + 1))).toEqual({
        encoding: 'UCS-2',
        parts: 11,
        units: 671,
        tooLong: true,
      });
    });

    it('is too long at 670 units of emoji, which pack only 66 units into a part', () => {
      expect(measureMessageText('😀'.repeat(335))).toMatchObject({
        units: 670,
        parts: 11,
        tooLong: true,
      });
      expect(measureMessageText('😀'.repeat(330))).toMatchObject({ parts: 10, tooLong: false });
    });
  });

  it('measures an empty text as one empty GSM-7 part', () => {
    expect(measureMessageText('')).toEqual({
      encoding: 'GSM-7',
      parts: 1,
      units: 0,
      tooLong: false,
    });
  });

  it('knows the 127 characters of the basic table and the 10 of the extension table', () => {
    expect(GSM7_BASIC_CHARACTERS.size).toBe(127);
    expect(GSM7_EXTENSION_CHARACTERS.size).toBe(10);
    expect([...GSM7_EXTENSION_CHARACTERS].filter((c) => GSM7_BASIC_CHARACTERS.has(c))).toEqual([]);
    expect(MAX_MESSAGE_PARTS).toBe(10);
  });
});
