import { Button, Container, Paper, PasswordInput, Radio, Stack, Text, TextInput, Title } from '@mantine/core';
import { FormEvent, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { ProblemError } from '../api/problem';
import { ProblemAlert } from '../app/ProblemAlert';
import { useSubmission } from '../app/useSubmission';
import { safeNext } from './next-path';
import { useSignIn } from './session';

interface AccountChoice {
  accountId: string;
  name: string;
}

/** Sign in; when the email belongs to several accounts, the same form asks which one. */
export function SignInPage() {
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const signIn = useSignIn();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [accounts, setAccounts] = useState<AccountChoice[]>();
  const [accountId, setAccountId] = useState<string>();
  const { run, busy, error } = useSubmission(async () => {
    try {
      await signIn({ email, password, ...(accountId ? { accountId } : {}) });
      navigate(safeNext(search.get('next')), { replace: true });
    } catch (failure) {
      const choices = failure instanceof ProblemError && failure.problem.code === 'ACCOUNT_CHOICE_NEEDED' ? (failure.problem.extensions.accounts as AccountChoice[]) : undefined;
      if (!choices) throw failure;
      setAccounts(choices);
    }
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run();
  };

  return (
    <Container size={420} py="xl" component="main">
      <Title order={1} ta="center" mb="md">
        Sign in to Faultline
      </Title>
      {search.get('reason') === 'expired' && (
        <Text c="dimmed" ta="center" mb="sm" role="status">
          Your session ended. Sign in again to go on where you were.
        </Text>
      )}
      <Paper withBorder p="lg" radius="md">
        <form onSubmit={submit} aria-label="Sign in">
          <Stack>
            <TextInput label="Email" type="email" autoComplete="username" required value={email} onChange={(event) => setEmail(event.currentTarget.value)} autoFocus />
            <PasswordInput label="Password" autoComplete="current-password" required value={password} onChange={(event) => setPassword(event.currentTarget.value)} />
            {accounts && (
              <Radio.Group label="This email belongs to several accounts. Which one?" value={accountId ?? ''} onChange={setAccountId} required>
                <Stack gap="xs" mt="xs">
                  {accounts.map((account) => (
                    <Radio key={account.accountId} value={account.accountId} label={`${account.name} (${account.accountId})`} />
                  ))}
                </Stack>
              </Radio.Group>
            )}
            <ProblemAlert error={error} title="Not signed in" />
            <Button type="submit" loading={busy} disabled={Boolean(accounts && !accountId)}>
              Sign in
            </Button>
          </Stack>
        </form>
      </Paper>
      <Text size="sm" c="dimmed" ta="center" mt="md">
        Invited? Open the link in your invitation email.
      </Text>
    </Container>
  );
}
