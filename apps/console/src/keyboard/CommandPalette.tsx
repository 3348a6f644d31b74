import { Kbd, Modal, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { KeyboardEvent, useEffect, useState } from 'react';

export interface Command {
  id: string;
  label: string;
  hint?: string;
  run: () => void;
}

/** Ctrl/⌘-K: every action of the page (and the way to other pages), found by typing. */
export function CommandPalette({ opened, onClose, commands }: { opened: boolean; onClose: () => void; commands: Command[] }) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  useEffect(() => {
    if (opened) {
      setQuery('');
      setActive(0);
    }
  }, [opened]);
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const matching = commands.filter((command) => words.every((word) => command.label.toLowerCase().includes(word)));
  const run = (command: Command | undefined) => {
    if (!command) return;
    onClose();
    command.run();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown') setActive((index) => Math.min(matching.length - 1, index + 1));
    else if (event.key === 'ArrowUp') setActive((index) => Math.max(0, index - 1));
    else if (event.key === 'Enter') run(matching[active]);
    else return;
    event.preventDefault();
  };
  return (
    <Modal opened={opened} onClose={onClose} title="Commands" size="lg">
      <TextInput
        aria-label="Command"
        placeholder="Type a command…"
        value={query}
        onChange={(event) => {
          setQuery(event.currentTarget.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
        data-autofocus
        role="combobox"
        aria-expanded
        aria-controls="command-list"
        aria-activedescendant={matching[active] ? `command-${matching[active].id}` : undefined}
      />
      <Stack gap={2} mt="sm" id="command-list" role="listbox" aria-label="Commands">
        {matching.length === 0 && <Text c="dimmed">No command matches.</Text>}
        {matching.map((command, index) => (
          <UnstyledButton
            key={command.id}
            id={`command-${command.id}`}
            role="option"
            aria-selected={index === active}
            onClick={() => run(command)}
            p="xs"
            style={{ borderRadius: 4, background: index === active ? 'var(--mantine-color-blue-light)' : undefined, display: 'flex', justifyContent: 'space-between' }}
          >
            <Text size="sm">{command.label}</Text>
            {command.hint && <Kbd>{command.hint}</Kbd>}
          </UnstyledButton>
        ))}
      </Stack>
    </Modal>
  );
}
