interface Ask<Q, A> {
  question: Q;
  resolve(answer: A): void;
  reject(error: unknown): void;
}

/**
 * Lookups asked for in the same turn of the event loop — by concurrent requests, or by a
 * processor working on a batch — answered by one batched query instead of one round trip each.
 * The query runs after every one of them was asked, so each answer is as fresh as a lookup of its
 * own would have been (never a result that was already on its way before the question came).
 */
export class BatchedLookup<Q, A> {
  private pending: Array<Ask<Q, A>> = [];
  /** The answers on their way for this turn's questions, by key (when questions have keys). */
  private asked = new Map<string, Promise<A>>();

  /**
   * `lookup` answers the questions in their order (one answer per question); `maxBatch` bounds
   * the questions per query. With `keyOf`, the same question asked twice in one turn is looked
   * up once and both get that answer (so it must not be mutated by whoever gets it).
   */
  constructor(
    private readonly lookup: (questions: Q[]) => Promise<A[]>,
    private readonly maxBatch = 200,
    private readonly keyOf?: (question: Q) => string,
  ) {}

  ask(question: Q): Promise<A> {
    const key = this.keyOf?.(question);
    const same = key === undefined ? undefined : this.asked.get(key);
    if (same !== undefined) return same;
    const answer = new Promise<A>((resolve, reject) => {
      if (this.pending.length === 0) setImmediate(() => this.flush());
      this.pending.push({ question, resolve, reject });
    });
    if (key !== undefined) this.asked.set(key, answer);
    return answer;
  }

  private flush(): void {
    const asked = this.pending;
    this.pending = [];
    this.asked = new Map();
    for (let i = 0; i < asked.length; i += this.maxBatch) {
      void this.answer(asked.slice(i, i + this.maxBatch));
    }
  }

  private async answer(asks: Array<Ask<Q, A>>): Promise<void> {
    try {
      const answers = await this.lookup(asks.map((ask) => ask.question));
      asks.forEach((ask, i) => ask.resolve(answers[i]));
    } catch (error) {
      for (const ask of asks) ask.reject(error);
    }
  }
}
