import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { Repository } from 'typeorm';
import { Clock, generateApiKey, hashApiKey } from '@blocx/platform';
import { AccountEntity } from '../account.entity';
import { AccountCreatedView } from './create-account.request';

@Injectable()
export class CreateAccountService {
  constructor(
    @InjectRepository(AccountEntity) private readonly accounts: Repository<AccountEntity>,
    private readonly clock: Clock,
  ) {}

  async create(name: string): Promise<AccountCreatedView> {
    const apiKey = generateApiKey('blx');
    const account = this.accounts.create({
      id: randomUUID(),
      name,
      apiKeyHash: hashApiKey(apiKey),
      createdAt: this.clock.now(),
    });
    await this.accounts.insert(account);
    return { id: account.id, name, api_key: apiKey, created_at: account.createdAt.toISOString() };
  }
}
