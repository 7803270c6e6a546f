import { BatchedLookup } from './batched-lookup';

describe('BatchedLookup', () => {
  it('answers the questions of one turn with one lookup, each its own answer', async () => {
    const lookups: number[][] = [];
    const squares = new BatchedLookup(async (questions: number[]) => {
      lookups.push(questions);
      return questions.map((n) => n * n);
    }, 3);
    const answers = await Promise.all([1, 2, 3, 4].map((n) => squares.ask(n)));
    expect(answers).toEqual([1, 4, 9, 16]);
    expect(lookups).toEqual([[1, 2, 3], [4]]);
    expect(await squares.ask(5)).toBe(25);
    expect(lookups).toHaveLength(3);
  });

  it('a failed lookup fails every question it carried, and the next turn asks again', async () => {
    let fail = true;
    const lookup = new BatchedLookup(async (questions: string[]) => {
      if (fail) throw new Error('down');
      return questions.map((q) => q.toUpperCase());
    });
    const failed = await Promise.allSettled([lookup.ask('a'), lookup.ask('b')]);
    expect(failed.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    expect(await lookup.ask('c')).toBe('C');
  });

  it('with keys, the same question asked twice in one turn is looked up once', async () => {
    const lookups: string[][] = [];
    const lookup = new BatchedLookup(
      async (questions: string[]) => {
        lookups.push(questions);
        return questions.map((q) => q.toUpperCase());
      },
      200,
      (q) => q,
    );
    expect(await Promise.all(['a', 'b', 'a'].map((q) => lookup.ask(q)))).toEqual(['A', 'B', 'A']);
    expect(lookups).toEqual([['a', 'b']]);
    // A later turn asks again: an answer is never kept past its own turn.
    expect(await lookup.ask('a')).toBe('A');
    expect(lookups).toEqual([['a', 'b'], ['a']]);
  });
});
