import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountKeyResolver } from '@blocx/platform';
import { AccountEntity } from './account.entity';
import { AccountKeyLookup } from './account-key.resolver';
import { CreateAccountController } from './create-account/create-account.controller';
import { CreateAccountService } from './create-account/create-account.service';

@Module({
  imports: [TypeOrmModule.forFeature([AccountEntity])],
  controllers: [CreateAccountController],
  providers: [CreateAccountService, { provide: AccountKeyResolver, useClass: AccountKeyLookup }],
  exports: [AccountKeyResolver],
})
export class AccountsModule {}
