/**
 * P5/P6 domain effects: data files and their versions, the open channel's entries, import
 * batches into the base database (基础库) and loads into the credit database (征信库).
 * Every write is idempotent (keyed by case, version, attempt), so a retried activity changes nothing twice.
 */
import { ApplicationFailure } from '@temporalio/activity';
import type { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type {
  CreateImportBatchInput,
  DataFileRef,
  ImportOutcome,
  LoadOutcome,
  OpenEntryInput,
  RegisterDataFileInput,
  RegisterLoadErrorInput,
} from '../libs/contracts/data-contracts';
import { WorkflowFailureType } from '../libs/contracts/failure-types';
import { CHANNEL_POLICY, DataChannel, DataImportCounts, DataRecord, ErrorNotice, OPEN_CHANNEL_PROVIDER, ProvidedRecord } from '../libs/domain/data-policy';
import { BatchRow, checkUnpack, countBatch, importRejection, OpenEntrySummary, rowsToLoad, summariseOpenEntries, UnpackCheck } from '../libs/domain/data-records';
import { CreditItemEntity } from '../libs/persistence/entities';
import { DataFileEntity } from '../libs/persistence/entities/data-file.entity';
import { DataImportBatchEntity } from '../libs/persistence/entities/data-import-batch.entity';
import { DataLoadErrorEntity } from '../libs/persistence/entities/data-load-error.entity';
import { DataOpenEntryEntity } from '../libs/persistence/entities/data-open-entry.entity';
import { DataProviderEntity } from '../libs/persistence/entities/data-provider.entity';
import type { ActivityDeps } from './index';

function fileRef(file: DataFileEntity): DataFileRef {
  return {
    fileId: file.id,
    version: file.version,
    channel: file.channel,
    providerName: file.providerName,
    fileName: file.fileName,
    registerNo: file.registerNo,
    recordsDeclared: file.recordsDeclared,
    recordsReceived: file.recordsReceived,
    status: file.status,
  };
}

export function createDataActivities({ dataSource }: ActivityDeps) {
  const files = () => dataSource.getRepository(DataFileEntity);

  async function lockBatch(tx: EntityManager, batchId: number): Promise<DataImportBatchEntity> {
    const batch = await tx.getRepository(DataImportBatchEntity).createQueryBuilder('b').setLock('pessimistic_write').where('b.id = :batchId', { batchId }).getOne();
    if (!batch) throw ApplicationFailure.nonRetryable(`no import batch ${batchId}`, WorkflowFailureType.DataBatchNotFound);
    return batch;
  }

  async function saveBatch(tx: EntityManager, batch: DataImportBatchEntity, rows: BatchRow[], patch: QueryDeepPartialEntity<DataImportBatchEntity>): Promise<DataImportCounts> {
    const loadAttempts = (patch.loadAttempts as number | undefined) ?? batch.loadAttempts;
    const counts = countBatch(rows, loadAttempts);
    await tx.update(DataImportBatchEntity, batch.id, {
      ...patch,
      rows: rows as never,
      recordsIn: counts.recordsIn,
      recordsRejected: counts.recordsRejected,
      recordsLoaded: counts.recordsLoaded,
      recordsExcluded: counts.recordsExcluded,
    });
    return counts;
  }

  /** Writes one version of a case's file once (retries insert nothing) and returns it. */
  async function saveFileVersion(row: QueryDeepPartialEntity<DataFileEntity> & { processId: string; version: number }): Promise<DataFileRef> {
    await dataSource.createQueryBuilder().insert().into(DataFileEntity).values(row).orIgnore().execute();
    return fileRef(await files().findOneByOrFail({ processId: row.processId, version: row.version }));
  }

  return {
    /** 001 §16 (一): agreement channels collect only from a provider whose agreement covers the channel. */
    async checkDataProvider(input: { providerName: string; channel: DataChannel }): Promise<{ rule: string; message: string } | null> {
      const provider = await dataSource.getRepository(DataProviderEntity).findOneBy({ name: input.providerName });
      if (!provider || !provider.active) return { rule: 'unknown-provider', message: `「${input.providerName}」不是登记在册的数据提供单位` };
      if (!provider.agreementNo) return { rule: 'no-agreement', message: `「${input.providerName}」尚未签署数据采集协议` };
      if (!provider.channels.includes(input.channel)) {
        return { rule: 'channel-not-agreed', message: `「${input.providerName}」的数据采集协议（${provider.agreementNo}）未约定${CHANNEL_POLICY[input.channel].titleZh}方式` };
      }
      return null;
    },

    /** 数据采集文件登记表: one version of the file per submission (idempotent on case + version). */
    async registerDataFile(input: RegisterDataFileInput): Promise<DataFileRef> {
      return saveFileVersion({
        processId: input.processId,
        version: input.version,
        channel: input.channel,
        providerName: input.providerName,
        fileName: input.fileName,
        registerNo: input.registerNo,
        recordsDeclared: input.recordsDeclared,
        recordsReceived: input.records.length,
        status: 'registered',
        records: input.records as never,
        registeredBy: input.registeredBy,
        enteredBy: input.enteredBy ?? null,
        witnessedBy: input.witnessedBy ?? null,
        registeredAt: new Date(input.registeredAt),
      });
    },

    /** The open channel's month: the 汇总信息清单 lines become the data file handed to the data manager. */
    async registerOpenChannelFile(input: { processId: string; fileName: string; registerNo: string; registeredBy: string; registeredAt: string }): Promise<DataFileRef> {
      const entries = await dataSource.getRepository(DataOpenEntryEntity).find({ where: { processId: input.processId }, order: { seq: 'ASC' } });
      const records: ProvidedRecord[] = entries.flatMap((e) => e.rows.map((r) => ({ subjectCode: r.subjectCode, subjectName: r.subjectName, itemName: e.itemName, value: r.value, provider: e.source })));
      return saveFileVersion({
        processId: input.processId,
        version: 1,
        channel: 'open',
        providerName: OPEN_CHANNEL_PROVIDER,
        fileName: input.fileName,
        registerNo: input.registerNo,
        recordsDeclared: entries.reduce((n, e) => n + e.records, 0),
        recordsReceived: records.length,
        status: 'registered',
        records: records as never,
        registeredBy: input.registeredBy,
        registeredAt: new Date(input.registeredAt),
      });
    },

    /** The data manager signed for the file (签收). */
    async receiveDataFile(input: { fileId: number; receivedBy: string; receivedAt: string }): Promise<void> {
      await files().update({ id: input.fileId, status: 'registered' }, { status: 'received', receivedBy: input.receivedBy, receivedAt: new Date(input.receivedAt) });
    },

    async checkDataFile(input: { fileId: number }): Promise<UnpackCheck> {
      const file = await files().findOneByOrFail({ id: input.fileId });
      return checkUnpack(file.recordsDeclared, file.records);
    },

    async unpackDataFile(input: { fileId: number; unpackedBy: string; supervisedBy: string }): Promise<void> {
      await files().update({ id: input.fileId, status: 'received' }, { status: 'unpacked', unpackedBy: input.unpackedBy, unpackSupervisedBy: input.supervisedBy });
    },

    /** 差错文件返还通知书: the file goes back to the provider (unpack errors) or carries the import's error file. */
    async returnDataFile(input: { fileId: number; notice: ErrorNotice; unpackedBy?: string; supervisedBy?: string }): Promise<void> {
      const file = await files().findOneByOrFail({ id: input.fileId });
      await files().update(input.fileId, {
        ...(input.notice.source === 'unpack' && { status: 'returned', unpackedBy: input.unpackedBy ?? null, unpackSupervisedBy: input.supervisedBy ?? null }),
        errorNotice: { ...(file.errorNotice ?? {}), ...input.notice } as never,
      });
    },

    /** The collector handed the notice and the erroneous records to the provider. */
    async recordReturnToProvider(input: { fileId: number; handedTo: string; contactedOn: string }): Promise<void> {
      const file = await files().findOneByOrFail({ id: input.fileId });
      if (!file.errorNotice) return;
      await files().update(input.fileId, { errorNotice: { ...file.errorNotice, handedTo: input.handedTo, contactedOn: input.contactedOn } as never });
    },

    /** 刻录光盘、存入保险柜、存放记录, under a second data manager's supervision. */
    async storeDataFile(input: { fileId: number; discNo: string; safeLocation: string; storedBy: string; supervisedBy: string; storedAt: string }): Promise<void> {
      await files().update(
        { id: input.fileId },
        {
          status: 'stored',
          discNo: input.discNo,
          storageLocation: `${input.safeLocation}（光盘 ${input.discNo}）`,
          storedBy: input.storedBy,
          storeSupervisedBy: input.supervisedBy,
          storedAt: new Date(input.storedAt),
        },
      );
    },

    /** One line of the 公开渠道采集汇总信息清单 (idempotent on case + line number). */
    async addOpenEntry(input: OpenEntryInput): Promise<void> {
      await dataSource
        .createQueryBuilder()
        .insert()
        .into(DataOpenEntryEntity)
        .values({ ...input, rows: input.rows as never, records: input.rows.length, enteredAt: new Date(input.enteredAt) })
        .orIgnore()
        .execute();
    },

    async summariseOpenEntries(input: { processId: string }): Promise<OpenEntrySummary> {
      const entries = await dataSource.getRepository(DataOpenEntryEntity).find({ where: { processId: input.processId }, order: { seq: 'ASC' } });
      return summariseOpenEntries(entries);
    },

    async dataFile(input: { fileId: number }): Promise<DataFileRef> {
      return fileRef(await files().findOneByOrFail({ id: input.fileId }));
    },

    /** A file handed straight to the IT department (P6 started on its own): received as it arrives. */
    async receiveImportFile(input: { processId: string; providerName: string; fileName: string; channel: DataChannel; records: DataRecord[]; receivedBy: string; receivedAt: string }): Promise<DataFileRef> {
      return saveFileVersion({
        processId: input.processId,
        version: 1,
        channel: input.channel,
        providerName: input.providerName,
        fileName: input.fileName,
        recordsDeclared: input.records.length,
        recordsReceived: input.records.length,
        status: 'received',
        records: input.records.map((r) => ({ ...r, provider: input.providerName })) as never,
        registeredBy: input.receivedBy,
        receivedBy: input.receivedBy,
        registeredAt: new Date(input.receivedAt),
        receivedAt: new Date(input.receivedAt),
      });
    },

    /** 数据导入文件登记表, signed by the IT head: the batch of the file's records (idempotent on the case). */
    async createImportBatch(input: CreateImportBatchInput): Promise<{ batchId: number; recordsTotal: number }> {
      const file = await files().findOneByOrFail({ id: input.fileId });
      await dataSource
        .createQueryBuilder()
        .insert()
        .into(DataImportBatchEntity)
        .values({
          processId: input.processId,
          fileId: input.fileId,
          registerNo: input.registerNo,
          status: 'approved',
          recordsTotal: file.records.length,
          rows: [] as never,
          registeredBy: input.registeredBy,
          registerSupervisedBy: input.registerSupervisedBy,
          approvedBy: input.approvedBy,
          approvedAt: new Date(input.approvedAt),
        })
        .orIgnore()
        .execute();
      await files().update({ id: input.fileId, status: 'stored' }, { status: 'importing' });
      await files().update({ id: input.fileId, status: 'received' }, { status: 'importing' });
      const batch = await dataSource.getRepository(DataImportBatchEntity).findOneByOrFail({ processId: input.processId });
      return { batchId: batch.id, recordsTotal: batch.recordsTotal };
    },

    /**
     * 001 §18 (二)(三): pre-process and import into the base database. Good records write their
     * base value (a new item is created without a credit value until it is loaded); the rest are
     * rejected with the reason and make the error file. The result is filled into the register.
     */
    async importBatch(input: { batchId: number; importedBy: string; importedAt: string }): Promise<ImportOutcome> {
      return dataSource.transaction(async (tx) => {
        const batch = await lockBatch(tx, input.batchId);
        if (batch.status !== 'approved') {
          const counts = countBatch(batch.rows, batch.loadAttempts);
          return { ...counts, rejected: batch.rows.filter((r) => r.state === 'rejected').map(({ state: _s, attempt: _a, reason, ...r }) => ({ ...r, reason: reason ?? '' })) };
        }
        const file = await tx.findOneByOrFail(DataFileEntity, { id: batch.fileId });
        const seen = new Set<string>();
        const rows: BatchRow[] = [];
        for (const record of file.records) {
          const reason = importRejection(record, seen);
          if (reason) {
            rows.push({ ...record, state: 'rejected', reason });
            continue;
          }
          const existing = await tx.findOneBy(CreditItemEntity, { subjectCode: record.subjectCode, itemName: record.itemName });
          if (existing?.deletedAt) {
            rows.push({ ...record, state: 'rejected', reason: '该信息项已依规删除，不再接收' });
            continue;
          }
          if (existing) {
            await tx.update(CreditItemEntity, existing.id, { baseValue: record.value, providerName: record.provider });
          } else {
            await tx.insert(CreditItemEntity, { subjectCode: record.subjectCode, subjectName: record.subjectName, itemName: record.itemName, providerName: record.provider, baseValue: record.value, creditValue: null });
          }
          rows.push({ ...record, state: 'imported' });
        }
        const counts = await saveBatch(tx, batch, rows, { status: 'imported', importedBy: input.importedBy, importedAt: new Date(input.importedAt) });
        await tx.update(DataFileEntity, { id: batch.fileId }, { status: 'imported' });
        return { ...counts, rejected: rows.filter((r) => r.state === 'rejected').map(({ state: _s, reason, ...r }) => ({ ...r, reason: reason ?? '' })) };
      });
    },

    async recordImportErrorNotice(input: { batchId: number; notice: ErrorNotice }): Promise<void> {
      const batch = await dataSource.getRepository(DataImportBatchEntity).findOneByOrFail({ id: input.batchId });
      await dataSource.getRepository(DataImportBatchEntity).update(input.batchId, { errorNotice: input.notice as never });
      const file = await files().findOneByOrFail({ id: batch.fileId });
      await files().update(batch.fileId, { errorNotice: { ...(file.errorNotice ?? {}), ...input.notice } as never });
    },

    /**
     * 001 §19: after the IT head's on-site authorisation, the imported records are loaded into the
     * credit database (the base value becomes the credit value). A record whose subject the credit
     * database knows under another name cannot be matched: it stays out and makes the load's error
     * file, unless the data manager re-matched it after checking (装载差错文件登记表).
     * Idempotent on the attempt number.
     */
    async loadBatch(input: { batchId: number; attempt: number; loadedBy: string; authorisedBy: string; loadedAt: string }): Promise<LoadOutcome> {
      return dataSource.transaction(async (tx) => {
        const batch = await lockBatch(tx, input.batchId);
        const errorsOf = (rows: BatchRow[]) => rows.filter((r) => r.state === 'load-error' && r.attempt === input.attempt).map(({ state: _s, attempt: _a, reason, ...r }) => ({ ...r, reason: reason ?? '' }));
        if (batch.loadAttempts >= input.attempt) {
          const counts = countBatch(batch.rows, batch.loadAttempts);
          return { ...counts, attempt: input.attempt, loadedNow: batch.rows.filter((r) => r.state === 'loaded' && r.attempt === input.attempt).length, errors: errorsOf(batch.rows) };
        }
        const rows = batch.rows.map((r) => ({ ...r }));
        let loadedNow = 0;
        for (const row of rowsToLoad(rows)) {
          const registered: Array<{ subject_name: string }> = await tx.query(
            `SELECT subject_name FROM credit_items WHERE subject_code = $1 AND credit_value IS NOT NULL AND deleted_at IS NULL AND subject_name <> $2 LIMIT 1`,
            [row.subjectCode, row.subjectName],
          );
          if (registered.length > 0 && row.state !== 'rematched') {
            Object.assign(row, { state: 'load-error', attempt: input.attempt, reason: `主体名称与征信库登记的「${registered[0].subject_name}」不一致，无法匹配` });
            continue;
          }
          await tx.query(
            `UPDATE credit_items SET credit_value = base_value, subject_name = coalesce($3, subject_name), updated_at = now() WHERE subject_code = $1 AND item_name = $2 AND deleted_at IS NULL`,
            [row.subjectCode, row.itemName, registered[0]?.subject_name ?? null],
          );
          Object.assign(row, { state: 'loaded', attempt: input.attempt, reason: undefined });
          loadedNow += 1;
        }
        const allDone = rows.every((r) => r.state !== 'load-error' && r.state !== 'imported' && r.state !== 'rematched');
        const counts = await saveBatch(tx, batch, rows, {
          loadAttempts: input.attempt,
          loadedBy: input.loadedBy,
          authorisedBy: input.authorisedBy,
          loadedAt: new Date(input.loadedAt),
          ...(allDone && { status: 'loaded' }),
        });
        if (allDone) await tx.update(DataFileEntity, { id: batch.fileId }, { status: 'loaded' });
        return { ...counts, attempt: input.attempt, loadedNow, errors: errorsOf(rows) };
      });
    },

    /**
     * 装载差错文件登记表: the load's error file, its cause and the remedy. `rematch`: the subject was
     * verified (e.g. a change of name) and the records go into the next load; `exclude`: they stay
     * out of the credit database. Idempotent on the attempt.
     */
    async registerLoadError(input: RegisterLoadErrorInput): Promise<DataImportCounts> {
      return dataSource.transaction(async (tx) => {
        const batch = await lockBatch(tx, input.batchId);
        const errors = batch.rows.filter((r) => r.state === 'load-error' && r.attempt === input.attempt);
        await tx
          .createQueryBuilder()
          .insert()
          .into(DataLoadErrorEntity)
          .values({
            batchId: input.batchId,
            attempt: input.attempt,
            errorFileName: input.errorFileName,
            records: errors.length,
            cause: input.cause,
            remedy: input.remedy,
            resolution: input.resolution === 'rematch' ? 'rematched' : 'excluded',
            rows: errors as never,
            registeredBy: input.registeredBy,
            registeredAt: new Date(input.registeredAt),
          })
          .orIgnore()
          .execute();
        const next: BatchRow['state'] = input.resolution === 'rematch' ? 'rematched' : 'excluded';
        const rows = batch.rows.map((r) => (r.state === 'load-error' && r.attempt === input.attempt ? { ...r, state: next } : r));
        const allDone = rows.every((r) => r.state !== 'load-error' && r.state !== 'imported' && r.state !== 'rematched');
        const counts = await saveBatch(tx, batch, rows, allDone ? { status: 'loaded' } : {});
        if (allDone) await tx.update(DataFileEntity, { id: batch.fileId }, { status: 'loaded' });
        return counts;
      });
    },
  };
}
