import {
  BASELINE_KEYWORDS,
  classifyInboundText,
  InboundKind,
  KeywordLists,
  KeywordRule,
} from './keyword-classifier';
import { normaliseInboundText } from './inbound-text';

/** A new profile's lists. */
const DEFAULT_PROFILE: KeywordLists = { optOut: ['STOP'], optIn: ['START'], help: ['HELP'] };

type Row = [text: string, kind: InboundKind, rule: KeywordRule, keyword: string | undefined];

const OPT_OUTS: Row[] = [
  ['STOP', 'opt_out', 'profile_keyword', 'STOP'],
  ['stop', 'opt_out', 'profile_keyword', 'STOP'],
  ['  Stop.  ', 'opt_out', 'profile_keyword', 'STOP'],
  ['STOP!!!', 'opt_out', 'profile_keyword', 'STOP'],
  ['"Stop"', 'opt_out', 'profile_keyword', 'STOP'],
  ['ＳＴＯＰ', 'opt_out', 'profile_keyword', 'STOP'],
  ['Unsubscribe', 'opt_out', 'baseline_keyword', 'UNSUBSCRIBE'],
  ['opt out', 'opt_out', 'baseline_keyword', 'OPT OUT'],
  ['Stop   all', 'opt_out', 'baseline_keyword', 'STOP ALL'],
  ['stopall', 'opt_out', 'baseline_keyword', 'STOPALL'],
  ['Cancel', 'opt_out', 'baseline_keyword', 'CANCEL'],
  ['end', 'opt_out', 'baseline_keyword', 'END'],
  ['Quit.', 'opt_out', 'baseline_keyword', 'QUIT'],
  ['revoke', 'opt_out', 'baseline_keyword', 'REVOKE'],
  ['OptOut', 'opt_out', 'baseline_keyword', 'OPTOUT'],
  ['Opt-out', 'opt_out', 'loose_keyword', 'OPT OUT'],
  ['Stop please', 'opt_out', 'loose_keyword', 'STOP'],
  ['Please STOP.', 'opt_out', 'loose_keyword', 'STOP'],
  ['stop stop stop', 'opt_out', 'loose_keyword', 'STOP'],
  ['Stop it now!', 'opt_out', 'loose_keyword', 'STOP'],
  ['STOP 🛑', 'opt_out', 'loose_keyword', 'STOP'],
  ['unsubscribe me', 'opt_out', 'loose_keyword', 'UNSUBSCRIBE'],
  ['Stop. Wrong number', 'opt_out', 'keyword_sentence', 'STOP'],
  ['Who is this? Unsubscribe', 'opt_out', 'keyword_sentence', 'UNSUBSCRIBE'],
  ['please stop texting me', 'opt_out', 'intent_phrase', 'STOP TEXTING'],
  ['stop sending me messages', 'opt_out', 'intent_phrase', 'STOP SENDING'],
  ['Can you please stop sending these texts?', 'opt_out', 'intent_phrase', 'STOP SENDING'],
  ['STOP sending reminders', 'opt_out', 'intent_phrase', 'STOP SENDING'],
  ['Stop msging me', 'opt_out', 'intent_phrase', 'STOP MSGING'],
  ['Quit spamming me', 'opt_out', 'intent_phrase', 'QUIT SPAMMING'],
  [
    'I want to stop getting all of these alerts',
    'opt_out',
    'intent_phrase',
    'STOP GETTING ALL OF THESE ALERTS',
  ],
  ["I'm not interested, stop texting me", 'opt_out', 'intent_phrase', 'STOP TEXTING'],
  ['Wrong person. Stop messaging me', 'opt_out', 'intent_phrase', 'STOP MESSAGING'],
  ['remove me from this list', 'opt_out', 'intent_phrase', 'REMOVE ME FROM THIS LIST'],
  [
    'Please remove my number from your list.',
    'opt_out',
    'intent_phrase',
    'REMOVE MY NUMBER FROM YOUR LIST',
  ],
  ['take me off your mailing list', 'opt_out', 'intent_phrase', 'TAKE ME OFF YOUR MAILING LIST'],
  ['Remove me please', 'opt_out', 'intent_phrase', 'REMOVE ME'],
  ['opt me out', 'opt_out', 'loose_keyword', 'OPT OUT'],
  ['Please opt me out of this', 'opt_out', 'intent_phrase', 'OPT ME OUT'],
  ['I want to unsubscribe', 'opt_out', 'intent_phrase', 'UNSUBSCRIBE'],
  ['How do I opt out of these?', 'opt_out', 'intent_phrase', 'OPT OUT'],
  ['no more texts please', 'opt_out', 'intent_phrase', 'NO MORE TEXTS'],
  ["Don't text me again", 'opt_out', 'intent_phrase', "DON'T TEXT ME AGAIN"],
  ['Do not contact me.', 'opt_out', 'intent_phrase', 'DO NOT CONTACT ME'],
  [
    'don’t send me any more messages',
    'opt_out',
    'intent_phrase',
    "DON'T SEND ME ANY MORE MESSAGES",
  ],
  ['Leave me alone!!', 'opt_out', 'intent_phrase', 'LEAVE ME ALONE'],
  ['I said stop', 'opt_out', 'intent_phrase', 'I SAID STOP'],
];

const OPT_INS: Row[] = [
  ['START', 'opt_in', 'profile_keyword', 'START'],
  ['start.', 'opt_in', 'profile_keyword', 'START'],
  ['Unstop', 'opt_in', 'baseline_keyword', 'UNSTOP'],
  ["'UNSTOP!'", 'opt_in', 'baseline_keyword', 'UNSTOP'],
  ['Start please', 'opt_in', 'loose_keyword', 'START'],
];

const HELP: Row[] = [
  ['HELP', 'help', 'profile_keyword', 'HELP'],
  ['help?', 'help', 'profile_keyword', 'HELP'],
  ['Info', 'help', 'baseline_keyword', 'INFO'],
  ['help me', 'help', 'loose_keyword', 'HELP'],
  ['HELP please!', 'help', 'loose_keyword', 'HELP'],
  ['INFO pls', 'help', 'loose_keyword', 'INFO'],
];

const ORDINARY_MESSAGES: string[] = [
  "don't stop the deliveries",
  'when does the bus stop',
  "I can't stop laughing 😂",
  'stop by the store tomorrow?',
  'end of the day works',
  'Cancel please',
  'Please cancel my appointment',
  'Can you stop here and text me when you arrive?',
  "Don't stop sending me these deals!",
  'Why did you stop sending reminders?',
  'Did the messages stop?',
  "I don't want to unsubscribe",
  "Please don't remove me from the list",
  'Remove me from the 3pm appointment',
  "Don't text me after 9pm",
  "Let's start the meeting at 10",
  'When do we start?',
  'I need help with my order',
  'Thanks for the info!',
  'Where is the stop for route 9?',
  'Stopping by at 5',
  'STOP the car',
  'Keep the texts coming, do not stop',
  'Cancel. I will call to reschedule',
  'Full stop.',
  'Bus stop at 5th',
  'Start. What time do we meet?',
  'Yes',
  '',
  '   ',
  '!!!',
  // Over the word limit: a conversation for a person to read, not a request to match.
  'Hey, I talked to your manager yesterday and he said you would stop texting me about the renewal',
];

describe('classifyInboundText', () => {
  it.each([...OPT_OUTS, ...OPT_INS, ...HELP])(
    '%p is %s by %s (%s)',
    (text, kind, rule, keyword) => {
      const result = classifyInboundText(text, DEFAULT_PROFILE);
      expect({ kind: result.kind, rule: result.rule, keyword: result.keyword }).toEqual({
        kind,
        rule,
        keyword,
      });
    },
  );

  it.each(ORDINARY_MESSAGES)('%p is an ordinary message', (text) => {
    expect(classifyInboundText(text, DEFAULT_PROFILE)).toEqual({
      kind: 'none',
      keyword: undefined,
      rule: 'no_match',
    });
  });

  it('names the opt-out intent that matched', () => {
    expect(classifyInboundText('please take me off your list', DEFAULT_PROFILE)).toEqual({
      kind: 'opt_out',
      keyword: 'TAKE ME OFF YOUR LIST',
      rule: 'intent_phrase',
      intent: 'remove_me',
    });
  });

  describe('profile keywords', () => {
    const profile: KeywordLists = {
      optOut: ['STOP', 'HALT', 'ARRÊT'],
      optIn: ['START', 'RESUME'],
      help: ['HELP', 'INFO'],
    };

    it.each<Row>([
      ['halt', 'opt_out', 'profile_keyword', 'HALT'],
      ['Halt please', 'opt_out', 'loose_keyword', 'HALT'],
      ['arrêt', 'opt_out', 'profile_keyword', 'ARRÊT'],
      ['Resume!', 'opt_in', 'profile_keyword', 'RESUME'],
      ['info', 'help', 'profile_keyword', 'INFO'],
      ['QUIT', 'opt_out', 'baseline_keyword', 'QUIT'],
    ])('%p is %s by %s (%s)', (text, kind, rule, keyword) => {
      expect(classifyInboundText(text, profile)).toEqual({ kind, rule, keyword });
    });

    it('lets a profile claim a baseline word for another kind', () => {
      const profile = { optOut: ['STOP', 'INFO'], optIn: ['START'], help: ['HELP'] };
      expect(classifyInboundText('Info', profile)).toEqual({
        kind: 'opt_out',
        keyword: 'INFO',
        rule: 'profile_keyword',
      });
    });

    it('never lets a profile turn a baseline opt-out into something else', () => {
      const profile = { optOut: ['HALT'], optIn: ['END'], help: ['STOP'] };
      expect(classifyInboundText('stop', profile)).toEqual({
        kind: 'opt_out',
        keyword: 'STOP',
        rule: 'baseline_keyword',
      });
      expect(classifyInboundText('End', profile).kind).toBe('opt_out');
    });

    it('honours the baseline with empty profile lists and matches loosely stored keywords', () => {
      const profile = { optOut: ['halt '], optIn: [], help: [] };
      expect(classifyInboundText('STOP', profile).rule).toBe('baseline_keyword');
      expect(classifyInboundText('HALT', profile)).toMatchObject({
        kind: 'opt_out',
        rule: 'profile_keyword',
      });
    });
  });

  it('keeps the US baseline', () => {
    expect(BASELINE_KEYWORDS.optOut).toEqual([
      'STOP',
      'STOPALL',
      'STOP ALL',
      'UNSUBSCRIBE',
      'CANCEL',
      'END',
      'QUIT',
      'REVOKE',
      'OPTOUT',
      'OPT OUT',
    ]);
    expect(BASELINE_KEYWORDS.optIn).toEqual(['START', 'UNSTOP']);
    expect(BASELINE_KEYWORDS.help).toEqual(['HELP', 'INFO']);
  });
});

describe('normaliseInboundText', () => {
  it.each([
    ['  stop  ', 'STOP'],
    ['Stop   All', 'STOP ALL'],
    ['opt\n\tout', 'OPT OUT'],
    ['STOP!!!', 'STOP'],
    ['stop?!.', 'STOP'],
    ['"stop"', 'STOP'],
    ['“Stop.”', 'STOP'],
    ["'stop' !", 'STOP'],
    ['ＵＮＳＴＯＰ', 'UNSTOP'],
    ['stop by?', 'STOP BY'],
    ['¿stop', '¿STOP'],
  ])('%p → %p', (text, normalised) => {
    expect(normaliseInboundText(text)).toBe(normalised);
  });
});
