import { ResourceNotFound, RuleViolation, StateConflict } from '@blocx/platform';

export class InvalidPhoneNumber extends RuleViolation {
  constructor(pointer = '/phone_number') {
    super('invalid_phone_number', 'The phone number must be a valid E.164 number', pointer);
  }
}

/** A number exists once on the whole platform, whichever account holds it. */
export class NumberAlreadyExists extends StateConflict {
  constructor(phoneNumber: string) {
    super('number_already_exists', `The number ${phoneNumber} is already provisioned`);
  }
}

/** Unknown, released, or another account's number: all the same 404. */
export class NumberNotFound extends ResourceNotFound {
  constructor(phoneNumber: string) {
    super('number', phoneNumber);
  }
}

/** Unknown, other account's or inactive campaign: a number can carry only an active one of its own account. */
export class CampaignNotAvailable extends RuleViolation {
  constructor(campaignId: string) {
    super(
      'campaign_not_found',
      `No active campaign ${campaignId} exists in this account`,
      '/campaign_id',
    );
  }
}
