import type { InvitationRequestList, InvitationRequestSummary } from '@faultline/contracts/browser';
import { Alert, Button, List } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { get } from '../../api/http';
import { useMe } from '../../session/session';
import { theErrorsAre } from './bulk-actions';

/** How far back a browser that never dismissed anything looks. */
const LOOK_BACK_MS = 7 * 86_400_000;
const REFRESH_MS = 15_000;

/**
 * The person's "assign to new user" requests identity refused, until they dismiss them: shown
 * whenever they open the Errors page, not only while the page that asked was waiting.
 */
export function RefusedRequests() {
  const userId = useMe().user.userId;
  const storageKey = `faultline.refusals-seen.${userId}`;
  const [seenUntil, setSeenUntil] = useState(() => localStorage.getItem(storageKey) ?? new Date(Date.now() - LOOK_BACK_MS).toISOString());
  const refused = useQuery({
    queryKey: ['assignment', 'requests', 'refused', seenUntil],
    queryFn: ({ signal }) => get<InvitationRequestList>('assignment', `/assignments/requests?status=refused&since=${encodeURIComponent(seenUntil)}`, signal),
    refetchInterval: REFRESH_MS,
  });
  const items = refused.data?.items ?? [];
  if (items.length === 0) return null;
  const dismiss = () => {
    const newest = items.map((item) => item.answeredAt ?? item.requestedAt).sort().at(-1) ?? new Date().toISOString();
    localStorage.setItem(storageKey, newest);
    setSeenUntil(newest);
  };
  return (
    <Alert color="red" title={items.length === 1 ? 'An assignment to a new person was refused' : `${items.length} assignments to new people were refused`} role="alert">
      <List size="sm" spacing={4}>
        {items.map((item) => (
          <List.Item key={item.requestId}>{refusalSentence(item)}</List.Item>
        ))}
      </List>
      <Button size="xs" variant="default" mt="xs" onClick={dismiss}>
        Dismiss
      </Button>
    </Alert>
  );
}

/** One refusal in words: who, why (the rule's own), and what it left undone. */
function refusalSentence(request: InvitationRequestSummary): string {
  return `${request.email} was not invited: ${request.reason ?? 'identity refused'} (${request.code ?? 'refused'}); ${theErrorsAre(request.errorIds.length)} still unassigned.`;
}
