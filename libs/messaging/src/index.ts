/** The messaging context's public face: its commands, queries and event types. */
export { MessagingModule, messagingMigrations } from './messaging.module';
export { SendMessage } from './commands/send-message/send-message.command';
export { ReceiveInboundMessage } from './commands/receive-inbound-message/receive-inbound-message.command';
export { DispatchMessage } from './commands/dispatch-message/dispatch-message.command';
export {
  RecordDeliveryReport,
  DeliveryReport,
} from './commands/record-delivery-report/record-delivery-report.command';
export { GetMessage } from './queries/get-message/get-message.query';
export {
  GetMessageStatusHistory,
  MessageStatusHistoryView,
} from './queries/get-message-status-history/get-message-status-history.query';
export { ListMessages, MessagePage } from './queries/list-messages/list-messages.query';
export {
  GetProfileReport,
  ProfileReportView,
} from './queries/get-profile-report/get-profile-report.query';
export { MessageView, MessageStatusChange } from './domain/message.aggregate';
export * from './domain/message.events';
export { MessageEncoding, measureMessageText } from './domain/message-encoding';
export { MESSAGES_PROJECTION } from './projections/messages.projection';
export { REPORT_PROJECTION } from './projections/message-report.projection';
export { MESSAGE_WEBHOOKS } from './processors/message-webhooks.processor';
export { MESSAGE_DISPATCHER } from './processors/message-dispatcher.processor';
export { SIMULATOR_DELIVERY_REPORTS } from './carrier/simulator-delivery-reports.processor';
