import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AccountKeyResolver } from '@blocx/platform';
import { AccountEntity } from './account.entity';

@Injectable()
export class AccountKeyLookup extends AccountKeyResolver {
  constructor(
    @InjectRepository(AccountEntity) private readonly accounts: Repository<AccountEntity>,
  ) {
    super();
  }

  async accountIdForKeyHash(keyHash: string): Promise<string | undefined> {
    const account = await this.accounts.findOne({
      select: { id: true },
      where: { apiKeyHash: keyHash },
    });
    return account?.id;
  }
}
