import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OperatorOnly } from '@blocx/platform';
import { AccountCreatedView, CreateAccountRequest } from './create-account.request';
import { CreateAccountService } from './create-account.service';

@ApiTags('Accounts (operator)')
@ApiBearerAuth()
@Controller('accounts')
export class CreateAccountController {
  constructor(private readonly service: CreateAccountService) {}

  @OperatorOnly()
  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Create an account; its API key is shown once' })
  @ApiCreatedResponse({ type: AccountCreatedView })
  async create(@Body() request: CreateAccountRequest): Promise<{ data: AccountCreatedView }> {
    return { data: await this.service.create(request.name) };
  }
}
