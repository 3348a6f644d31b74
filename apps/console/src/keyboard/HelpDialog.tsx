import { Kbd, Modal, Table } from '@mantine/core';
import { SHORTCUTS } from './shortcuts';

export function HelpDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title="Keyboard shortcuts">
      <Table>
        <Table.Tbody>
          {Object.values(SHORTCUTS).map((shortcut) => (
            <Table.Tr key={shortcut.keys}>
              <Table.Td>
                <Kbd>{shortcut.keys}</Kbd>
              </Table.Td>
              <Table.Td>{shortcut.does}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Modal>
  );
}
