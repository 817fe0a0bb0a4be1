import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath, ApiExtraModels } from '@nestjs/swagger';

export class FieldErrorDto {
  @ApiProperty({ example: 'email' }) field: string;
  @ApiProperty({ example: 'isEmail' }) code: string;
  @ApiProperty({ example: 'email must be an email' }) message: string;
}

/** RFC 9457 problem details: the body of every error response. */
export class ProblemDto {
  @ApiProperty({ example: 'https://docs.lynara.dev/problems/validation-failed' }) type: string;
  @ApiProperty({ example: 'Bad Request' }) title: string;
  @ApiProperty({ example: 400 }) status: number;
  @ApiProperty({ example: '1 field(s) are invalid.' }) detail: string;
  @ApiProperty({ example: 'VALIDATION_FAILED', description: 'Stable machine-readable code' }) code: string;
  @ApiPropertyOptional({ example: '/auth/register' }) instance?: string;
  @ApiPropertyOptional({ example: 'req-8f2c' }) requestId?: string;
  @ApiPropertyOptional({ type: [FieldErrorDto] }) errors?: FieldErrorDto[];
}

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input (each bad field listed in `errors`)',
  401: 'Missing, invalid or expired credentials',
  403: 'Authenticated but not allowed (role or API key scope)',
  404: 'No such resource in this tenant',
  409: 'Conflicts with existing data',
  410: 'No longer available (deleted after its retention period)',
  413: 'Request body too large',
  415: 'A request body of a type this endpoint does not take',
  422: 'Well-formed but unusable content (e.g. an empty or unreadable file)',
  429: 'Too many attempts; retry later',
  503: 'A dependency is unavailable',
};

/** Documents the problem+json error responses an endpoint can give. */
export function ApiProblems(...statuses: number[]) {
  return applyDecorators(
    ApiExtraModels(ProblemDto),
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: DESCRIPTIONS[status] ?? 'Error',
        content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDto) } } },
      }),
    ),
  );
}
