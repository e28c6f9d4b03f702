/** `npm run audit:verify`: prints the audit check's figures; exits 1 when anything is off. */
import 'reflect-metadata';
import { Client, Connection } from '@temporalio/client';
import { createDataSource } from '../../../../libs/persistence/data-source';
import { temporalSettings } from '../../../../libs/temporal/temporal-settings';
import { verifyAudit } from './verify-audit';

async function main(): Promise<void> {
  const settings = temporalSettings();
  const dataSource = await createDataSource().initialize();
  const connection = await Connection.connect({ address: settings.address });
  try {
    const report = await verifyAudit(dataSource, new Client({ connection, namespace: settings.namespace }));
    console.log(`audit rows: ${report.rows}, chain: ${report.chainBrokenAt ? `BROKEN at row ${report.chainBrokenAt}` : 'intact'}`);
    console.log(`processes checked: ${report.processesChecked}, decisions cross-checked against Temporal: ${report.decisionsChecked}`);
    if (report.historiesGone.length) console.log(`histories no longer kept by Temporal (retention): ${report.historiesGone.length}`);
    report.mismatches.forEach((m) => console.log(`MISMATCH ${m}`));
    process.exitCode = report.chainBrokenAt || report.mismatches.length ? 1 : 0;
  } finally {
    await connection.close();
    await dataSource.destroy();
  }
}

main().catch((error) => {
  console.error('audit check failed:', error);
  process.exit(2);
});
