/** The profiles context's public face: its commands, queries and event types. */
export { ProfilesModule, profilesMigrations } from './profiles.module';
export {
  CreateMessagingProfile,
  ProfileCreated,
} from './commands/create-messaging-profile/create-messaging-profile.command';
export { UpdateMessagingProfile } from './commands/update-messaging-profile/update-messaging-profile.command';
export { DeleteMessagingProfile } from './commands/delete-messaging-profile/delete-messaging-profile.command';
export {
  AttachNumberToProfile,
  NumberStepInput,
} from './commands/attach-number-to-profile/attach-number-to-profile.command';
export { DetachNumberFromProfile } from './commands/detach-number-from-profile/detach-number-from-profile.command';
export { GetMessagingProfile } from './queries/get-messaging-profile/get-messaging-profile.query';
export {
  ListMessagingProfiles,
  ProfilePage,
} from './queries/list-messaging-profiles/list-messaging-profiles.query';
export { MessagingProfileView } from './queries/messaging-profile.view';
export {
  ApiMessagingProfileFilter,
  messagingProfileParameter,
} from './http/messaging-profile-parameter';
export * from './domain/messaging-profile.events';
export {
  MessagingProfileNotFound,
  ProfileHasNumbers,
  ProfileNotAvailable,
} from './domain/messaging-profile.errors';
export {
  KeywordHandling,
  ProfileDraft,
  ProfilePatch,
  ProfileSettings,
  WEBHOOK_EVENTS,
  WebhookEvent,
} from './domain/profile-settings';
export { InvalidProfileSettings } from './domain/profile-settings.rules';
export { MESSAGING_PROFILES_PROJECTION } from './projections/messaging-profiles.table';
