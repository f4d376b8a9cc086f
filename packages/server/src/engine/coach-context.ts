import type { CoachContext } from '@calmdesk/analysis';
import { type CoachContextInput, CoachContextSchema } from '@calmdesk/contracts';

// `calmdesk coach --context` reads the same context the API takes.
export { CoachContextSchema };

export function toCoachContext(parsed: CoachContextInput): CoachContext {
  return parsed as CoachContext;
}
