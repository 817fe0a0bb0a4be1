import createClient from 'openapi-fetch';
import type { paths } from './schema';
import type { ProblemDetails } from './types';

/** An API answer that is not 2xx, carrying its problem details. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: ProblemDetails;

  constructor(problem: ProblemDetails) {
    super(problem.detail || problem.title || `HTTP ${problem.status}`);
    this.name = 'ApiError';
    this.status = problem.status;
    this.problem = problem;
  }

  get code(): string | undefined {
    return this.problem.code;
  }
}

/**
 * Typed client for the API through the same-origin BFF (`/api/*`). The session lives in
 * httpOnly cookies the BFF manages; this code never sees a token.
 */
export const apiClient = createClient<paths>({
  baseUrl: '/api',
  credentials: 'same-origin',
  headers: { accept: 'application/json' },
});

function toProblem(error: unknown, response: Response): ProblemDetails {
  if (error && typeof error === 'object') {
    const body = error as Partial<ProblemDetails>;
    return { ...body, status: body.status ?? response.status };
  }
  return { status: response.status, title: response.statusText, detail: typeof error === 'string' ? error : undefined };
}

/** Awaits an openapi-fetch call: its data, or an ApiError with the problem details. */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await call;
  } catch (err) {
    if ((err as Error)?.name === 'AbortError') throw err;
    throw new ApiError({ status: 0, code: 'NETWORK_ERROR', title: 'Network error' });
  }
  if (!result.response.ok) throw new ApiError(toProblem(result.error, result.response));
  return result.data as T;
}
