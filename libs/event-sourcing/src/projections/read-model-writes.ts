/** What a statement of a projection takes as a parameter. */
export type SqlValue = string | number | boolean | null | readonly (string | number)[];

/**
 * The statements a projection's batch writes, gathered instead of sent one by one: the batch
 * handler sends them after the checkpoint's move as one simple query, which PostgreSQL runs as
 * one transaction, in one round trip. A statement is written with `$n` parameters, as for
 * `pg`; the values are inlined as literals of unknown type, as parameters are sent, so the
 * statement means the same. The text must not hold a `$` of its own (a dollar quote, `$1` in
 * a string constant): every `$n` is taken for a parameter.
 */
export class ReadModelWrites {
  private readonly statements: string[] = [];

  add(text: string, values: readonly SqlValue[] = []): void {
    this.statements.push(inlineParameters(text, values));
  }

  /** Every statement added, in order, as the text of one simple query. */
  sql(): string {
    return this.statements.join(';\n');
  }
}

/** `text` with each `$n` replaced by the literal of `values[n - 1]`. */
export function inlineParameters(text: string, values: readonly SqlValue[]): string {
  return text.replace(/\$(\d+)/g, (_, index: string) => {
    const n = Number(index);
    if (n < 1 || n > values.length) {
      throw new Error(`Statement parameter $${n} has no value (${values.length} given)`);
    }
    return sqlLiteral(values[n - 1]);
  });
}

/**
 * A constant PostgreSQL reads back as `value`: strings quoted (quotes doubled; with a
 * backslash, an `E''` constant with backslashes doubled, right whatever
 * `standard_conforming_strings` says), numbers and booleans as text, arrays as an array constant.
 */
export function sqlLiteral(value: SqlValue): string {
  if (value === null) return 'NULL';
  if (typeof value === 'string') return quoted(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`Not a finite number: ${value}`);
    return `'${value}'`;
  }
  if (typeof value === 'boolean') return `'${value}'`;
  return quoted(`{${value.map(arrayElement).join(',')}}`);
}

/**
 * What pg's `escapeLiteral` answers, with two replaces instead of its character-by-character
 * concatenation (which allocated a string per character: most of what a projection's batch
 * allocated).
 */
function quoted(text: string): string {
  const body = text.replace(/'/g, "''");
  return text.includes('\\') ? ` E'${body.replace(/\\/g, '\\\\')}'` : `'${body}'`;
}

/** An element of an array constant: double-quoted, with `"` and `\` escaped by a backslash. */
function arrayElement(element: string | number): string {
  return `"${String(element).replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}
