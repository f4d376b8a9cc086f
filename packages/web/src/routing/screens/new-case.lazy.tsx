import { createLazyRoute } from '@tanstack/react-router';
import { NewCasePage } from '../../features/new-case/new-case-page.tsx';

export const Route = createLazyRoute('/cases/new')({ component: NewCasePage });
