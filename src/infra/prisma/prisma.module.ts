import { Global, Module } from '@nestjs/common';
import { ScopedSql } from '../database/scoped-sql.js';
import { PrismaService } from './prisma.service.js';

/** Database access for every module: Prisma (scoped transactions) and one-trip scoped reads. */
@Global()
@Module({ providers: [PrismaService, ScopedSql], exports: [PrismaService, ScopedSql] })
export class PrismaModule {}
