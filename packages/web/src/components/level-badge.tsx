import type { Level } from '@calmdesk/analysis';
import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

const LEVEL_COLORS: Record<Level, string> = {
  calm: 'teal',
  upset: 'yellow',
  angry: 'orange',
  hostile: 'red',
};

export function LevelBadge({ level }: { level: Level | null | undefined }) {
  const { t } = useTranslation();
  if (!level) return null;
  return (
    <Badge
      color={LEVEL_COLORS[level]}
      variant={level === 'hostile' ? 'filled' : 'light'}
      styles={{
        root: { flexShrink: 0, overflow: 'visible', maxWidth: 'none' },
        label: { overflow: 'visible', textOverflow: 'clip' },
      }}
    >
      {t(`level.${level}`)}
    </Badge>
  );
}
