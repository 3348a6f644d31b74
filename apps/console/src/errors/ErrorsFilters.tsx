import { Button, Group, MultiSelect, SegmentedControl, Select, TextInput } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useNames, useTags, useUsers } from '../app/directory';
import { ERROR_CLASSES, type ErrorsFilter, SEVERITIES, withFilter } from './filter/errors-filter-url';

interface Props {
  filter: ErrorsFilter;
  onChange: (filter: ErrorsFilter) => void;
  /** The search box, so `/` can focus it. */
  searchRef: React.RefObject<HTMLInputElement | null>;
}

/** Every filter of the Errors list; each change lands in the address at once (text after a pause). */
export function ErrorsFilters({ filter, onChange, searchRef }: Props) {
  const users = useUsers().data ?? [];
  const tags = useTags().data?.items ?? [];
  const names = useNames();
  const set = (key: Parameters<typeof withFilter>[1]) => (value: string | number | null | undefined) => onChange(withFilter(filter, key, value ?? undefined));
  const assigneeOptions = [
    { value: 'me', label: 'Me' },
    { value: 'unassigned', label: 'Unassigned' },
    ...users.filter((user) => user.status === 'active' || user.status === 'invited').map((user) => ({ value: user.userId, label: names.user(user.userId) })),
  ];
  const selectedTags = filter.tags ? filter.tags.split(',') : [];
  return (
    <Group align="flex-end" gap="xs" wrap="wrap" role="search" aria-label="Filter errors">
      <DebouncedText label="Message contains" value={filter.q} onCommit={set('q')} inputRef={searchRef} placeholder="Press / to search" w={220} />
      <DebouncedText label="Integration" value={filter.integrationId} onCommit={set('integrationId')} w={140} />
      <DebouncedText label="Flow" value={filter.flowId} onCommit={set('flowId')} w={120} />
      <DebouncedText label="Step" value={filter.flowStepId} onCommit={set('flowStepId')} w={120} />
      <Select label="Assignee" data={assigneeOptions} value={filter.assignee ?? null} onChange={set('assignee')} clearable searchable placeholder="Anyone" w={170} />
      <MultiSelect
        label="Tags"
        data={tags.map((tag) => ({ value: tag.tagId, label: tag.name }))}
        value={selectedTags}
        onChange={(values) => onChange(withFilter(filter, 'tags', values.join(',')))}
        clearable
        placeholder={selectedTags.length ? undefined : 'Any'}
        w={200}
      />
      {selectedTags.length > 1 && (
        <SegmentedControl
          aria-label="Tags must match"
          data={[
            { value: 'any', label: 'any' },
            { value: 'all', label: 'all' },
          ]}
          value={filter.tagsMatch ?? 'any'}
          onChange={set('tagsMatch')}
        />
      )}
      <Select label="Class" data={ERROR_CLASSES} value={filter.errorClass ?? null} onChange={set('errorClass')} clearable placeholder="Any" w={130} />
      <Select label="Severity" data={SEVERITIES} value={filter.severity ?? null} onChange={set('severity')} clearable placeholder="Any" w={110} />
      <DebouncedText label="HTTP status" value={filter.httpStatus === undefined ? undefined : String(filter.httpStatus)} onCommit={(value) => set('httpStatus')(value && /^[1-5]\d\d$/.test(value) ? Number(value) : undefined)} w={100} />
      <DebouncedText label="Source" value={filter.source} onCommit={set('source')} w={120} />
      <TextInput label="From" type="datetime-local" value={toLocalInput(filter.from)} onChange={(event) => set('from')(fromLocalInput(event.currentTarget.value))} w={190} />
      <TextInput label="To" type="datetime-local" value={toLocalInput(filter.to)} onChange={(event) => set('to')(fromLocalInput(event.currentTarget.value))} w={190} />
      <Button variant="subtle" onClick={() => onChange({ status: filter.status })}>
        Clear filters
      </Button>
    </Group>
  );
}

function DebouncedText({ label, value, onCommit, inputRef, placeholder, w }: { label: string; value?: string; onCommit: (value: string | undefined) => void; inputRef?: React.Ref<HTMLInputElement>; placeholder?: string; w: number }) {
  const [text, setText] = useState(value ?? '');
  const committed = useRef(value ?? '');
  useEffect(() => {
    committed.current = value ?? '';
    setText(value ?? '');
  }, [value]);
  useEffect(() => {
    if (text === committed.current) return undefined;
    const timer = setTimeout(() => onCommit(text.trim() || undefined), 350);
    return () => clearTimeout(timer);
  }, [text, onCommit]);
  return <TextInput label={label} value={text} ref={inputRef} placeholder={placeholder} onChange={(event) => setText(event.currentTarget.value)} w={w} />;
}

function toLocalInput(iso: string | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

function fromLocalInput(local: string): string | undefined {
  return local ? new Date(local).toISOString() : undefined;
}
