import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiProperty, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Redis } from 'ioredis';
import { Public } from '../../common/auth/decorators.js';
import { APP_CONFIG } from '../../config/config.module.js';
import type { AppConfig } from '../../config/config.js';
import { PrismaService } from '../../infra/prisma/prisma.service.js';
import { REDIS } from '../../infra/redis/redis.module.js';

class RootDto {
  @ApiProperty({ example: 'Lynara Campaign' }) name: string;
  @ApiProperty({ example: '0.1.0' }) version: string;
  @ApiProperty({ example: '/docs' }) docs: string;
}

class CheckDto {
  @ApiProperty({ enum: ['up', 'down'] }) status: 'up' | 'down';
  @ApiProperty({ example: 2 }) latencyMs: number;
  @ApiProperty({ required: false }) error?: string;
}

class HealthDto {
  @ApiProperty({ enum: ['ok', 'unavailable'] }) status: 'ok' | 'unavailable';
  @ApiProperty({ type: 'object', additionalProperties: { $ref: '#/components/schemas/CheckDto' }, example: { postgres: { status: 'up', latencyMs: 1 }, redis: { status: 'up', latencyMs: 0 } } })
  checks: Record<string, CheckDto>;
}

const TIMEOUT_MS = 2000;

async function check(probe: () => Promise<unknown>): Promise<CheckDto> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
    });
    await Promise.race([probe(), timeout]);
    return { status: 'up', latencyMs: Math.round(performance.now() - started) };
  } catch (err) {
    return { status: 'down', latencyMs: Math.round(performance.now() - started), error: (err as Error).message };
  } finally {
    clearTimeout(timer);
  }
}

@ApiTags('Health')
@ApiExtraModels(CheckDto)
@Controller()
@Public()
export class HealthController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly prisma: PrismaService,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Name and version', operationId: 'root' })
  @ApiOkResponse({ type: RootDto })
  root(): RootDto {
    return { name: 'Lynara Campaign', version: this.config.version, docs: '/docs' };
  }

  @Get('health/live')
  @ApiOperation({ summary: 'Liveness: the process answers', operationId: 'liveness' })
  @ApiOkResponse({ description: 'Alive' })
  live() {
    return { status: 'ok' };
  }

  @Get('health')
  @ApiOperation({ summary: 'Readiness: PostgreSQL and Redis answer (503 when one does not)', operationId: 'health' })
  @ApiOkResponse({ type: HealthDto })
  @ApiServiceUnavailableResponse({ type: HealthDto })
  async health(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthDto> {
    const [postgres, redis] = await Promise.all([check(() => this.prisma.$queryRaw`SELECT 1`), check(() => this.redis.ping())]);
    const ok = postgres.status === 'up' && redis.status === 'up';
    void reply.status(ok ? 200 : 503);
    return { status: ok ? 'ok' : 'unavailable', checks: { postgres, redis } };
  }
}
