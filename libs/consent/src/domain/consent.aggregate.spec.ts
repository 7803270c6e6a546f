import { given } from '@blocx/event-sourcing';
import { Consent } from './consent.aggregate';
import {
  HelpRequested,
  KeywordFact,
  OptOutConfirmationQueued,
  RecipientOptedIn,
  RecipientOptedOut,
  owedKeywordReply,
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

const reply1 = { messageId: 'reply-1', text: 'You are opted out. Text START to opt back in.' };
const optedOut = new RecipientOptedOut({ ...stop, optedOutAt: t0.toISOString() });
const confirmed = new OptOutConfirmationQueued({
  ...pair,
  profileId: 'prof-1',
  optOutMessageId: 'in-1',
  replyMessageId: 'reply-1',
  text: reply1.text,
  queuedAt: t0.toISOString(),
});
const optedIn = new RecipientOptedIn({ ...start, optedInAt: t1.toISOString() });
const ACCOUNT = pair.accountId;
/** The same pair once the number was released and taken by another account. */
const NEXT_OWNER = 'acc-2';

const consent = (...history: Parameters<typeof given>[1]) =>
  given(Consent, history, 'consent-12025550123_12025550199');

describe('Consent', () => {
  it('has the stream of the pair: number digits, then recipient digits', () => {
    expect(Consent.stream({ digits: '12025550123' }, { digits: '12025550199' })).toBe(
      'consent-12025550123_12025550199',
    );
  });

  describe('opt-out', () => {
    it('records the opt-out and its one confirmation, with the text owed', () => {
      const c = consent()
        .when((agg) => agg.optOutBy(stop, reply1, t0))
        .then([optedOut, confirmed]);
      expect(c.isOptedOutOf(ACCOUNT)).toBe(true);
      expect(owedKeywordReply(confirmed)).toEqual({
        kind: 'opt_out',
        ...reply1,
        ...pair,
        profileId: 'prof-1',
      });
    });

    it('a second STOP while opted out records nothing and gets no second confirmation', () => {
      consent(optedOut, confirmed)
        .when((c) =>
          c.optOutBy({ ...stop, messageId: 'in-9' }, { ...reply1, messageId: 'r-9' }, t1),
        )
        .then([]);
    });

    it('an opt-out without a reply to send is recorded unconfirmed, and confirmed later once', () => {
      consent()
        .when((c) => c.optOutBy(stop, undefined, t0))
        .then([optedOut]);
      consent(optedOut)
        .when((c) => c.optOutBy({ ...stop, messageId: 'in-9' }, reply1, t0))
        .then([confirmed]);
    });

    it('a new opt-out after an opt-in is confirmed again', () => {
      const again = { ...stop, messageId: 'in-5' };
      consent(optedOut, confirmed, optedIn)
        .when((c) => c.optOutBy(again, { ...reply1, messageId: 'reply-5' }, t2))
        .then([
          new RecipientOptedOut({ ...again, optedOutAt: t2.toISOString() }),
          new OptOutConfirmationQueued({
            ...pair,
            profileId: 'prof-1',
            optOutMessageId: 'in-5',
            replyMessageId: 'reply-5',
            text: reply1.text,
            queuedAt: t2.toISOString(),
          }),
        ]);
    });

    it('an older confirmation without its text owes nothing the log could replay', () => {
      const older = new OptOutConfirmationQueued({
        ...pair,
        optOutMessageId: 'in-1',
        replyMessageId: 'reply-1',
        queuedAt: t0.toISOString(),
      });
      expect(owedKeywordReply(older)).toBeUndefined();
      expect(owedKeywordReply(optedOut)).toBeUndefined();
    });
  });

  describe('opt-in and help', () => {
    const startReply = { messageId: 'reply-2', text: 'Welcome back.' };
    const helpReply = { messageId: 'reply-3', text: 'Reply STOP to stop.' };

    it('an opt-in ends the opt-out and owes its reply', () => {
      const withReply = new RecipientOptedIn({
        ...start,
        optedInAt: t1.toISOString(),
        reply: startReply,
      });
      const c = consent(optedOut, confirmed)
        .when((agg) => agg.optInBy(start, startReply, t1))
        .then([withReply]);
      expect(c.isOptedOutOf(ACCOUNT)).toBe(false);
      expect(owedKeywordReply(withReply)).toEqual({
        kind: 'opt_in',
        ...startReply,
        ...pair,
        profileId: 'prof-1',
      });
    });

    it('help is recorded and changes nothing; no reply is owed to an opted-out recipient', () => {
      const c = consent(optedOut)
        .when((agg) => agg.requestHelp(help, helpReply, t1))
        .then([new HelpRequested({ ...help, requestedAt: t1.toISOString() })]);
      expect(c.isOptedOutOf(ACCOUNT)).toBe(true);
    });

    it('help owes its reply to a recipient who is not opted out', () => {
      consent()
        .when((agg) => agg.requestHelp(help, helpReply, t1))
        .then([new HelpRequested({ ...help, requestedAt: t1.toISOString(), reply: helpReply })]);
    });
  });

  describe('per account', () => {
    const nextOwnerStop: KeywordFact = { ...stop, accountId: NEXT_OWNER, messageId: 'in-7' };

    it("a previous owner's opt-out neither binds nor shows to the number's next account", () => {
      const c = consent(optedOut, confirmed)
        .when(() => undefined)
        .then([]);
      expect(c.isOptedOutOf(ACCOUNT)).toBe(true);
      expect(c.isOptedOutOf(NEXT_OWNER)).toBe(false);
      expect(c.asOf(NEXT_OWNER, undefined)).toEqual({ status: 'none', entries: [] });
    });

    it("the next account's STOP is its own opt-out, confirmed once for it", () => {
      const c = consent(optedOut, confirmed)
        .when((agg) => agg.optOutBy(nextOwnerStop, { ...reply1, messageId: 'reply-7' }, t1))
        .then([
          new RecipientOptedOut({ ...nextOwnerStop, optedOutAt: t1.toISOString() }),
          new OptOutConfirmationQueued({
            ...pair,
            accountId: NEXT_OWNER,
            profileId: 'prof-1',
            optOutMessageId: 'in-7',
            replyMessageId: 'reply-7',
            text: reply1.text,
            queuedAt: t1.toISOString(),
          }),
        ]);
      expect(c.asOf(NEXT_OWNER, undefined).entries.map((e) => e.messageId)).toEqual(['in-7']);
      expect(c.asOf(ACCOUNT, undefined).entries.map((e) => e.messageId)).toEqual(['in-1']);
    });

    it("an opt-in with the next account leaves the previous owner's opt-out as it was", () => {
      const c = consent(optedOut, confirmed)
        .when((agg) => agg.optInBy({ ...start, accountId: NEXT_OWNER }, undefined, t1))
        .then([
          new RecipientOptedIn({ ...start, accountId: NEXT_OWNER, optedInAt: t1.toISOString() }),
        ]);
      expect(c.isOptedOutOf(ACCOUNT)).toBe(true);
      expect(c.asOf(NEXT_OWNER, undefined).status).toBe('opted_in');
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
      const { status, entries } = c.asOf(ACCOUNT, undefined);
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
      expect(c.asOf(ACCOUNT, t1).status).toBe('opted_out');
      expect(c.asOf(ACCOUNT, t1).entries).toHaveLength(2);
      expect(c.asOf(ACCOUNT, t0).entries).toHaveLength(1);
      expect(c.asOf(ACCOUNT, new Date(t0.getTime() - 1))).toEqual({ status: 'none', entries: [] });
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
