import { createLazyRoute } from '@tanstack/react-router';
import { OwnProfilePage } from '../../features/replies/own-profile-page.tsx';

export const Route = createLazyRoute('/profile')({ component: OwnProfilePage });
