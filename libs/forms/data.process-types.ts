/** P5 data collection and P6 import and load, as the API lists and starts them. */
import { CHANNEL_POLICY, DATA_CHANNELS, DataChannel } from '../domain/data-policy';
import { DataCollectionStartInput, DataImportStartInput, DataRecordRow, OpenEntryRow } from './data.forms';
import { FieldError, registerNestedForm } from './form-registry';
import type { ProcessTypeDefinition } from './process-types';

registerNestedForm(DataRecordRow);
registerNestedForm(OpenEntryRow);

export const DATA_PROCESS_TYPES: ProcessTypeDefinition[] = [
  {
    type: 'data-collection',
    title: 'Data collection',
    titleZh: '数据采集',
    policies: DATA_CHANNELS,
    startRoles: ['data_collector'],
    inputClass: DataCollectionStartInput,
    workflowType: 'dataCollectionWorkflow',
    describe: (input) => (input.period ? `公开渠道 · ${input.period}` : `${input.providerName} · ${input.fileName ?? '数据文件'}`),
    crossCheck: (policy, input): FieldError[] => {
      const channel = CHANNEL_POLICY[policy as DataChannel];
      if (!channel) return [];
      if (channel.monthly && !input.period) return [{ field: 'input.period', message: 'period (YYYY-MM) is required for the open channel' }];
      if (channel.agreement && !input.providerName) return [{ field: 'input.providerName', message: `providerName is required for the ${channel.key} channel` }];
      return [];
    },
  },
  {
    type: 'data-import',
    title: 'Data import and load',
    titleZh: '数据导入与装载',
    startRoles: ['data_manager'],
    inputClass: DataImportStartInput,
    workflowType: 'dataImportWorkflow',
    describe: (input) => `${input.providerName} · ${input.fileName}`,
  },
];
