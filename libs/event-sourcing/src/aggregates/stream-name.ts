const CATEGORY = /^[a-z][a-zA-Z0-9]*$/;

/** `<category>-<id>`: the category is camelCase and comes before the first dash (architecture.md). */
export function streamName(category: string, id: string): string {
  if (!CATEGORY.test(category)) throw new Error(`Stream category "${category}" must be camelCase`);
  if (id === '') throw new Error('A stream id needs a non-empty id part');
  return `${category}-${id}`;
}

/** The category and id of a stream name. */
export function parseStreamName(streamId: string): { category: string; id: string } {
  const dash = streamId.indexOf('-');
  if (dash <= 0) throw new Error(`"${streamId}" is not a <category>-<id> stream name`);
  return { category: streamId.slice(0, dash), id: streamId.slice(dash + 1) };
}
