/**
 * Builds one parameterised multi-row INSERT: `VALUES ($1, $2), ($3, $4)`. Rows are chunked
 * below PostgreSQL's 65,535-parameter limit by the callers through `chunk`.
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
