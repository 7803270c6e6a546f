import { Module } from '@nestjs/common';
import { EventSourcingModule } from '@blocx/event-sourcing';
import { consentEvents } from '@blocx/consent';
import { phoneNumberEvents } from '@blocx/numbers';
import { Carrier } from './carrier/carrier.port';
import { SimulatorCarrier } from './carrier/simulator-carrier';
import { SimulatorDeliveryReports } from './carrier/simulator-delivery-reports.processor';
import { DispatchMessageHandler } from './commands/dispatch-message/dispatch-message.handler';
import { QueueKeywordReplyHandler } from './commands/queue-keyword-reply/queue-keyword-reply.handler';
import { ReceiveInboundMessageHandler } from './commands/receive-inbound-message/receive-inbound-message.handler';
import { RecordDeliveryReportHandler } from './commands/record-delivery-report/record-delivery-report.handler';
import { IdempotencyKeys } from './commands/send-message/idempotency-keys';
import { SendMessageHandler } from './commands/send-message/send-message.handler';
import { Message } from './domain/message.aggregate';
import { messageEvents } from './domain/message.events';
import { CarrierInboundController } from './http/carrier-inbound.controller';
import { MessagesController } from './http/messages.controller';
import { ProfileReportController } from './http/profile-report.controller';
import { NumberLines } from './lines/number-lines';
import { SendingProfiles } from './lines/sending-profiles';
import { SendingLines } from './lines/sending-lines';
import { CreateMessagingTables1733710000000 } from './migrations/1733710000000-create-messaging-tables';
import { KeywordReplies } from './processors/keyword-replies.processor';
import { MessageDispatcher } from './processors/message-dispatcher.processor';
import { MessageWebhooks } from './processors/message-webhooks.processor';
import { MessageReportProjection } from './projections/message-report.projection';
import { MessagesProjection } from './projections/messages.projection';
import { GetMessageHandler } from './queries/get-message/get-message.handler';
import { GetMessageStatusHistoryHandler } from './queries/get-message-status-history/get-message-status-history.handler';
import { GetProfileReportHandler } from './queries/get-profile-report/get-profile-report.handler';
import { ListMessagesHandler } from './queries/list-messages/list-messages.handler';

export const messagingMigrations = [CreateMessagingTables1733710000000];

/**
 * Sending, inbound messages, the carrier and its dispatcher, the messages and report read models,
 * and webhook jobs for message events.
 */
@Module({
  imports: [
    EventSourcingModule.forFeature({
      // The numbers' and consent's events are read here too (number lines, the report).
      events: [...messageEvents, ...phoneNumberEvents, ...consentEvents],
      aggregates: [Message],
      projections: [MessagesProjection, MessageReportProjection],
      processors: [MessageDispatcher, SimulatorDeliveryReports, MessageWebhooks, KeywordReplies],
    }),
  ],
  controllers: [MessagesController, CarrierInboundController, ProfileReportController],
  providers: [
    { provide: Carrier, useClass: SimulatorCarrier },
    NumberLines,
    SendingProfiles,
    SendingLines,
    IdempotencyKeys,
    SendMessageHandler,
    ReceiveInboundMessageHandler,
    QueueKeywordReplyHandler,
    DispatchMessageHandler,
    RecordDeliveryReportHandler,
    GetMessageHandler,
    GetMessageStatusHistoryHandler,
    ListMessagesHandler,
    GetProfileReportHandler,
  ],
})
export class MessagingModule {}
