import { DomainError } from '@blocx/platform';

/** 409: others kept changing the same stream while this command retried; the caller may try again. */
export class ConcurrentModification extends DomainError {
  constructor(
    readonly streamId: string,
    readonly attempts: number,
  ) {
    super(
      409,
      'concurrent_modification',
      'Conflict',
      `The resource was modified concurrently ${attempts} times in a row; retry the request`,
    );
  }
}
