import { createLazyRoute } from '@tanstack/react-router';
import { AnalyticsPage } from '../../features/analytics/analytics-page.tsx';

export const Route = createLazyRoute('/analytics')({ component: AnalyticsPage });
