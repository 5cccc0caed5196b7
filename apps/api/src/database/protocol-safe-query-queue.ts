import type { PGlite } from '@electric-sql/pglite';

interface Entry {
  handlerId: number;
  message: Uint8Array;
  onData: (data: Uint8Array) => void;
  resolve: (bytes: number) => void;
  reject: (error: Error) => void;
}

const SYNC = 0x53; // 'S'
const SIMPLE_QUERY = 0x51; // 'Q'
/** Parse, Bind, Describe, Execute, Close, Flush: messages of an extended-protocol exchange that Sync ends. */
const EXTENDED = new Set([0x50, 0x42, 0x44, 0x45, 0x43, 0x48]);

/**
 * Runs the messages of many client connections on PGlite's single session, one exchange at a time.
 *
 * pglite-socket's own queue (0.2.x) interleaves connections message by message outside explicit
 * transactions, so one client's Parse/Bind/Execute can land between another's and fail ("portal does
 * not exist") or use the wrong statement. Here a connection keeps the session from its first
 * extended-protocol message until its Sync, and for as long as it has a transaction open.
 * Replace with the library's queue once it batches up to Sync itself.
 */
export class ProtocolSafeQueryQueue {
  private queue: Entry[] = [];
  private processing = false;
  /** The connection that holds the session (mid-exchange or inside a transaction), if any. */
  private owner: number | null = null;

  constructor(private readonly db: PGlite) {}

  enqueue(handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    return new Promise((resolve, reject) => {
      this.queue.push({ handlerId, message, onData, resolve, reject });
      void this.processQueue();
    });
  }

  getQueueLength(): number {
    return this.queue.length;
  }

  clearQueueForHandler(handlerId: number): void {
    this.queue = this.queue.filter((entry) => {
      if (entry.handlerId !== handlerId) return true;
      entry.reject(new Error('Handler disconnected'));
      return false;
    });
  }

  /** A connection that went away mid-transaction or mid-exchange must not keep the session. */
  async clearTransactionIfNeeded(handlerId: number): Promise<void> {
    if (this.owner !== handlerId) return;
    if (this.db.isInTransaction()) await this.db.exec('ROLLBACK');
    this.owner = null;
    void this.processQueue();
  }

  private next(): Entry | undefined {
    if (this.owner === null) return this.queue.shift();
    const index = this.queue.findIndex((entry) => entry.handlerId === this.owner);
    return index === -1 ? undefined : this.queue.splice(index, 1)[0];
  }

  private async processQueue(): Promise<void> {
    if (this.processing) return;
    this.processing = true;
    try {
      for (let entry = this.next(); entry; entry = this.next()) {
        let bytes = 0;
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(entry!.message, {
              onRawData: (data: Uint8Array) => {
                bytes += data.length;
                entry!.onData(data);
              },
            }),
          );
        } catch (error) {
          this.owner = null;
          entry.reject(error as Error);
          continue;
        }
        const type = entry.message[0];
        if (EXTENDED.has(type)) this.owner = entry.handlerId;
        else if (type === SYNC || type === SIMPLE_QUERY || this.owner === entry.handlerId) {
          this.owner = this.db.isInTransaction() ? entry.handlerId : null;
        }
        entry.resolve(bytes);
      }
    } finally {
      this.processing = false;
    }
  }
}
