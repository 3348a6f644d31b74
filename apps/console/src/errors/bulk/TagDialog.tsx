import { Button, Group, Modal, MultiSelect, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTags } from '../../app/directory';
import type { BulkAction } from './bulk-actions';

/** Put up to three tags on the errors, or take tags off. */
export function TagDialog({ opened, onClose, count, onTag }: { opened: boolean; onClose: () => void; count: number; onTag: (action: BulkAction) => void }) {
  const tags = (useTags().data?.items ?? []).map((tag) => ({ value: tag.tagId, label: tag.name }));
  const [add, setAdd] = useState<string[]>([]);
  const [remove, setRemove] = useState<string[]>([]);
  const submit = () => {
    onTag({ kind: 'tag', add, remove });
    setAdd([]);
    setRemove([]);
    onClose();
  };
  return (
    <Modal opened={opened} onClose={onClose} title={`Tag ${count} ${count === 1 ? 'error' : 'errors'}`}>
      <Stack>
        <MultiSelect label="Add tags" description="At most three at a time" data={tags} value={add} onChange={setAdd} maxValues={3} searchable data-autofocus />
        <MultiSelect label="Remove tags" data={tags} value={remove} onChange={setRemove} searchable />
        <Group justify="flex-end">
          <Button onClick={submit} disabled={add.length === 0 && remove.length === 0}>
            Apply
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
