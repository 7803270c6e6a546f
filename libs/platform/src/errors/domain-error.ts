/** One entry of the error envelope of api.md. */
export interface Problem {
  code: string;
  title: string;
  detail: string;
  source?: { pointer: string } | { parameter: string };
}

/**
 * A typed error that the error filter turns into the envelope with its own status.
 * Domain code throws subclasses of this; it has no Nest or HTTP dependency beyond a status number.
 */
export class DomainError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail: string = title,
    readonly source?: Problem['source'],
  ) {
    super(detail);
    this.name = new.target.name;
  }

  toProblems(): Problem[] {
    const problem: Problem = { code: this.code, title: this.title, detail: this.detail };
    if (this.source !== undefined) problem.source = this.source;
    return [problem];
  }
}

/** 422: a request broke a validation or business rule. */
export class RuleViolation extends DomainError {
  constructor(code: string, detail: string, pointer?: string) {
    super(
      422,
      code,
      'Unprocessable request',
      detail,
      pointer === undefined ? undefined : { pointer },
    );
  }
}

/**
 * 404: the resource does not exist for this account (another account's resource included).
 * `source` when the request named it outside the path (a query parameter).
 */
export class ResourceNotFound extends DomainError {
  constructor(
    resource: string,
    id: string,
    code = `${resource.replace(/ /g, '_')}_not_found`,
    source?: Problem['source'],
  ) {
    super(404, code, 'Not found', `No ${resource} ${id} exists in this account`, source);
  }
}

/** 409: the request conflicts with the current state. */
export class StateConflict extends DomainError {
  constructor(code: string, detail: string) {
    super(409, code, 'Conflict', detail);
  }
}

/** 400: the request itself is malformed. */
export class MalformedRequest extends DomainError {
  constructor(code: string, detail: string, parameter?: string) {
    super(400, code, 'Bad request', detail, parameter === undefined ? undefined : { parameter });
  }
}

/** Several field problems at once (class-validator failures), answered as one 422. */
export class InvalidFields extends Error {
  constructor(readonly problems: Problem[]) {
    super(problems.map((p) => p.detail).join('; '));
    this.name = 'InvalidFields';
  }
}
