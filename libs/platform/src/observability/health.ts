import { Controller, Get, Global, Inject, Injectable, Module } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorService,
  TerminusModule,
} from '@nestjs/terminus';
import type { HealthIndicatorResult } from '@nestjs/terminus';
import { Pool } from 'pg';
import { Public } from '../auth/principal';
import { PG_POOL } from '../database/database.module';

export type HealthProbe = () => Promise<void>;

/** The dependencies /health asks; the database is always one, the event store registers itself. */
@Injectable()
export class HealthProbes {
  private readonly probes = new Map<string, HealthProbe>();

  constructor(
    @Inject(PG_POOL) pool: Pool,
    private readonly indicators: HealthIndicatorService,
  ) {
    this.register('database', async () => {
      await pool.query('SELECT 1');
    });
  }

  register(name: string, probe: HealthProbe): void {
    this.probes.set(name, probe);
  }

  checks(): Array<() => Promise<HealthIndicatorResult>> {
    return [...this.probes].map(([name, probe]) => async () => {
      const indicator = this.indicators.check(name);
      try {
        await probe();
        return indicator.up();
      } catch (error) {
        return indicator.down({ message: error instanceof Error ? error.message : String(error) });
      }
    });
  }
}

@ApiTags('Operations')
@Controller('health')
class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly probes: HealthProbes,
  ) {}

  @Public()
  @Get()
  @HealthCheck()
  @ApiOperation({ summary: 'Readiness: 200 when the database and the event store answer' })
  @ApiResponse({ status: 503, description: 'not_ready: a dependency does not answer' })
  check() {
    return this.health.check(this.probes.checks());
  }
}

@Global()
@Module({
  imports: [TerminusModule.forRoot({ logger: false })],
  providers: [HealthProbes],
  controllers: [HealthController],
  exports: [HealthProbes],
})
export class HealthModule {}
