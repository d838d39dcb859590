/*
 * Workflows and the plain app that the emulator serves. Each workflow's job output is built from
 * its inputs alone, so the same run always produces the same text.
 */

/** One declared input, with the fields that the Hatz API reference lists for `user_inputs`. */
export interface SampleUserInput {
  variable_name: string;
  display_name: string;
  description: string;
  variable_type: string;
  required: boolean;
  position: number;
  object_id: string;
}

// NOTE: the reference names `prompt_sections` and `dependencies` but not their element shape, so
// the `{type, content}` sections and `{step_id, depends_on}` dependencies here are guesses.
export interface SamplePromptSection {
  type: 'text';
  content: string;
}

export interface SampleStep {
  id: string;
  display_name: string;
  step_type: 'prompt';
  position: number;
  config: { model: string };
  prompt_sections: SamplePromptSection[];
}

export interface SampleDependency {
  step_id: string;
  depends_on: string[];
}

/** An app or workflow as `GET /v1/app/list` and `GET /v1/app/{app_id}` return it. */
export interface SampleAppRecord {
  id: string;
  name: string;
  description: string;
  files: never[];
  constants: never[];
  user_inputs: SampleUserInput[];
  steps?: SampleStep[];
  dependencies?: SampleDependency[];
  prompt_sections?: SamplePromptSection[];
  default_model?: string;
}

/** Result of a job: one output per step, in step order, or an error message. */
export type SampleJobOutcome =
  { state: 'complete'; stepOutputs: string[] } | { state: 'failed'; error: string };

/** Files uploaded to the emulator, for workflows that name the file in their output. */
export interface SampleJobContext {
  fileName(fileId: string): string | undefined;
}

/** Timing and result of a workflow's job. Durations are in ms at `jobTimeScale` 1. */
export interface SampleJobPlan {
  pendingMs: number;
  durationMs: number;
  produceOutcome(inputs: Record<string, unknown>, context: SampleJobContext): SampleJobOutcome;
}

/** A served app or workflow. Only workflows have a job plan, because only they can be run. */
export interface SampleApp {
  record: SampleAppRecord;
  job?: SampleJobPlan;
}

export const SAMPLE_WORKFLOW_IDS = {
  companyBrief: '2cfc529e-6fd9-4a82-8f27-87b6f395c930',
  dailyDigest: '6c594c69-daba-46ea-a3d6-b12a965280a0',
  teamCostEstimate: 'e41d385a-1ed7-431a-bc2a-598efe38e0c6',
  invoiceExtraction: 'f95f520a-97bf-4e07-9cb6-ef0c28da67f6',
  marketReport: '45139a7e-f989-40ce-a002-fa8f699f1860',
  documentSummary: 'f227fea4-7431-4f07-be79-7bd5ffe44aa6',
  emailToneChecker: '940c9dc4-da85-4c21-9363-d5a36b468016',
} as const;

const DEFAULT_MODEL = 'gpt-4o';

const companyBrief: SampleApp = {
  record: {
    id: SAMPLE_WORKFLOW_IDS.companyBrief,
    name: 'Company research brief',
    description: 'Writes a short research brief about a company for a sales call.',
    files: [],
    constants: [],
    user_inputs: [
      {
        variable_name: 'company_name',
        display_name: 'Company name',
        description: 'The company to research, as its customers know it.',
        variable_type: 'short_answer',
        required: true,
        position: 0,
        object_id: '6c37eb5f-15ba-47f9-96e3-c7a246f096fc',
      },
      {
        variable_name: 'industry',
        display_name: 'Industry',
        description: 'The industry the company works in.',
        variable_type: 'short_answer',
        required: true,
        position: 1,
        object_id: '8a13d107-4286-41c2-8539-811487b88e96',
      },
    ],
    steps: [
      promptStep(
        'f6b1074f-fbfa-4090-be96-25d564547c44',
        0,
        'Gather facts',
        'List facts about {{company_name}}.',
      ),
      promptStep(
        'b07fa178-4b90-4d85-9eb5-fa069282cbc5',
        1,
        'Write brief',
        'Write a brief on {{company_name}}.',
      ),
    ],
    dependencies: [
      {
        step_id: 'b07fa178-4b90-4d85-9eb5-fa069282cbc5',
        depends_on: ['f6b1074f-fbfa-4090-be96-25d564547c44'],
      },
    ],
  },
  job: {
    pendingMs: 300,
    durationMs: 1500,
    produceOutcome(inputs) {
      const company = inputText(inputs, 'company_name');
      const industry = inputText(inputs, 'industry');
      const notes = `Notes on ${company}: a company in the ${industry} industry.`;
      const brief = [
        `# ${company}: company brief`,
        '',
        `**Industry:** ${industry}`,
        '',
        '## Overview',
        `${company} works in the ${industry} industry. The Hatz API emulator wrote this brief from`,
        'the inputs alone, so it contains no researched facts.',
        '',
        '## Questions for the call',
        `1. Which problems does ${company} expect to solve this year?`,
        `2. Who are its main competitors in ${industry}?`,
        '3. Who else takes part in the buying decision?',
      ].join('\n');
      return { state: 'complete', stepOutputs: [notes, brief] };
    },
  },
};

const dailyDigest: SampleApp = {
  record: {
    id: SAMPLE_WORKFLOW_IDS.dailyDigest,
    name: 'Daily team digest',
    description: 'Writes a fixed morning message for the team. Takes no inputs.',
    files: [],
    constants: [],
    user_inputs: [],
    steps: [
      promptStep('f543c7d9-45b5-4896-89f1-46da48560f0b', 0, 'Write digest', 'Write a digest.'),
    ],
    dependencies: [],
  },
  job: {
    pendingMs: 200,
    durationMs: 1000,
    produceOutcome() {
      return {
        state: 'complete',
        stepOutputs: ['Good morning, team. Today: review open tickets, then the 11:00 stand-up.'],
      };
    },
  },
};

const teamCostEstimate: SampleApp = {
  record: {
    id: SAMPLE_WORKFLOW_IDS.teamCostEstimate,
    name: 'Team cost estimate',
    description: 'Estimates the monthly cost of a team from its size, with or without travel.',
    files: [],
    constants: [],
    // NOTE: only `short_answer` and `file_upload` are documented variable types. `number` and
    // `boolean` are guessed names for a number input and a yes/no input.
    user_inputs: [
      {
        variable_name: 'team_size',
        display_name: 'Team size',
        description: 'Number of people on the team.',
        variable_type: 'number',
        required: true,
        position: 0,
        object_id: '97bf6667-35a7-4746-bdcc-fa1de6966b2d',
      },
      {
        variable_name: 'include_travel',
        display_name: 'Include travel',
        description: 'Whether to add a travel budget.',
        variable_type: 'boolean',
        required: false,
        position: 1,
        object_id: '28f38df5-e8ce-4868-8357-1ef65a9b8f2a',
      },
    ],
    steps: [promptStep('66256951-e2d7-4eb9-b2f0-1828d644b94c', 0, 'Estimate cost', 'Estimate.')],
    dependencies: [],
  },
  job: {
    pendingMs: 200,
    durationMs: 1000,
    produceOutcome(inputs) {
      const rawTeamSize = inputs['team_size'];
      const teamSize = Number(rawTeamSize);
      if (!Number.isInteger(teamSize) || teamSize < 1) {
        const received = JSON.stringify(rawTeamSize);
        const reason = `team_size must be an integer above 0, got ${received}`;
        return { state: 'failed', error: `Step 1 (Estimate cost) failed: ${reason}.` };
      }
      const includeTravel = parseYesNo(inputs['include_travel']);
      const cost = teamSize * 9500 + (includeTravel ? teamSize * 1200 : 0);
      const travelText = includeTravel ? 'travel included' : 'travel not included';
      return {
        state: 'complete',
        stepOutputs: [
          `Estimated monthly cost for a team of ${teamSize}: $${cost} (${travelText}).`,
        ],
      };
    },
  },
};

const invoiceExtraction: SampleApp = {
  record: {
    id: SAMPLE_WORKFLOW_IDS.invoiceExtraction,
    name: 'Invoice line items',
    description: 'Extracts line items from invoice text. Its job always fails, for practice.',
    files: [],
    constants: [],
    user_inputs: [
      {
        variable_name: 'invoice_text',
        display_name: 'Invoice text',
        description: 'The invoice, pasted as text.',
        variable_type: 'short_answer',
        required: false,
        position: 0,
        object_id: 'e1cce1ec-c108-4c94-a73a-ef15448c07ca',
      },
    ],
    steps: [
      promptStep('58fbc365-79a8-48fa-aa01-2fa4d6d1c5fd', 0, 'Read invoice', 'Read the invoice.'),
      promptStep('bd857747-35ad-4d4a-b95e-dfabf4f79aed', 1, 'Extract line items', 'Extract.'),
    ],
    dependencies: [
      {
        step_id: 'bd857747-35ad-4d4a-b95e-dfabf4f79aed',
        depends_on: ['58fbc365-79a8-48fa-aa01-2fa4d6d1c5fd'],
      },
    ],
  },
  job: {
    pendingMs: 200,
    durationMs: 1000,
    produceOutcome() {
      return {
        state: 'failed',
        error: 'Step 2 (Extract line items) failed: the model returned an empty response.',
      };
    },
  },
};

const marketReport: SampleApp = {
  record: {
    id: SAMPLE_WORKFLOW_IDS.marketReport,
    name: 'Quarterly market report',
    description: 'Writes a long market report. Its job takes about 8 seconds.',
    files: [],
    constants: [],
    user_inputs: [
      {
        variable_name: 'region',
        display_name: 'Region',
        description: 'Market region; all regions if empty.',
        variable_type: 'short_answer',
        required: false,
        position: 0,
        object_id: '39fb694a-65e7-455e-bcad-256670da6f77',
      },
    ],
    steps: [
      promptStep('1b80a587-a2bf-4d67-a0ce-dbb838ad86f4', 0, 'Write report', 'Write a report.'),
    ],
    dependencies: [],
  },
  job: {
    pendingMs: 1000,
    durationMs: 8000,
    produceOutcome(inputs) {
      const region = optionalInputText(inputs, 'region') ?? 'all regions';
      return {
        state: 'complete',
        stepOutputs: [`# Quarterly market report (${region})\n\nDemand held steady this quarter.`],
      };
    },
  },
};

const documentSummary: SampleApp = {
  record: {
    id: SAMPLE_WORKFLOW_IDS.documentSummary,
    name: 'Document summary',
    description: 'Summarizes an uploaded document.',
    files: [],
    constants: [],
    user_inputs: [
      {
        variable_name: 'document',
        display_name: 'Document',
        description: 'The document to summarize, uploaded first.',
        variable_type: 'file_upload',
        required: true,
        position: 0,
        object_id: '3be06830-43ff-429d-8e38-7bf1285f9b83',
      },
      {
        variable_name: 'focus',
        display_name: 'Focus',
        description: 'What the summary should concentrate on.',
        variable_type: 'short_answer',
        required: false,
        position: 1,
        object_id: 'f510e72d-79b9-417c-bb3a-b4ee3a0637ad',
      },
    ],
    steps: [promptStep('61b28e04-3f64-4318-bafa-4db1a65d254c', 0, 'Summarize', 'Summarize.')],
    dependencies: [],
  },
  job: {
    pendingMs: 300,
    durationMs: 2000,
    produceOutcome(inputs, context) {
      const fileId = inputText(inputs, 'document');
      const fileName = context.fileName(fileId) ?? fileId;
      const focus = optionalInputText(inputs, 'focus') ?? 'the main points';
      return {
        state: 'complete',
        stepOutputs: [
          `Summary of ${fileName}, focused on ${focus}: the emulator does not read files.`,
        ],
      };
    },
  },
};

const emailToneChecker: SampleApp = {
  record: {
    id: SAMPLE_WORKFLOW_IDS.emailToneChecker,
    name: 'Email tone checker',
    description: 'A plain app, not a workflow: it checks the tone of an email.',
    files: [],
    constants: [],
    user_inputs: [
      {
        variable_name: 'email_text',
        display_name: 'Email text',
        description: 'The email to check.',
        variable_type: 'short_answer',
        required: true,
        position: 0,
        object_id: '8884551b-9b8e-4a0d-97d9-967a8a46b42c',
      },
    ],
    prompt_sections: [{ type: 'text', content: 'Rate the tone of this email: {{email_text}}' }],
    default_model: DEFAULT_MODEL,
  },
};

export const SAMPLE_APPS: readonly SampleApp[] = [
  companyBrief,
  dailyDigest,
  teamCostEstimate,
  invoiceExtraction,
  marketReport,
  documentSummary,
  emailToneChecker,
];

/** Returns the sample app or workflow with this id, compared case-insensitively as UUIDs are. */
export function findSampleApp(appId: string): SampleApp | undefined {
  const normalizedId = appId.toLowerCase();
  return SAMPLE_APPS.find((app) => app.record.id === normalizedId);
}

function promptStep(id: string, position: number, displayName: string, prompt: string): SampleStep {
  return {
    id,
    display_name: displayName,
    step_type: 'prompt',
    position,
    config: { model: DEFAULT_MODEL },
    prompt_sections: [{ type: 'text', content: prompt }],
  };
}

function inputText(inputs: Record<string, unknown>, name: string): string {
  return optionalInputText(inputs, name) ?? '';
}

function optionalInputText(inputs: Record<string, unknown>, name: string): string | undefined {
  const value = inputs[name];
  if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

function parseYesNo(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') return ['true', 'yes', '1'].includes(value.trim().toLowerCase());
  return value === 1;
}
