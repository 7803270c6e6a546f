import { Problem, ResourceNotFound, StateConflict } from '@blocx/platform';

/** 404: no such profile in this account (another account's, or deleted, included). */
export class MessagingProfileNotFound extends ResourceNotFound {
  constructor(
    readonly profileId: string,
    source?: Problem['source'],
  ) {
    super('messaging profile', profileId, undefined, source);
  }
}

/**
 * A number cannot join this profile: it is unknown, deleted or another account's. The number-move
 * saga catches this to compensate; if it ever reaches a client it reads as a 404.
 */
export class ProfileNotAvailable extends MessagingProfileNotFound {}

/** 409: a profile is deleted only once no number is assigned to it. */
export class ProfileHasNumbers extends StateConflict {
  constructor(
    readonly profileId: string,
    readonly numberCount: number,
  ) {
    super(
      'profile_has_numbers',
      `The messaging profile still has ${numberCount} number(s); reassign or release them first`,
    );
  }
}

/** 409: a create with an id that is already taken. */
export class ProfileAlreadyExists extends StateConflict {
  constructor(readonly profileId: string) {
    super('messaging_profile_already_exists', `A messaging profile ${profileId} already exists`);
  }
}
