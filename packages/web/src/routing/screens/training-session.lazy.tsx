import { createLazyRoute } from '@tanstack/react-router';
import { PracticePage } from '../../features/training/practice-page.tsx';

export const Route = createLazyRoute('/training/$id')({ component: PracticeScreen });

function PracticeScreen() {
  const { id } = Route.useParams();
  // Another session is another conversation: its draft and its scroll start afresh.
  return <PracticePage key={id} id={id} />;
}
