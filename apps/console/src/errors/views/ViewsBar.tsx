import { Button, Checkbox, Group, Modal, MultiSelect, Select, Stack, TextInput } from '@mantine/core';
import { FormEvent, useState } from 'react';
import { ProblemAlert } from '../../app/ProblemAlert';
import { useSubmission } from '../../app/useSubmission';
import type { ErrorsFilter } from '../filter/errors-filter-url';
import { COLUMN_LABELS, VIEW_COLUMNS, type ViewColumn } from './view-columns';
import { type SavedView, useSavedViews } from './useSavedViews';

interface Props {
  filter: ErrorsFilter;
  columns: ViewColumn[];
  onOpen: (view: SavedView) => void;
  onColumns: (columns: ViewColumn[]) => void;
}

/** Saved views: open one (mine or shared), save the current filter and columns, choose my default. */
export function ViewsBar({ filter, columns, onOpen, onColumns }: Props) {
  const { views = [], save, chooseDefault, remove } = useSavedViews();
  const [current, setCurrent] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const selected = views.find((view) => view.viewId === current);
  const options = [
    { group: 'My views', items: views.filter((view) => view.mine).map(option) },
    { group: 'Shared with the account', items: views.filter((view) => !view.mine).map(option) },
  ].filter((group) => group.items.length > 0);
  return (
    <Group gap="xs" align="flex-end">
      <Select
        label="View"
        placeholder={views.length ? 'Choose a saved view' : 'No saved view yet'}
        data={options}
        value={current}
        onChange={(viewId) => {
          setCurrent(viewId);
          const view = views.find((candidate) => candidate.viewId === viewId);
          if (view) onOpen(view);
        }}
        searchable
        clearable
        w={260}
      />
      <Button variant="default" size="sm" onClick={() => setSaving(true)}>
        Save view…
      </Button>
      {selected && !selected.isDefault && (
        <Button variant="subtle" size="sm" onClick={() => chooseDefault.mutate(selected.viewId)}>
          Open with this view
        </Button>
      )}
      {selected?.mine && (
        <Button variant="subtle" color="red" size="sm" onClick={() => remove.mutate(selected.viewId, { onSuccess: () => setCurrent(null) })}>
          Delete view
        </Button>
      )}
      <MultiSelect
        label="Columns"
        data={VIEW_COLUMNS.map((column) => ({ value: column, label: COLUMN_LABELS[column], disabled: column === 'message' }))}
        value={columns}
        onChange={(values) => onColumns(values as ViewColumn[])}
        w={320}
      />
      <ProblemAlert error={chooseDefault.error ?? remove.error} title="Refused" />
      <SaveViewDialog
        opened={saving}
        onClose={() => setSaving(false)}
        onSave={async (name, shared, makeDefault) => {
          const view = await save.mutateAsync({ request: { name, filter, columns, shared }, makeDefault });
          setCurrent(view.viewId);
        }}
      />
    </Group>
  );
}

function option(view: SavedView) {
  return { value: view.viewId, label: `${view.name}${view.isDefault ? ' (default)' : ''}` };
}

function SaveViewDialog({ opened, onClose, onSave }: { opened: boolean; onClose: () => void; onSave: (name: string, shared: boolean, makeDefault: boolean) => Promise<void> }) {
  const [name, setName] = useState('');
  const [shared, setShared] = useState(false);
  const [makeDefault, setMakeDefault] = useState(false);
  const { run, error } = useSubmission(async () => {
    await onSave(name, shared, makeDefault);
    setName('');
    onClose();
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run();
  };
  return (
    <Modal opened={opened} onClose={onClose} title="Save the current filter and columns">
      <form onSubmit={submit}>
        <Stack>
          <TextInput label="Name of the view" required value={name} onChange={(event) => setName(event.currentTarget.value)} data-autofocus />
          <Checkbox label="Share with everyone in the account" checked={shared} onChange={(event) => setShared(event.currentTarget.checked)} />
          <Checkbox label="Open the Errors page with this view" checked={makeDefault} onChange={(event) => setMakeDefault(event.currentTarget.checked)} />
          <ProblemAlert error={error} title="Not saved" />
          <Group justify="flex-end">
            <Button type="submit">Save view</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
