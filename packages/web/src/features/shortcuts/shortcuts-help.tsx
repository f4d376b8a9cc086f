import { Kbd, Modal, Table } from '@mantine/core';
import { useDisclosure, useHotkeys } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';

/** The keys, where they work, and the words for each in `shortcuts.*`. */
const SHORTCUTS = [
  { keys: ['j', 'k'], what: 'move' },
  { keys: ['Enter'], what: 'open' },
  { keys: ['r'], what: 'reply' },
  { keys: ['n'], what: 'note' },
  { keys: ['a'], what: 'assign' },
  { keys: ['e'], what: 'close' },
  { keys: ['Ctrl', 'Enter'], what: 'send' },
  { keys: ['?'], what: 'help' },
] as const;

/** `?` anywhere outside a text field shows every keyboard shortcut. */
export function ShortcutsHelp() {
  const { t } = useTranslation();
  const [opened, { open, close }] = useDisclosure(false);
  // '?' is Shift with / on most keyboards; browsers report either key.
  useHotkeys([
    ['shift+?', open],
    ['shift+/', open],
  ]);
  return (
    <Modal
      opened={opened}
      onClose={close}
      title={t('shortcuts.title')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Table>
        <Table.Tbody>
          {SHORTCUTS.map((shortcut) => (
            <Table.Tr key={shortcut.what} data-shortcut={shortcut.what}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {shortcut.keys.map((key, i) => (
                  <span key={key}>
                    {i > 0 && (shortcut.what === 'send' ? ' + ' : ' / ')}
                    <Kbd>{key}</Kbd>
                  </span>
                ))}
              </Table.Td>
              <Table.Td>{t(`shortcuts.${shortcut.what}`)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Modal>
  );
}
