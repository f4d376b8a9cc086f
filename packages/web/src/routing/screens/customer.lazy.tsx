import { createLazyRoute } from '@tanstack/react-router';
import { CustomerPage } from '../../features/customer/customer-page.tsx';

export const Route = createLazyRoute('/customers/$id')({ component: CustomerScreen });

function CustomerScreen() {
  const { id } = Route.useParams();
  return <CustomerPage id={id} />;
}
