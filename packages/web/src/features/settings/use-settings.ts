import type { Settings } from '@calmdesk/contracts';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';

export const SETTINGS_KEY = ['settings'] as const;

/** The organisation's settings: its name, time zone, response targets and compensation policy. */
export function useSettings() {
  return useQuery({
    queryKey: SETTINGS_KEY,
    queryFn: () => api<Settings>('GET', '/api/settings'),
    staleTime: 5 * 60_000,
  });
}
