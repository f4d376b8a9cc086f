import { createLazyRoute } from '@tanstack/react-router';
import { RepliesPage } from '../../features/replies/replies-page.tsx';

export const Route = createLazyRoute('/replies')({ component: RepliesPage });
