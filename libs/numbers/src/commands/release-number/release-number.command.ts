import { Command } from '@nestjs/cqrs';

/**
 * Releases a number from the account; it leaves its profile first. Answers once the number is
 * gone and its profile no longer counts it (so the profile can be deleted right after).
 */
export class ReleaseNumber extends Command<void> {
  readonly accountId: string;
  readonly phoneNumber: string;

  constructor(input: { accountId: string; phoneNumber: string }) {
    super();
    Object.assign(this, input);
  }
}
