import { Anchor, Container, Text, Title } from '@mantine/core';
import { createBrowserRouter, isRouteErrorResponse, Link, Navigate, Outlet, useRouteError } from 'react-router';
import { problemMessage, ProblemError } from '../api/problem';
import { EmailAuditPage } from '../audit/EmailAuditPage';
import { ErrorDetailsPage } from '../errors/details/ErrorDetailsPage';
import { ErrorsPage } from '../errors/ErrorsPage';
import { FlowPage } from '../flows/FlowPage';
import { FlowsPage } from '../flows/FlowsPage';
import { AcceptInvitationPage } from '../invitations/AcceptInvitationPage';
import { NotificationsPage } from '../notifications/NotificationsPage';
import { RequireSession } from '../session/session';
import { SignInPage } from '../session/SignInPage';
import { SettingsPage } from '../settings/SettingsPage';
import { TeamPage } from '../team/TeamPage';
import { Shell } from './Shell';

function SignedIn() {
  return (
    <RequireSession>
      <Shell>
        <Outlet />
      </Shell>
    </RequireSession>
  );
}

/** Every screen has its own address, so links from emails and colleagues open it directly. */
export const router = createBrowserRouter([
  { path: '/sign-in', element: <SignInPage />, errorElement: <PageFailed /> },
  { path: '/invitations/accept', element: <AcceptInvitationPage />, errorElement: <PageFailed /> },
  {
    element: <SignedIn />,
    errorElement: <PageFailed />,
    children: [
      { path: '/', element: <Navigate to="/errors" replace /> },
      { path: '/errors', element: <ErrorsPage /> },
      { path: '/errors/:errorId', element: <ErrorDetailsPage /> },
      { path: '/flows', element: <FlowsPage /> },
      { path: '/flows/:integrationId/:flowId', element: <FlowPage /> },
      { path: '/team', element: <TeamPage /> },
      { path: '/notifications', element: <NotificationsPage /> },
      { path: '/emails', element: <EmailAuditPage /> },
      { path: '/settings', element: <SettingsPage /> },
      { path: '*', element: <NotFound /> },
    ],
  },
]);

function NotFound() {
  return (
    <Container py="xl">
      <Title order={1}>No such page</Title>
      <Anchor component={Link} to="/errors">
        Go to the errors
      </Anchor>
    </Container>
  );
}

function PageFailed() {
  const error = useRouteError();
  const message = error instanceof ProblemError ? problemMessage(error.problem) : isRouteErrorResponse(error) ? error.statusText : 'Something went wrong on this page.';
  return (
    <Container py="xl" component="main">
      <Title order={1}>This page failed</Title>
      <Text my="md">{message}</Text>
      <Anchor href="/errors">Back to the errors</Anchor>
    </Container>
  );
}
