import { createLazyRoute } from '@tanstack/react-router';
import { TrainingPage } from '../../features/training/training-page.tsx';

export const Route = createLazyRoute('/training')({ component: TrainingPage });
