/**
 * Group commit: requests that arrive while a transaction is being written wait and are written
 * together in the next one. Each caller's promise settles only after the commit that holds its
 * item, so a receipt always means the data is durable, and a burst costs one commit per batch
 * instead of one per request.
 */
export class GroupCommitter<TItem, TOutcome> {
  private queue: { item: TItem; resolve: (outcome: TOutcome) => void; reject: (error: unknown) => void }[] =
    [];
  private inFlight = 0;
  private scheduled = false;

  constructor(
    private readonly writeBatch: (items: TItem[]) => Promise<TOutcome[]>,
    private readonly options: {
      maxBatch: number;
      maxConcurrentCommits: number;
      /**
       * A commit starts while another is in flight only once this many items wait (default 1).
       * Each commit has a fixed cost (statements, round trips, their CPU), so on a busy server
       * a second commit for the few items that arrived meanwhile costs more than it saves; a
       * backlog this deep is worth overlapping with the first's round trips.
       */
      overlapFrom?: number;
    },
  ) {}

  submit(items: readonly TItem[]): Promise<TOutcome[]> {
    const promises = items.map(
      (item) => new Promise<TOutcome>((resolve, reject) => this.queue.push({ item, resolve, reject })),
    );
    this.schedule();
    return Promise.all(promises);
  }

  /** Waits until everything submitted so far is committed (for shutdown). */
  async drain(): Promise<void> {
    while (this.queue.length > 0 || this.inFlight > 0) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  /**
   * Flushes after the current turn of the event loop, so that every request whose bytes arrived
   * together joins one commit (without this, the first request of a burst would commit alone).
   */
  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.pump();
    });
  }

  private pump(): void {
    const overlapFrom = Math.max(1, this.options.overlapFrom ?? 1);
    while (
      this.queue.length > 0 &&
      this.inFlight < this.options.maxConcurrentCommits &&
      (this.inFlight === 0 || this.queue.length >= overlapFrom)
    ) {
      const batch = this.queue.splice(0, this.options.maxBatch);
      this.inFlight++;
      this.writeBatch(batch.map((entry) => entry.item))
        .then((outcomes) => {
          batch.forEach((entry, index) => {
            const outcome = outcomes[index];
            if (outcome === undefined) entry.reject(new Error("group commit returned too few outcomes"));
            else entry.resolve(outcome);
          });
        })
        .catch((error: unknown) => {
          for (const entry of batch) entry.reject(error);
        })
        .finally(() => {
          this.inFlight--;
          this.pump();
        });
    }
  }
}
