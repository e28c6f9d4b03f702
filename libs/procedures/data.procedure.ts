/** P5 数据采集 and P6 数据导入/装载 (001 §15–21) as one procedure module. */
import { createDataActivities } from '../../activities/data.activities';
import { dataCollectionWorkflow } from '../../workflows/data-collection.workflow';
import { dataImportWorkflow } from '../../workflows/data-import.workflow';
import { CHANNEL_POLICY, DATA_CHANNELS, DataChannel, SAMPLE_DATA_PROVIDERS } from '../domain/data-policy';
import { DATA_TASK_FORMS, DataCollectionStartInput, DataImportStartInput, DataRecordRow, OpenEntryRow } from '../forms/data.forms';
import type { FieldError } from '../forms/form-registry';
import { DataFileEntity } from '../persistence/entities/data-file.entity';
import { DataImportBatchEntity } from '../persistence/entities/data-import-batch.entity';
import { DataLoadErrorEntity } from '../persistence/entities/data-load-error.entity';
import { DataOpenEntryEntity } from '../persistence/entities/data-open-entry.entity';
import { DataProviderEntity } from '../persistence/entities/data-provider.entity';
import { DataFiles1795600000000 } from '../persistence/migrations/1795600000000-data-files';
import { DATA_VOCABULARY } from './data.vocabulary';
import { defineProcedure, processType } from './procedure';

export const dataProcedure = defineProcedure({
  key: 'data',
  vocabulary: DATA_VOCABULARY,
  processTypes: [
    processType({
      type: 'data-collection',
      title: { zh: '数据采集', en: 'Data collection' },
      policies: DATA_CHANNELS,
      startRoles: ['data_collector'],
      input: DataCollectionStartInput,
      workflow: dataCollectionWorkflow,
      describe: (input) => (input.period ? `公开渠道 · ${input.period}` : `${input.providerName} · ${input.fileName ?? '数据文件'}`),
      crossCheck: (policy, input): FieldError[] => {
        const channel = CHANNEL_POLICY[policy as DataChannel];
        if (!channel) return [];
        if (channel.monthly && !input.period) return [{ field: 'input.period', message: 'period (YYYY-MM) is required for the open channel' }];
        if (channel.agreement && !input.providerName) return [{ field: 'input.providerName', message: `providerName is required for the ${channel.key} channel` }];
        return [];
      },
    }),
    processType({
      type: 'data-import',
      title: { zh: '数据导入与装载', en: 'Data import and load' },
      startRoles: ['data_manager'],
      input: DataImportStartInput,
      workflow: dataImportWorkflow,
      describe: (input) => `${input.providerName} · ${input.fileName}`,
    }),
  ],
  workflowSources: ['data-collection.workflow', 'data-import.workflow'],
  forms: DATA_TASK_FORMS,
  /** 001 §18 (二): a file is formatted before it is imported; one sent to the safe is not. */
  formRules: {
    'data-import-run': (decision, data) =>
      decision === 'import' && data.preprocessed !== true ? [{ field: 'data.preprocessed', message: 'preprocessed must be true: the file is formatted before it is imported' }] : [],
  },
  nestedForms: [DataRecordRow, OpenEntryRow],
  entities: [DataProviderEntity, DataFileEntity, DataImportBatchEntity, DataLoadErrorEntity, DataOpenEntryEntity],
  migrations: [DataFiles1795600000000],
  activities: createDataActivities,
  async seedDemo(dataSource) {
    await dataSource
      .createQueryBuilder()
      .insert()
      .into(DataProviderEntity)
      .values(SAMPLE_DATA_PROVIDERS.map((p) => ({ ...p, channels: [...p.channels] })))
      .orIgnore()
      .execute();
  },
});
