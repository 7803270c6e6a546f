import { ApiResponse } from './api-client';

/** The first error of an envelope, checked: status, code and, when given, its pointer. */
export function expectError(
  response: ApiResponse,
  status: number,
  code: string,
  pointer?: string,
): void {
  expect({ status: response.status, code: response.body?.errors?.[0]?.code }).toEqual({
    status,
    code,
  });
  if (pointer !== undefined) expect(response.body.errors[0].source).toEqual({ pointer });
}
