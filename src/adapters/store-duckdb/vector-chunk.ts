/**
 * A data chunk filled column by column from typed arrays, for the bulk of an import (fresh links).
 *
 * The node API's vector classes cost a native call per string, wrap every vector in new objects for every
 * chunk and keep NULL masks as BigInts; at millions of values per batch that was most of the staging time.
 * Here one chunk and one set of column buffers are created per appender and reused: numbers go into typed
 * arrays copied into the vectors with one call per column, and strings of up to 12 ASCII bytes (empty
 * anchors and rels, most rel values, short anchors) are written inline into their 16-byte
 * `duckdb_string_t` slot (length, then the bytes, zero padded: the layout the C API documents for inlined
 * strings) and travel with that copy, so only longer or non-ASCII strings cost a native call each.
 * No column is nullable: callers encode "absent" themselves (e.g. an empty string).
 */
// First: sets DuckDB's allocator options, which are read when the library loads.
import './allocator-config.ts';
import {
  DOUBLE,
  type DuckDBAppender,
  DuckDBDataChunk,
  type DuckDBType,
  INTEGER,
  VARCHAR,
} from '@duckdb/node-api';
import duckdb from '@duckdb/node-bindings';

export type VectorColumnType = 'double' | 'int' | 'varchar';

const DUCK_TYPES: Record<VectorColumnType, DuckDBType> = { double: DOUBLE, int: INTEGER, varchar: VARCHAR };
const WIDTH: Record<VectorColumnType, number> = { double: 8, int: 4, varchar: 16 };
const INLINE_BYTES = 12;

export class VectorChunk {
  /** Capacity of one chunk (DuckDB's vector size, 2,048). */
  static readonly ROWS = duckdb.vector_size();
  private readonly chunk: DuckDBDataChunk;
  private readonly vectors: duckdb.Vector[] = [];
  private readonly buffers: ArrayBuffer[];
  private readonly doubles: (Float64Array | null)[];
  private readonly ints: (Int32Array | null)[];
  private readonly strings: (Uint8Array | null)[];
  /** Per string column: the rows whose value needs a native call, and those values. */
  private readonly longRows: number[][];
  private readonly longValues: string[][];
  private rows = 0;

  constructor(
    private readonly appender: DuckDBAppender,
    private readonly types: readonly VectorColumnType[],
  ) {
    this.chunk = DuckDBDataChunk.create(
      types.map((t) => DUCK_TYPES[t]),
      VectorChunk.ROWS,
    );
    for (let c = 0; c < types.length; c++)
      this.vectors.push(duckdb.data_chunk_get_vector(this.chunk.chunk, c));
    const rows = VectorChunk.ROWS;
    this.buffers = types.map((t) => new ArrayBuffer(rows * WIDTH[t]));
    this.doubles = types.map((t, c) => (t === 'double' ? new Float64Array(this.buffers[c]!) : null));
    this.ints = types.map((t, c) => (t === 'int' ? new Int32Array(this.buffers[c]!) : null));
    this.strings = types.map((t, c) => (t === 'varchar' ? new Uint8Array(this.buffers[c]!) : null));
    this.longRows = types.map(() => []);
    this.longValues = types.map(() => []);
  }

  /** The row the next `set*` calls write (0 .. ROWS-1). */
  get row(): number {
    return this.rows;
  }

  setDouble(column: number, value: number): void {
    this.doubles[column]![this.rows] = value;
  }

  setInt(column: number, value: number): void {
    this.ints[column]![this.rows] = value;
  }

  setString(column: number, value: string): void {
    const n = value.length;
    if (n <= INLINE_BYTES) {
      const bytes = this.strings[column]!;
      const at = this.rows * 16;
      let ascii = true;
      for (let i = 0; i < n; i++) {
        const code = value.charCodeAt(i);
        if (code >= 0x80) {
          ascii = false;
          break;
        }
        bytes[at + 4 + i] = code;
      }
      if (ascii) {
        bytes[at] = n;
        bytes[at + 1] = 0;
        bytes[at + 2] = 0;
        bytes[at + 3] = 0;
        bytes.fill(0, at + 4 + n, at + 16);
        return;
      }
    }
    this.longRows[column]!.push(this.rows);
    this.longValues[column]!.push(value);
  }

  /** Ends the current row; appends the chunk when it is full. */
  next(): void {
    this.rows += 1;
    if (this.rows === VectorChunk.ROWS) this.flush();
  }

  /** Appends what is buffered and closes the appender (the rows become visible to the connection). */
  close(): void {
    if (this.rows > 0) this.flush();
    this.appender.closeSync();
  }

  private flush(): void {
    const n = this.rows;
    duckdb.data_chunk_set_size(this.chunk.chunk, n);
    for (let c = 0; c < this.types.length; c++) {
      const vector = this.vectors[c]!;
      const buffer = this.buffers[c]!;
      // Inline string slots travel with this copy; the slots of long strings are overwritten just after.
      duckdb.copy_data_to_vector(vector, 0, buffer, 0, n * WIDTH[this.types[c]!]);
      const rows = this.longRows[c]!;
      const values = this.longValues[c]!;
      for (let i = 0; i < rows.length; i++) duckdb.vector_assign_string_element(vector, rows[i]!, values[i]!);
      rows.length = 0;
      values.length = 0;
    }
    this.appender.appendDataChunk(this.chunk);
    this.chunk.reset(); // frees the chunk's string heap (the appender has copied the rows)
    this.rows = 0;
  }
}
