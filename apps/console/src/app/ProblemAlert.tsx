import { Alert } from '@mantine/core';
import { ProblemError, problemMessage } from '../api/problem';

/** A refusal in the rule's words (and its code, for people reporting it); anything else plainly. */
export function ProblemAlert({ error, title }: { error: unknown; title?: string }) {
  if (!error) return null;
  const problem = error instanceof ProblemError ? error.problem : undefined;
  return (
    <Alert color="red" role="alert" title={title ?? problem?.title ?? 'Something went wrong'}>
      {problem ? problemMessage(problem) : String((error as Error).message ?? error)}
      {problem?.code && (
        <span style={{ display: 'block', fontSize: 12, opacity: 0.8 }}>
          rule: <code>{problem.code}</code>
        </span>
      )}
    </Alert>
  );
}
