import { RequiredText } from './fields';

/** The archivist's receipt when a case's documents are filed (归档). */
export class ArchiveReceiptForm {
  @RequiredText('档案编号（回执号）', 50)
  receiptNo!: string;
}
