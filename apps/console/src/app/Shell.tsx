import { isAdministrator } from '@faultline/access-policy';
import { AppShell, Burger, Button, Group, NavLink, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { ReactNode } from 'react';
import { NavLink as RouterLink, useLocation } from 'react-router';
import { useMe, useSignOut } from '../session/session';

interface Destination {
  to: string;
  label: string;
  administratorsOnly?: boolean;
}

const DESTINATIONS: Destination[] = [
  { to: '/errors', label: 'Errors' },
  { to: '/flows', label: 'Flows' },
  { to: '/team', label: 'Team' },
  { to: '/notifications', label: 'My notifications' },
  { to: '/emails', label: 'Email audit', administratorsOnly: true },
  { to: '/settings', label: 'Settings' },
];

/** Every signed-in page: the navigation bar, who is signed in, and sign out. */
export function Shell({ children }: { children: ReactNode }) {
  const me = useMe();
  const signOut = useSignOut();
  const location = useLocation();
  const [opened, { toggle }] = useDisclosure();
  const administrator = isAdministrator(me.user.role);
  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Group>
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Navigation" />
            <Title order={2} size="h4">
              Faultline
            </Title>
            <Text c="dimmed" size="sm">
              {me.account?.name}
            </Text>
          </Group>
          <Group>
            <Text size="sm" aria-label="Signed in as">
              {me.user.name ?? me.user.email} · {me.user.role}
            </Text>
            <Button variant="subtle" size="xs" onClick={signOut}>
              Sign out
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label="Main">
        <Stack gap={2}>
          {DESTINATIONS.filter((destination) => administrator || !destination.administratorsOnly).map((destination) => (
            <NavLink key={destination.to} component={RouterLink} to={destination.to} label={destination.label} active={location.pathname.startsWith(destination.to)} variant="filled" />
          ))}
        </Stack>
        <Text size="xs" c="dimmed" mt="auto" p="xs">
          Press ? for keyboard shortcuts, Ctrl-K for commands
        </Text>
      </AppShell.Navbar>
      <AppShell.Main>{children}</AppShell.Main>
    </AppShell>
  );
}
