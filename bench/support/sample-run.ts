import { SAMPLE_WORKFLOW_IDS } from '../../emulator/sample-workflows.ts';

/** The run every measure sends: the emulator's company brief workflow with both its inputs. */
export const SAMPLE_RUN = {
  appId: SAMPLE_WORKFLOW_IDS.companyBrief,
  inputsText: '{"company_name":"Acme Corporation","industry":"Technology"}',
  isDraft: false,
};

/** The JSON body of `POST /v1/workflows/run` for SAMPLE_RUN, as the peers send it. */
export const SAMPLE_RUN_BODY = `{"app_id":"${SAMPLE_RUN.appId}","inputs":${SAMPLE_RUN.inputsText},"is_draft_app":false}`;
