import { RuleViolation } from '@blocx/platform';

/** The send rejections of api.md, in the order they are checked; all 422. */
export class InvalidPhoneNumber extends RuleViolation {
  constructor(pointer: '/from' | '/to') {
    super('invalid_phone_number', 'The phone number must be a valid E.164 number', pointer);
  }
}

export class TextRequired extends RuleViolation {
  constructor() {
    super('text_required', 'The message needs a non-empty text', '/text');
  }
}

export class TextTooLong extends RuleViolation {
  constructor(parts: number) {
    super(
      'text_too_long',
      `The text needs ${parts} SMS parts; at most 10 are sent (1,530 GSM-7 or 670 UCS-2 characters)`,
      '/text',
    );
  }
}

export class FromNumberNotFound extends RuleViolation {
  constructor(from: string) {
    super('from_number_not_found', `${from} is not a number of this account`, '/from');
  }
}

export class FromNumberNotAssigned extends RuleViolation {
  constructor(from: string) {
    super('from_number_not_assigned', `${from} is not assigned to a messaging profile`, '/from');
  }
}

export class DestinationNotAllowed extends RuleViolation {
  constructor(country: string | undefined) {
    super(
      'destination_not_allowed',
      `The messaging profile does not allow sending to ${country ?? 'this destination'}`,
      '/to',
    );
  }
}

export class CampaignRequired extends RuleViolation {
  constructor(from: string) {
    super(
      'campaign_required',
      `${from} is a US long code: sending to US numbers needs an attached 10DLC campaign`,
      '/from',
    );
  }
}

export class IdempotencyKeyReused extends RuleViolation {
  constructor() {
    super(
      'idempotency_key_reused',
      'This Idempotency-Key was used with a different request body in the last 24 hours',
    );
  }
}
