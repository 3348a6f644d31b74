/**
 * Builds one parameterised multi-row INSERT: `VALUES ($1, $2), ($3, $4)`, for rows with array
 * columns (`rowsFrom` is the faster form for the others). Rows are chunked below PostgreSQL's
 * 65,535-parameter limit by the callers through `chunk`.
 */
export function valuesClause(rowCount: number, columnCount: number, casts: string[] = []): string {
  const rows: string[] = [];
  for (let row = 0; row < rowCount; row++) {
    const params: string[] = [];
    for (let column = 0; column < columnCount; column++) {
      params.push(`$${row * columnCount + column + 1}${casts[column] ?? ''}`);
    }
    rows.push(`(${params.join(', ')})`);
  }
  return rows.join(', ');
}

/** A column of a many-row statement and its PostgreSQL type. */
export type TypedColumn = readonly [name: string, type: string];

/**
 * Many rows as one parameter per column: `ROWS FROM (unnest($1::uuid[]), jsonb_array_elements($2::jsonb))`.
 * Whatever the row count, PostgreSQL parses and plans a statement of as many parameters as
 * columns, not a VALUES list of thousands (50,000 rows of the errors list's 24 columns: 3.4 s
 * against 3.9–4.0 s, measured on this project's machine).
 * A `jsonb` column travels as one JSON array of the rows' JSON texts, never escaped again inside
 * an array literal; it cannot hold SQL NULL. Array-typed columns need `valuesClause`.
 */
export function rowsFrom(columns: readonly TypedColumn[]): string {
  const sources = columns.map(([, type], index) => (type === 'jsonb' ? `jsonb_array_elements($${index + 1}::jsonb)` : `unnest($${index + 1}::${type}[])`));
  return `ROWS FROM (${sources.join(', ')})`;
}

/** `INSERT INTO table (columns) SELECT * FROM ROWS FROM (…)`, for `columnParams(columns, rows)`. */
export function insertRows(table: string, columns: readonly TypedColumn[]): string {
  return `INSERT INTO ${table} (${columns.map(([name]) => name).join(', ')}) SELECT * FROM ${rowsFrom(columns)}`;
}

/** The parameters of `rowsFrom`: the rows' values column by column (JSON columns as JSON text). */
export function columnParams(columns: readonly TypedColumn[], rows: readonly unknown[][]): unknown[] {
  return columns.map(([, type], column) => (type === 'jsonb' ? `[${rows.map((row) => row[column]).join(',')}]` : rows.map((row) => row[column])));
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}

/** True when a query failed on a unique constraint (SQLSTATE 23505), optionally a named one. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const driverError = (error as { driverError?: { code?: string; constraint?: string } }).driverError ?? error;
  const { code, constraint: violated } = driverError as { code?: string; constraint?: string };
  return code === '23505' && (constraint === undefined || violated === constraint);
}
