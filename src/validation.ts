import type { z } from 'zod';

/** Where a value broke its schema and why: the first issue is the one worth reading. */
export function firstIssue(error: z.ZodError): { where: string; message: string } {
  const issue = error.issues[0];
  return {
    where: issue?.path.length ? issue.path.join('.') : '(root)',
    message: issue?.message ?? 'invalid',
  };
}

/** Parses data from a file or the wire; the error names the data and the bad field. */
export function parseOrThrow<T>(schema: z.ZodType<T>, data: unknown, what: string): T {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const { where, message } = firstIssue(result.error);
  throw new Error(`${what} invalid at ${where}: ${message}`);
}
