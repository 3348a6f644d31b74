import type { AccessLevel } from '@faultline/access-policy';
import { Button, Fieldset, Group, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { named } from '../app/named';
import { monitorQuery } from '../flows/monitor-query';
import { type AccessChoice, integrationsToOffer, withLevel } from './access-text';

const CHOICES: AccessChoice[] = ['none', 'monitor', 'manage'];

interface Props {
  legend: string;
  value: Readonly<Record<string, AccessLevel>>;
  onChange: (access: Record<string, AccessLevel>) => void;
}

/**
 * Integration access picked per integration: those with errors are offered by name (people
 * know them from the Errors page), and any other by its id, for an integration that has not
 * failed yet.
 */
export function AccessPicker({ legend, value, onChange }: Props) {
  const monitor = useQuery({ ...monitorQuery, staleTime: 30_000 });
  const [another, setAnother] = useState('');
  const offered = integrationsToOffer(monitor.data?.integrations ?? [], value);
  const add = () => {
    const integrationId = another.trim();
    if (!integrationId) return;
    onChange(withLevel(value, integrationId, value[integrationId] ?? 'monitor'));
    setAnother('');
  };
  return (
    <Fieldset legend={legend} variant="unstyled">
      <Stack gap="xs">
        {offered.length === 0 && (
          <Text size="sm" c="dimmed">
            No integration has reported an error yet; add one by its id.
          </Text>
        )}
        {offered.map(({ integrationId, name }) => (
          <Group key={integrationId} justify="space-between" wrap="nowrap">
            <Text size="sm">{named(name, integrationId)}</Text>
            <SegmentedControl
              size="xs"
              aria-label={`Access to ${named(name, integrationId)}`}
              data={CHOICES}
              value={value[integrationId] ?? 'none'}
              onChange={(choice) => onChange(withLevel(value, integrationId, choice as AccessChoice))}
            />
          </Group>
        ))}
        <Group align="flex-end" gap="xs">
          <TextInput
            size="xs"
            label="Another integration (its id)"
            value={another}
            maxLength={100}
            onChange={(event) => setAnother(event.currentTarget.value)}
            onKeyDown={(event) => {
              if (event.key !== 'Enter') return;
              event.preventDefault();
              add();
            }}
          />
          <Button size="xs" variant="default" onClick={add} disabled={!another.trim()}>
            Add
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  );
}
