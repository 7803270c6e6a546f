import { Command } from '@nestjs/cqrs';
import { CampaignView } from '../../queries/views';

/** Registers an active 10DLC campaign; answers once the read model shows it. */
export class RegisterCampaign extends Command<CampaignView> {
  readonly accountId: string;
  readonly brandName: string;
  readonly useCase: string;
  readonly description: string;

  constructor(input: {
    accountId: string;
    brandName: string;
    useCase: string;
    description: string;
  }) {
    super();
    Object.assign(this, input);
  }
}
