import { createLazyRoute } from '@tanstack/react-router';
import { CustomersPage } from '../../features/customers/customers-page.tsx';

export const Route = createLazyRoute('/customers')({ component: CustomersPage });
