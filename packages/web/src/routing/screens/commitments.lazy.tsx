import { createLazyRoute } from '@tanstack/react-router';
import { CommitmentsPage } from '../../features/commitments/commitments-page.tsx';

export const Route = createLazyRoute('/commitments')({ component: CommitmentsPage });
