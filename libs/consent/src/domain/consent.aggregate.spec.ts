import { given } from '@blocx/event-sourcing';
import { Consent } from './consent.aggregate';
import {
  HelpRequested,
  KeywordFact,
  OptOutConfirmationQueued,
  RecipientOptedIn,
  RecipientOptedOut,
  SendRefusedOptedOut,
} from './consent.events';
import { SendRefusal } from './send-refusal.aggregate';

const t0 = new Date('2025-06-01T10:00:00.000Z');
const t1 = new Date('2025-06-01T10:05:00.000Z');
const t2 = new Date('2025-06-01T10:10:00.000Z');
const pair = { number: '+12025550123', recipient: '+12025550199', accountId: 'acc-1' };
const stop: KeywordFact = {
  ...pair,
  profileId: 'prof-1',
  keyword: 'STOP',
  text: 'Stop please',
  rule: 'loose_keyword',
  messageId: 'in-1',
};
const start: KeywordFact = {
  ...stop,
  keyword: 'START',
  text: 'START',
  rule: 'profile_keyword',
  messageId: 'in-2',
};
const help: KeywordFact = { ...stop, keyword: 'HELP', text: 'help', messageId: 'in-3' };

const optedOut = new RecipientOptedOut({ ...stop, optedOutAt: t0.toISOString() });
const confirmed = new OptOutConfirmationQueued({
  ...pair,
  optOutMessageId: 'in-1',
  replyMessageId: 'reply-1',
  queuedAt: t0.toISOString(),
});
const optedIn = new RecipientOptedIn({ ...start, optedInAt: t1.toISOString() });

const consent = (...history: Parameters<typeof given>[1]) =>
  given(Consent, history, 'consent-12025550123_12025550199');

describe('Consent', () => {
  it('has the stream of the pair: number digits, then recipient digits', () => {
    expect(Consent.stream({ digits: '12025550123' }, { digits: '12025550199' })).toBe(
      'consent-12025550123_12025550199',
    );
  });

  describe('opt-out', () => {
    it('records the opt-out and its one confirmation', () => {
      let answer: boolean | undefined;
      const c = consent()
        .when((agg) => (answer = agg.optOutBy(stop, 'reply-1', t0)))
        .then([optedOut, confirmed]);
      expect(answer).toBe(true);
      expect(c.isOptedOut).toBe(true);
    });

    it('a second STOP while opted out records nothing and gets no second confirmation', () => {
      let answer: boolean | undefined;
      consent(optedOut, confirmed)
        .when((c) => (answer = c.optOutBy({ ...stop, messageId: 'in-9' }, 'reply-9', t1)))
        .then([]);
      expect(answer).toBe(false);
    });

    it('an opt-out without a reply to send is recorded unconfirmed, and confirmed later once', () => {
      consent()
        .when((c) => c.optOutBy(stop, undefined, t0))
        .then([optedOut]);
      consent(optedOut)
        .when((c) => c.optOutBy({ ...stop, messageId: 'in-9' }, 'reply-1', t0))
        .then([confirmed]);
    });

    it('a new opt-out after an opt-in is confirmed again', () => {
      const again = { ...stop, messageId: 'in-5' };
      consent(optedOut, confirmed, optedIn)
        .when((c) => c.optOutBy(again, 'reply-5', t2))
        .then([
          new RecipientOptedOut({ ...again, optedOutAt: t2.toISOString() }),
          new OptOutConfirmationQueued({
            ...pair,
            optOutMessageId: 'in-5',
            replyMessageId: 'reply-5',
            queuedAt: t2.toISOString(),
          }),
        ]);
    });
  });

  describe('opt-in and help', () => {
    it('an opt-in ends the opt-out', () => {
      const c = consent(optedOut, confirmed)
        .when((agg) => agg.optInBy(start, t1))
        .then([optedIn]);
      expect(c.isOptedOut).toBe(false);
    });

    it('help is recorded and changes nothing', () => {
      const c = consent(optedOut)
        .when((agg) => agg.requestHelp(help, t1))
        .then([new HelpRequested({ ...help, requestedAt: t1.toISOString() })]);
      expect(c.isOptedOut).toBe(true);
    });
  });

  describe('history as of an instant', () => {
    const c = consent(
      optedOut,
      confirmed,
      new HelpRequested({ ...help, requestedAt: t1.toISOString() }),
      new RecipientOptedIn({ ...start, optedInAt: t2.toISOString() }),
    )
      .when(() => undefined)
      .then([]);

    it('is the whole trail without as_of, status from the last opt-out or opt-in', () => {
      const { status, entries } = c.asOf(undefined);
      expect(status).toBe('opted_in');
      expect(entries.map((e) => e.type)).toEqual(['opted_out', 'help_requested', 'opted_in']);
      expect(entries[0]).toEqual({
        type: 'opted_out',
        keyword: 'STOP',
        text: 'Stop please',
        messagingProfileId: 'prof-1',
        messageId: 'in-1',
        occurredAt: t0.toISOString(),
      });
    });

    it('counts only what happened up to the instant, inclusive', () => {
      expect(c.asOf(t1).status).toBe('opted_out');
      expect(c.asOf(t1).entries).toHaveLength(2);
      expect(c.asOf(t0).entries).toHaveLength(1);
      expect(c.asOf(new Date(t0.getTime() - 1))).toEqual({ status: 'none', entries: [] });
    });
  });
});

describe('SendRefusal', () => {
  it('records the refused send once', () => {
    const refusal = {
      refusalId: 'r-1',
      ...pair,
      profileId: 'prof-1',
    };
    const event = new SendRefusedOptedOut({ ...refusal, refusedAt: t0.toISOString() });
    given(SendRefusal, [], SendRefusal.stream('r-1'))
      .when((r) => r.record(refusal, t0))
      .then([event]);
    given(SendRefusal, [event], SendRefusal.stream('r-1'))
      .when((r) => r.record(refusal, t1))
      .then([]);
  });
});
