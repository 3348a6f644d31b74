import type { InvitationPreview, UserSummary } from '@faultline/contracts/browser';
import { Button, Container, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { get, post } from '../api/http';
import { ProblemError } from '../api/problem';
import { FullPageLoader } from '../app/FullPageLoader';
import { ProblemAlert } from '../app/ProblemAlert';
import { useSubmission } from '../app/useSubmission';
import { safeNext } from '../session/next-path';
import { useSignIn } from '../session/session';

/**
 * Where an invitation email's link lands: who invited whom to which account; the invitee picks
 * a name and password, is signed in, and goes on to the page the link named (`next`).
 */
export function AcceptInvitationPage() {
  const [search] = useSearchParams();
  const token = search.get('token') ?? '';
  const preview = useQuery({
    queryKey: ['invitation', token],
    queryFn: ({ signal }) => get<InvitationPreview>('identity', `/invitations/by-token/${encodeURIComponent(token)}`, signal),
    enabled: token.length >= 20,
    retry: false,
  });
  if (token.length < 20) return <LinkProblem title="This invitation link is incomplete">Open the link from your invitation email as it was sent, or ask for a new one.</LinkProblem>;
  if (preview.isPending) return <FullPageLoader />;
  if (preview.error) {
    if (preview.error instanceof ProblemError && preview.error.problem.status === 404) {
      return (
        <LinkProblem title="This invitation link no longer works">
          It was accepted already, revoked, or replaced by a newer invitation. If you accepted it, sign in; otherwise ask whoever invited you to send it again.
        </LinkProblem>
      );
    }
    return <ProblemAlert error={preview.error} />;
  }
  const invitation = preview.data;
  if (invitation.expiresAt && Date.parse(invitation.expiresAt) < Date.now()) {
    return <LinkProblem title="This invitation has expired">{`It expired on ${new Date(invitation.expiresAt).toLocaleString()}. Ask ${invitation.invitedByName ?? 'whoever invited you'} to send it again.`}</LinkProblem>;
  }
  // Without a page named, an invitee goes to the errors assigned to them.
  return <AcceptForm token={token} invitation={invitation} next={search.get('next') ? safeNext(search.get('next')) : '/errors?assignee=me'} />;
}

function AcceptForm({ token, invitation, next }: { token: string; invitation: InvitationPreview; next: string }) {
  const navigate = useNavigate();
  const signIn = useSignIn();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const { run, busy, error } = useSubmission(async () => {
    const user = await post<UserSummary>('identity', '/invitations/accept', { token, name, password });
    await signIn({ email: user.email, password, accountId: user.accountId });
    navigate(next, { replace: true });
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run();
  };

  return (
    <Container size={460} py="xl" component="main">
      <Title order={1} ta="center" mb="xs">
        Join {invitation.accountName}
      </Title>
      <Text ta="center" c="dimmed" mb="md">
        {invitation.invitedByName ?? 'Someone'} invited <strong>{invitation.email}</strong> to {invitation.accountName} on Faultline as {article(invitation.role)} {invitation.role}.
      </Text>
      <Paper withBorder p="lg" radius="md">
        <form onSubmit={submit} aria-label="Accept the invitation">
          <Stack>
            <TextInput label="Your name" autoComplete="name" required value={name} onChange={(event) => setName(event.currentTarget.value)} autoFocus />
            <PasswordInput
              label="Choose a password"
              description="At least 12 characters, and not one of the well-known ones"
              autoComplete="new-password"
              required
              value={password}
              onChange={(event) => setPassword(event.currentTarget.value)}
            />
            <ProblemAlert error={error} title="Not accepted" />
            <Button type="submit" loading={busy}>
              Accept and sign in
            </Button>
          </Stack>
        </form>
      </Paper>
    </Container>
  );
}

function LinkProblem({ title, children }: { title: string; children: string | string[] }) {
  return (
    <Container size={460} py="xl" component="main">
      <Title order={1} mb="sm">
        {title}
      </Title>
      <Text mb="md">{children}</Text>
      <Button component={Link} to="/sign-in" variant="light">
        Go to sign in
      </Button>
    </Container>
  );
}

const article = (role: string) => (/^[aeiou]/.test(role) ? 'an' : 'a');
