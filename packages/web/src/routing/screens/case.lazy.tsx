import { createLazyRoute } from '@tanstack/react-router';
import { CasePage } from '../../features/case/case-page.tsx';

export const Route = createLazyRoute('/cases/$id')({ component: CaseScreen });

function CaseScreen() {
  const { id } = Route.useParams();
  return <CasePage id={id} />;
}
