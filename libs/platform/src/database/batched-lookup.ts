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

  /**
   * `lookup` answers the questions in their order (one answer per question); `maxBatch` bounds
   * the questions per query.
   */
  constructor(
    private readonly lookup: (questions: Q[]) => Promise<A[]>,
    private readonly maxBatch = 200,
  ) {}

  ask(question: Q): Promise<A> {
    return new Promise((resolve, reject) => {
      if (this.pending.length === 0) setImmediate(() => this.flush());
      this.pending.push({ question, resolve, reject });
    });
  }

  private flush(): void {
    const asked = this.pending;
    this.pending = [];
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
