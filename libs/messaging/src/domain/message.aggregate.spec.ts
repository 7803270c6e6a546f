import { given } from '@blocx/event-sourcing';
import { Message, OutboundDraft } from './message.aggregate';
import { MessageNotFound } from './message.errors';
import {
  MessageDelivered,
  MessageFailed,
  MessageQueued,
  MessageReceived,
  MessageSent,
} from './message.events';

const messageId = '5d0c7a1e-8b2f-4c3d-9e4f-a0b1c2d3e4f5';
const owner = { messageId, accountId: 'acc-1', profileId: 'prof-1' };
const t0 = new Date('2025-06-01T10:00:00.000Z');
const t1 = new Date('2025-06-01T10:00:01.000Z');
const t2 = new Date('2025-06-01T10:00:02.000Z');
const draft: OutboundDraft = {
  ...owner,
  from: '+15005550006',
  to: '+15005550010',
  text: 'Your code is 1234',
  purpose: 'send',
};
const queued = new MessageQueued({
  ...draft,
  encoding: 'GSM-7',
  parts: 1,
  queuedAt: t0.toISOString(),
});
const sent = new MessageSent({
  ...owner,
  carrier: 'simulator',
  carrierMessageId: 'sim-1',
  sentAt: t1.toISOString(),
});
const delivered = new MessageDelivered({ ...owner, deliveredAt: t2.toISOString() });
const rejected = {
  code: 'carrier_rejected',
  title: 'Carrier rejected',
  detail: 'The carrier refused the message',
};
const failed = new MessageFailed({ ...owner, errors: [rejected], failedAt: t2.toISOString() });
const received = new MessageReceived({
  ...owner,
  from: '+15005550010',
  to: '+15005550006',
  text: 'STOP',
  encoding: 'GSM-7',
  parts: 1,
  receivedAt: t0.toISOString(),
});

const message = (...history: Parameters<typeof given>[1]) =>
  given(Message, history, Message.stream(messageId));

describe('Message', () => {
  describe('queue', () => {
    it('records the message with its encoding and parts', () => {
      message()
        .when((m) => m.queue(draft, t0))
        .then([queued]);
    });

    it('measures a UCS-2 text in 70/67-unit parts', () => {
      const text = 'Grüße 👋 '.repeat(10);
      const m = message()
        .when((agg) => agg.queue({ ...draft, text }, t0))
        .then([
          new MessageQueued({
            ...draft,
            text,
            encoding: 'UCS-2',
            parts: 2,
            queuedAt: t0.toISOString(),
          }),
        ]);
      expect(m.toView()).toMatchObject({ status: 'queued', encoding: 'UCS-2', parts: 2 });
    });

    it('is a no-op for an id that already exists', () => {
      message(queued)
        .when((m) => m.queue(draft, t1))
        .then([]);
    });
  });

  describe('status changes', () => {
    it('queued → sent with its time', () => {
      const m = message(queued)
        .when((agg) => agg.markSent('simulator', 'sim-1', t1))
        .then([sent]);
      expect(m.toView()).toMatchObject({ status: 'sent', updatedAt: t1.toISOString() });
    });

    it('sent → delivered', () => {
      message(queued, sent)
        .when((m) => m.markDelivered(t2))
        .then([delivered]);
    });

    it('sent → failed with the errors', () => {
      const m = message(queued, sent)
        .when((agg) => agg.fail([rejected], t2))
        .then([failed]);
      expect(m.toView()).toMatchObject({ status: 'failed', errors: [rejected] });
    });

    it('queued → failed at the final gate', () => {
      const optedOut = { code: 'recipient_opted_out', title: 'Opted out', detail: 'STOP' };
      message(queued)
        .when((m) => m.fail([optedOut], t1))
        .then([new MessageFailed({ ...owner, errors: [optedOut], failedAt: t1.toISOString() })]);
    });

    it('a late sent after delivered changes nothing', () => {
      const m = message(queued, sent, delivered)
        .when((agg) => agg.markSent('simulator', 'sim-1', t2))
        .then([]);
      expect(m.status).toBe('delivered');
    });

    it('a delivered message never fails, a failed one is never delivered', () => {
      message(queued, sent, delivered)
        .when((m) => m.fail([rejected], t2))
        .then([]);
      message(queued, sent, failed)
        .when((m) => m.markDelivered(t2))
        .then([]);
    });

    it('a repeated report records nothing', () => {
      message(queued, sent)
        .when((m) => m.markSent('simulator', 'sim-1', t2))
        .then([]);
    });

    it('refuses a status change of a message that does not exist', () => {
      message()
        .when((m) => m.markSent('simulator', 'sim-1', t1))
        .thenThrows(MessageNotFound);
    });
  });

  describe('status history', () => {
    const step = { errors: [], carrier: null, carrierMessageId: null };

    it('keeps every step with the time of its event, and the carrier on sent', () => {
      const m = message(queued, sent)
        .when((agg) => agg.markDelivered(t2))
        .then([delivered]);
      expect(m.statusHistory).toEqual([
        { ...step, status: 'queued', occurredAt: t0.toISOString() },
        {
          ...step,
          status: 'sent',
          occurredAt: t1.toISOString(),
          carrier: 'simulator',
          carrierMessageId: 'sim-1',
        },
        { ...step, status: 'delivered', occurredAt: t2.toISOString() },
      ]);
    });

    it('gives a failed step its errors', () => {
      const m = message(queued, sent)
        .when((agg) => agg.fail([rejected], t2))
        .then([failed]);
      expect(m.statusHistory.at(-1)).toEqual({
        ...step,
        status: 'failed',
        occurredAt: t2.toISOString(),
        errors: [rejected],
      });
    });

    it('adds no step for a late report', () => {
      const m = message(queued, sent, delivered)
        .when((agg) => agg.markSent('simulator', 'sim-1', t2))
        .then([]);
      expect(m.statusHistory.map((change) => change.status)).toEqual([
        'queued',
        'sent',
        'delivered',
      ]);
    });

    it('reads a sent event without the carrier reference as null', () => {
      const bare = new MessageSent({ ...owner, sentAt: t1.toISOString() } as MessageSent['data']);
      const m = message(queued, bare)
        .when((agg) => agg.markDelivered(t2))
        .then([delivered]);
      expect(m.statusHistory[1]).toEqual({ ...step, status: 'sent', occurredAt: t1.toISOString() });
    });

    it('starts an inbound message at received', () => {
      const m = message()
        .when((agg) =>
          agg.receive({ ...owner, from: '+15005550010', to: '+15005550006', text: 'STOP' }, t0),
        )
        .then([received]);
      expect(m.statusHistory).toEqual([
        { ...step, status: 'received', occurredAt: t0.toISOString() },
      ]);
    });
  });

  describe('receive', () => {
    it('records an inbound message once', () => {
      const m = message()
        .when((agg) =>
          agg.receive({ ...owner, from: '+15005550010', to: '+15005550006', text: 'STOP' }, t0),
        )
        .then([received]);
      expect(m.toView()).toMatchObject({ direction: 'inbound', status: 'received' });
      message(received)
        .when((agg) => agg.receive({ ...owner, from: 'x', to: 'y', text: 'again' }, t1))
        .then([]);
    });

    it('an inbound message has no outbound statuses', () => {
      message(received)
        .when((m) => m.markDelivered(t1))
        .then([]);
    });
  });
});
