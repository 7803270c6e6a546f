import { applyDecorators } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';
import { MalformedRequest } from '../errors/domain-error';

export const MAX_PAGE_SIZE = 250;
export const DEFAULT_PAGE_SIZE = 20;

export interface PageRequest {
  number: number;
  size: number;
  offset: number;
}

export interface Page<T> {
  data: T[];
  meta: { total: number; page_number: number; page_size: number };
}

function pageParameter(
  query: Record<string, unknown>,
  name: string,
  fallback: number,
  max: number,
): number {
  const raw =
    query[name] ?? (query.page as Record<string, unknown> | undefined)?.[name.slice(5, -1)];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (typeof raw !== 'string' || !/^\d+$/.test(raw) || value < 1 || value > max) {
    throw new MalformedRequest(
      'invalid_parameter',
      `${name} must be a whole number from 1 to ${max}`,
      name,
    );
  }
  return value;
}

/** Reads `page[number]` and `page[size]` (size at most 250) from a query string. */
export function pageRequest(query: Record<string, unknown>): PageRequest {
  const number = pageParameter(query, 'page[number]', 1, 1_000_000);
  const size = pageParameter(query, 'page[size]', DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
  return { number, size, offset: (number - 1) * size };
}

export function page<T>(data: T[], total: number, request: PageRequest): Page<T> {
  return { data, meta: { total, page_number: request.number, page_size: request.size } };
}

/** Documents `page[number]` and `page[size]` on a list endpoint. */
export const ApiPageQuery = () =>
  applyDecorators(
    ApiQuery({ name: 'page[number]', required: false, type: Number }),
    ApiQuery({ name: 'page[size]', required: false, type: Number, description: 'At most 250' }),
  );
