/** `npm run audit:verify`: prints the audit check's figures; exits 1 when anything is off, 2 when it could not run. */
import 'reflect-metadata';
import { Client, Connection } from '@temporalio/client';
import { settings } from '../../../../libs/config/settings';
import { createDataSource } from '../../../../libs/persistence/data-source';
import { temporalSettings } from '../../../../libs/temporal/temporal-settings';
import { auditClean, formatAuditReport, verifyAudit } from './verify-audit';

async function main(): Promise<void> {
  const temporal = temporalSettings();
  const dataSource = await createDataSource().initialize();
  const connection = await Connection.connect({ address: temporal.address });
  try {
    const report = await verifyAudit(dataSource, new Client({ connection, namespace: temporal.namespace }), {
      batchSize: settings().AUDIT_VERIFY_BATCH,
    });
    formatAuditReport(report).forEach((line) => console.log(line));
    process.exitCode = auditClean(report) ? 0 : 1;
  } finally {
    await connection.close();
    await dataSource.destroy();
  }
}

main().catch((error) => {
  console.error('audit check failed:', error);
  process.exit(2);
});
