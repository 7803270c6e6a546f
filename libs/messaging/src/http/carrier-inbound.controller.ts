import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { OperatorOnly } from '@blocx/platform';
import { ReceiveInboundMessage } from '../commands/receive-inbound-message/receive-inbound-message.command';
import { InboundMessageRequest } from './message.requests';
import { MessageBody, MessageResponse, toMessageResponse } from './message.response';

@ApiTags('Carrier')
@ApiBearerAuth()
@OperatorOnly()
@ApiResponse({ status: 401, description: 'unauthorized: the operator key is needed' })
@Controller('carrier')
export class CarrierInboundController {
  constructor(private readonly commands: CommandBus) {}

  @Post('inbound')
  @HttpCode(202)
  @ApiOperation({
    summary: 'An inbound message from a handset to a platform number',
    description:
      'Recorded on the number’s profile. Opt-out, opt-in and help keywords (the profile’s and ' +
      'the US baseline) are handled before it answers: the consent change and the reply are visible.',
  })
  @ApiResponse({ status: 202, type: MessageBody })
  @ApiResponse({ status: 404, description: 'number_not_found: `to` is no number on the platform' })
  @ApiResponse({ status: 422, description: 'invalid_phone_number (/from, /to), text_required' })
  async inbound(@Body() body: InboundMessageRequest): Promise<{ data: MessageResponse }> {
    const view = await this.commands.execute(
      new ReceiveInboundMessage({ from: body.from, to: body.to, text: body.text }),
    );
    return { data: toMessageResponse(view) };
  }
}
