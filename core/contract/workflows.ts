import { z } from 'zod';

import { resultSchema, workflowSummarySchema } from '../schemas.ts';

export const workflowChannels = {
  'workflows.list': {
    request: z.object({ search: z.string().max(200).optional() }).strict(),
    reply: resultSchema(z.object({ workflows: z.array(workflowSummarySchema) })),
  },
} as const;
