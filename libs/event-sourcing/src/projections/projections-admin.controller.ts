import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { OperatorOnly } from '@blocx/platform';
import { ProjectionRebuilder } from './projection-rebuilder';
import { ProjectionState, ProjectionStatuses } from './projection-statuses';

@ApiTags('Operations')
@OperatorOnly()
@Controller('admin/projections')
export class ProjectionsAdminController {
  constructor(
    private readonly statuses: ProjectionStatuses,
    private readonly rebuilder: ProjectionRebuilder,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The read-model projections: position, lag and status' })
  async list(): Promise<{ data: ProjectionState[] }> {
    return { data: await this.statuses.list() };
  }

  @Post(':name/rebuild')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Rebuild a read model from the event log; reads use the old copy until the swap',
  })
  @ApiResponse({ status: 404, description: 'projection_not_found' })
  @ApiResponse({
    status: 409,
    description: 'rebuild_in_progress: another instance is rebuilding it',
  })
  async rebuild(
    @Param('name') name: string,
  ): Promise<{ data: { name: string; status: 'rebuilding' } }> {
    await this.rebuilder.start(name);
    return { data: { name, status: 'rebuilding' } };
  }
}
