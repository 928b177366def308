// A minimal client of a child process's inspector (started with --inspect=127.0.0.1:0), for
// measurements only the process itself can take: its live heap after a full collection.
// Uses the global WebSocket (Node 22; Node 20 needs --experimental-websocket).

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

export class InspectorClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  private constructor(private readonly socket: WebSocket) {
    socket.addEventListener("message", (event) => {
      const message = JSON.parse(String(event.data)) as {
        id?: number;
        result?: unknown;
        error?: { message: string };
      };
      const waiting = message.id === undefined ? undefined : this.pending.get(message.id);
      if (waiting === undefined || message.id === undefined) return;
      this.pending.delete(message.id);
      if (message.error) waiting.reject(new Error(message.error.message));
      else waiting.resolve(message.result);
    });
  }

  static connect(url: string): Promise<InspectorClient> {
    if (typeof WebSocket === "undefined")
      throw new Error("no global WebSocket: run on Node 22, or Node 20 with --experimental-websocket");
    const socket = new WebSocket(url);
    return new Promise((resolve, reject) => {
      socket.addEventListener("open", () => resolve(new InspectorClient(socket)), { once: true });
      socket.addEventListener("error", () => reject(new Error(`cannot reach the inspector at ${url}`)), {
        once: true,
      });
    });
  }

  call<T>(method: string, params: Record<string, unknown> = {}): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }

  /** The process's used JavaScript heap right after a full garbage collection, in MiB. */
  async heapAfterFullCollection(): Promise<number> {
    await this.call("HeapProfiler.collectGarbage");
    const usage = await this.call<{ usedSize: number }>("Runtime.getHeapUsage");
    return usage.usedSize / 1024 / 1024;
  }

  close(): void {
    this.socket.close();
  }
}
